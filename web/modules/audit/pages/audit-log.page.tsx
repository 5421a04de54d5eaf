import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../contracts/audit';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { auditEventsQuery } from '../api/audit.api';
import { LogFilters, useLogParams } from '../components/log-filters';
import { VerifyChainButton, VerifyChainResult } from '../components/verify-chain';

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

function BeforeAfter(props: { e: AuditEvent }) {
  const { t } = useTranslation('audit');
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('events.before')}</Typography.Text>
        <pre className="gz-json">{json(props.e.before)}</pre>
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('events.after')}</Typography.Text>
        <pre className="gz-json">{json(props.e.after)}</pre>
      </Col>
      <Col span={24}>
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {t('events.hash')}: {props.e.hash}
        </Typography.Text>
      </Col>
    </Row>
  );
}

/** The append-only, hash-chained audit log: newest first, filters in the URL, "load more". */
export function AuditLogPage() {
  const { t } = useTranslation('audit');
  const { tenantId } = useSession();
  const state = useLogParams(['entity', 'action']);
  const q = useInfiniteQuery(auditEventsQuery({ tenantId, ...state.query }));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const actionLabel = (a: string) => t(`actions.${a.replace(/\./g, '_')}`, { defaultValue: a });

  return (
    <>
      <PageHeader title={t('events.title')} subtitle={t('events.subtitle')} extra={<VerifyChainButton />} />
      <VerifyChainResult />
      <Card>
        <LogFilters
          state={state}
          fields={[
            { key: 'entity', label: t('filters.entity') },
            { key: 'action', label: t('filters.action') },
          ]}
        />
        {q.isPending ? (
          <LoadingState />
        ) : q.error ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState description={t('events.empty')} />
        ) : (
          <Table<AuditEvent>
            rowKey={(e) => `${e.chain}:${e.seq}`}
            dataSource={rows}
            pagination={false}
            size="middle"
            scroll={{ x: 860 }}
            expandable={{
              expandedRowRender: (e) => <BeforeAfter e={e} />,
              rowExpandable: (e) => e.before !== null || e.after !== null,
            }}
            columns={[
              { title: t('events.seq'), dataIndex: 'seq', width: 80 },
              {
                title: t('events.at'),
                dataIndex: 'at',
                render: (v: string) => formatDateTime(v),
                width: 170,
              },
              { title: t('events.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
              {
                title: t('events.action'),
                dataIndex: 'action',
                render: (v: string) => (
                  <span>
                    {actionLabel(v)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {v}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('events.entity'), dataIndex: 'entity', render: (v: string) => <Tag>{v}</Tag> },
              { title: t('events.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
        {q.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
              {t('common:actions.loadMore')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
