import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, InputNumber, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionRecordType } from '../../../../contracts/people';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { PageHeader, QueryState } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { retentionQuery, usePurge, useSetRetention } from '../api/rights.api';

type RecordType = (typeof RetentionRecordType.options)[number];

/** 保存期限: how long moved-out / deceased residents and the access log are kept, and purge now. */
export function RetentionPage() {
  const { t } = useTranslation('people');
  const { tenantId } = useSession();
  const { message } = useFeedback();
  const phone = usePhone();
  const q = useQuery(retentionQuery(tenantId));
  const save = useSetRetention();
  const purge = usePurge();
  const [edits, setEdits] = useState<Partial<Record<RecordType, number>>>({});

  const submit = async () => {
    if (!tenantId) return;
    const settings = Object.entries(edits).map(([recordType, keepDays]) => ({
      recordType: recordType as RecordType,
      keepDays: keepDays!,
    }));
    if (!settings.length) return;
    try {
      await save.mutateAsync({ tenantId, settings });
      setEdits({});
      void message.success(t('common:state.saved'));
    } catch (e) {
      void message.error(errorMessage(e), 5);
    }
  };
  const purgeNow = async () => {
    if (!tenantId) return;
    try {
      const r = await purge.mutateAsync(tenantId);
      void message.success(
        t('retention.purged', {
          people: r.anonymizedPeople,
          log: r.deletedAccessLog,
          files: r.deletedJobFiles,
        }),
        6,
      );
    } catch (e) {
      void message.error(errorMessage(e), 5);
    }
  };

  return (
    <>
      <PageHeader title={t('retention.title')} subtitle={t('retention.subtitle')} />
      <Card>
        <QueryState query={q}>
          {(rows) => (
            <Flex vertical gap={16}>
              <Table
                rowKey="recordType"
                pagination={false}
                dataSource={rows}
                columns={[
                  {
                    title: t('retention.recordType'),
                    dataIndex: 'recordType',
                    render: (v: RecordType, r) => (
                      <>
                        <div>{t(`retention.types.${v}`)}</div>
                        {phone ? (
                          <div className="gz-muted gz-small">
                            {t('retention.minDays')} {t('retention.daysCount', { count: r.minDays })}
                          </div>
                        ) : null}
                      </>
                    ),
                  },
                  {
                    title: t('retention.keepDays'),
                    key: 'keep',
                    render: (_, r) => (
                      <Flex gap={8} align="center" wrap>
                        <InputNumber
                          aria-label={`${t(`retention.types.${r.recordType}`)} ${t('retention.keepDays')}`}
                          min={r.minDays}
                          max={36500}
                          value={edits[r.recordType as RecordType] ?? r.keepDays}
                          onChange={(v) => setEdits((e) => ({ ...e, [r.recordType]: v ?? r.minDays }))}
                          addonAfter={t('retention.days')}
                          style={{ width: phone ? 130 : 160 }}
                        />
                        {r.isDefault ? <Tag>{t('retention.default')}</Tag> : null}
                      </Flex>
                    ),
                  },
                  ...(phone
                    ? []
                    : [
                        {
                          title: t('retention.minDays'),
                          dataIndex: 'minDays',
                          render: (v: number) => t('retention.daysCount', { count: v }),
                        },
                      ]),
                ]}
              />
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  disabled={!Object.keys(edits).length}
                  loading={save.isPending}
                  onClick={submit}
                >
                  {t('common:actions.save')}
                </Button>
                <Popconfirm
                  title={t('retention.purgeConfirm')}
                  description={t('retention.purgeHelp')}
                  okText={t('retention.purge')}
                  cancelText={t('common:actions.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={purgeNow}
                >
                  <Button danger icon={<DeleteOutlined />} loading={purge.isPending}>
                    {t('retention.purge')}
                  </Button>
                </Popconfirm>
              </Flex>
              <Alert type="info" showIcon message={t('retention.dailyNote')} />
            </Flex>
          )}
        </QueryState>
      </Card>
    </>
  );
}
