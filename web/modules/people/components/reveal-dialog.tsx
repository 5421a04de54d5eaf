import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Person,
  SENSITIVE_PERSON_FIELDS,
  type SensitivePersonField,
} from '../../../../contracts/people';
import { ApiError } from '../../../lib/api';
import { revealPerson } from '../api/people.api';
import { peopleError } from './people-error';

interface Values {
  fields: SensitivePersonField[];
  purpose: string;
}

/**
 * Asks which fields and why, then fetches the clear values (the server writes the access log).
 * The answer goes to `onRevealed` only, never into a shared cache.
 */
export function RevealDialog(props: {
  person: Person;
  open: boolean;
  onClose: () => void;
  onRevealed: (p: Person, purpose: string) => void;
}) {
  const { t } = useTranslation('people');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; body: string } | null>(null);
  const p = props.person;
  const recorded = SENSITIVE_PERSON_FIELDS.filter((f) => p[f] !== null);
  return (
    <Modal
      open={props.open}
      title={t('reveal.title')}
      onCancel={props.onClose}
      okText={t('reveal.ok')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      <p className="gz-muted" style={{ marginTop: 0 }}>
        {t('reveal.intro')}
      </p>
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error.title}
          description={error.body}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ fields: [] }}
        onFinish={async (v) => {
          setBusy(true);
          setError(null);
          try {
            const clear = await revealPerson(p.id, { fields: v.fields, purpose: v.purpose.trim() });
            props.onRevealed(clear, v.purpose.trim());
            props.onClose();
          } catch (e) {
            const minor = e instanceof ApiError && e.code === 'people.minor_consent_missing';
            setError({
              title: minor ? t('reveal.minorTitle') : t('common:state.error'),
              body: peopleError(e),
            });
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="fields"
          label={t('reveal.fields')}
          // A validator rather than `required`: antd would put aria-required on the checkbox group, which
          // axe rejects for that role.
          rules={[
            {
              validator: (_, v: unknown[] | undefined) =>
                v?.length ? Promise.resolve() : Promise.reject(new Error(t('reveal.fieldsRule'))),
            },
          ]}
        >
          <Checkbox.Group
            className="gz-reveal-fields"
            options={SENSITIVE_PERSON_FIELDS.map((f) => ({
              value: f,
              label: t(`field.${f}`),
              disabled: !recorded.includes(f),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('reveal.purpose')}
          extra={t('reveal.purposeHelp')}
          rules={[{ required: true, whitespace: true, message: t('reveal.purposeRule') }]}
        >
          <Input.TextArea
            maxLength={200}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('reveal.purposePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
