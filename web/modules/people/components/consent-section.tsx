import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Popconfirm, Radio, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsentPurpose, type Person } from '../../../../contracts/people';
import { useFeedback } from '../../../lib/feedback';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, ErrorState, LoadingState } from '../../../lib/page-state';
import { consentsQuery, useAddConsent, useWithdrawConsent } from '../api/people.api';
import { peopleError } from './people-error';

interface Values {
  purpose: (typeof ConsentPurpose.options)[number];
  givenBy: 'self' | 'guardian';
  scope?: string;
}

/** Consent records per purpose (processing, sharing, publishing, a minor's data): list, add, withdraw. */
export function ConsentSection(props: { person: Person; canWrite: boolean }) {
  const { t } = useTranslation('people');
  const { message } = useFeedback();
  const p = props.person;
  const q = useQuery(consentsQuery(p.id));
  const add = useAddConsent(p.id);
  const withdraw = useWithdrawConsent(p.id);
  const [open, setOpen] = useState(false);
  return (
    <Card
      title={<h2 className="gz-card-title">{t('consent.title')}</h2>}
      extra={
        props.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('consent.add')}
          </Button>
        ) : null
      }
    >
      {q.isPending ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState description={t('consent.empty')} />
      ) : (
        <ul className="gz-plain-list">
          {q.data.map((c) => (
            <li key={c.id} className="gz-list-item">
              <Flex justify="space-between" align="flex-start" gap={8} wrap>
                <div>
                  <Flex gap={6} align="center" wrap>
                    <strong>{t(`consentPurpose.${c.purpose}`)}</strong>
                    {c.withdrawnAt ? (
                      <Tag>{t('consent.withdrawn')}</Tag>
                    ) : (
                      <Tag color="green">{t('consent.valid')}</Tag>
                    )}
                  </Flex>
                  {c.scope ? <div className="gz-person-line">{c.scope}</div> : null}
                  <div className="gz-muted">
                    {t('consent.givenBy')}:{t(`givenBy.${c.givenBy}`)} · {t('consent.givenAt')}:
                    {formatDateTime(c.givenAt)}
                    {c.withdrawnAt ? ` · ${t('consent.withdrawnAt')}:${formatDateTime(c.withdrawnAt)}` : ''}
                  </div>
                </div>
                {props.canWrite && !c.withdrawnAt ? (
                  <Popconfirm
                    title={t('consent.withdrawConfirm')}
                    okText={t('consent.withdraw')}
                    cancelText={t('common:actions.cancel')}
                    onConfirm={() =>
                      withdraw.mutateAsync(c.id).then(
                        () => void message.success(t('consent.withdrawDone')),
                        (e) => void message.error(peopleError(e)),
                      )
                    }
                  >
                    <Button
                      size="small"
                      danger
                      aria-label={`${t('consent.withdraw')} ${t(`consentPurpose.${c.purpose}`)}`}
                    >
                      {t('consent.withdraw')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            </li>
          ))}
        </ul>
      )}
      <FormModal<Values>
        open={open}
        onClose={() => setOpen(false)}
        title={t('consent.addTitle')}
        initialValues={{
          purpose: p.minor ? 'minor_processing' : 'processing',
          givenBy: p.minor ? 'guardian' : 'self',
        }}
        onSubmit={(v) =>
          add.mutateAsync({
            purpose: v.purpose,
            givenBy: v.givenBy,
            guardianId: v.givenBy === 'guardian' ? p.guardianId : null,
            scope: v.scope?.trim() || null,
          })
        }
      >
        <Form.Item name="purpose" label={t('consent.purpose')} rules={[{ required: true }]}>
          <Select
            options={ConsentPurpose.options.map((x) => ({ value: x, label: t(`consentPurpose.${x}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="givenBy"
          label={t('consent.givenBy')}
          rules={[{ required: true }]}
          extra={p.guardianId ? undefined : t('consent.guardianNeeded')}
        >
          <Radio.Group
            options={(['self', 'guardian'] as const).map((x) => ({ value: x, label: t(`givenBy.${x}`) }))}
          />
        </Form.Item>
        <Form.Item name="scope" label={t('consent.scope')}>
          <Input maxLength={200} placeholder={t('consent.scopePlaceholder')} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
