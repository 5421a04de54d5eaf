import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../contracts/people';
import { isApiError } from '../../../lib/api';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { FormModal } from '../../../lib/form-modal';
import { peopleKeys, useChangeStatus, useUpdatePerson } from '../api/people.api';
import { peopleError } from './people-error';
import { PersonFields, type PersonValues, toInitialValues, toUpdateBody } from './person-fields';

/** Correct a person (PATCH with the version). A 409 reloads the person and says so. */
export function EditPersonDialog(props: { person: Person; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('people');
  const { message } = useFeedback();
  const qc = useQueryClient();
  const [form] = Form.useForm<PersonValues>();
  const update = useUpdatePerson(props.person.id);
  const initial = useMemo(() => toInitialValues(props.person, (s) => dayjs(s)), [props.person]);
  return (
    <Modal
      open={props.open}
      title={t('edit.title')}
      width={780}
      onCancel={props.onClose}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('edit.keepHint')} style={{ marginBottom: 16 }} />
      <Form<PersonValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(v) => {
          const body = toUpdateBody(props.person, initial, v);
          if (Object.keys(body).length === 0) {
            void message.info(t('edit.nothing'));
            props.onClose();
            return;
          }
          update.mutate(
            { ...body, version: props.person.version },
            {
              onSuccess: () => {
                void message.success(t('common:state.saved'));
                props.onClose();
              },
              onError: (e) => {
                if (isApiError(e, 'platform.version_conflict')) {
                  void qc.invalidateQueries({ queryKey: peopleKeys.person(props.person.id) });
                  void message.warning(t('edit.conflict'), 6);
                  props.onClose();
                  return;
                }
                if (!applyServerErrors(form, e)) void message.error(peopleError(e), 5);
              },
            },
          );
        }}
      >
        <PersonFields person={props.person} />
      </Form>
    </Modal>
  );
}

/** 迁出 / 去世 / 恢复: a state change with an optional note; the record is never deleted. */
export function StatusDialog(props: {
  person: Person;
  to: 'active' | 'moved_out' | 'deceased' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('people');
  const qc = useQueryClient();
  const change = useChangeStatus(props.person.id);
  const action = props.to ? t(`status_change.${props.to}`) : '';
  return (
    <FormModal<{ note?: string }>
      open={props.to !== null}
      onClose={props.onClose}
      title={action}
      okText={action}
      onSubmit={(v) =>
        change
          .mutateAsync({
            status: props.to!,
            version: props.person.version,
            note: v.note?.trim() || undefined,
          })
          .catch((e) => {
            if (isApiError(e, 'platform.version_conflict'))
              void qc.invalidateQueries({ queryKey: peopleKeys.person(props.person.id) });
            throw e;
          })
      }
    >
      <p className="gz-muted" style={{ marginTop: 0 }}>
        {t('status_change.help')}
      </p>
      <Form.Item name="note" label={t('status_change.note')}>
        <Input maxLength={200} placeholder={t('status_change.notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
