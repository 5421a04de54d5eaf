import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccessEvent } from '../../../../contracts/audit';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { accessEventsQuery } from '../api/audit.api';
import { LogFilters, useLogParams } from '../components/log-filters';

/** Who unmasked which sensitive fields, of whom, and for what stated purpose. */
export function AccessLogPage() {
  const { t } = useTranslation('audit');
  const { tenantId } = useSession();
  const state = useLogParams(['subjectKind']);
  const q = useInfiniteQuery(accessEventsQuery({ tenantId, ...state.query }));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('access.title')} subtitle={t('access.subtitle')} />
      <Card>
        <LogFilters state={state} fields={[{ key: 'subjectKind', label: t('filters.subjectKind') }]} />
        {q.isPending ? (
          <LoadingState />
        ) : q.error ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState description={t('access.empty')} />
        ) : (
          <Table<AccessEvent>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            size="middle"
            scroll={{ x: 860 }}
            columns={[
              {
                title: t('events.at'),
                dataIndex: 'at',
                render: (v: string) => formatDateTime(v),
                width: 170,
              },
              { title: t('events.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
              {
                title: t('access.subject'),
                key: 's',
                // A person's row links to their page (and gives the scrolling table a focusable element on phones).
                render: (_, e) =>
                  e.subjectKind === 'person' ? (
                    <Link to={`/people/${e.subjectId}`}>{`${e.subjectKind} · ${e.subjectId}`}</Link>
                  ) : (
                    `${e.subjectKind} · ${e.subjectId}`
                  ),
              },
              {
                title: t('access.fields'),
                dataIndex: 'fields',
                render: (v: string[]) => (
                  <Space wrap size={4}>
                    {v.map((f) => (
                      <Tag key={f}>{f}</Tag>
                    ))}
                  </Space>
                ),
              },
              { title: t('access.purpose'), dataIndex: 'purpose' },
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
