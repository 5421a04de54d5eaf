import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, List, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { IssueSummary } from '../../../../contracts/governance';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { type IssueBoardFilters, issuesQuery } from '../api/governance.api';
import { LevelTag, StatusTag } from '../components/shared';

const VIEWS = ['mine', 'building', 'compound', 'community', 'all'] as const;
type View = (typeof VIEWS)[number];

/**
 * The issue board: what I reported, and (for building leaders, councils and workers) the issues
 * waiting at each level of their place. Filters live in the URL; keyset "load more".
 */
export function IssueBoardPage() {
  const { t } = useTranslation('governance');
  const { tenantId, can } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const handler = can('governance.read');
  const views: View[] = handler ? [...VIEWS] : ['mine'];
  const view = (
    views.includes(params.get('view') as View) ? params.get('view') : handler ? 'all' : 'mine'
  ) as View;
  const filters: IssueBoardFilters = {
    tenantId: tenantId!,
    view,
    open: params.get('open') === 'true' ? 'true' : undefined,
    status: (params.get('status') as IssueBoardFilters['status']) || undefined,
  };
  const q = useInfiniteQuery(issuesQuery(filters));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const overdue = (i: IssueSummary) =>
    !!i.levelDeadlineAt && new Date(i.levelDeadlineAt).getTime() < Date.now();

  return (
    <>
      <PageHeader
        title={t('board.title')}
        subtitle={t('board.subtitle')}
        extra={
          can('governance.report') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/governance/issues/new')}>
              {t('board.report')}
            </Button>
          ) : null
        }
      />
      {views.length > 1 ? (
        <div style={{ marginBottom: 12, overflowX: 'auto' }}>
          <Segmented
            aria-label={t('board.view')}
            value={view}
            onChange={(v) => update({ view: String(v) })}
            options={views.map((v) => ({ value: v, label: t(`board.views.${v}`) }))}
          />
        </div>
      ) : null}
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Checkbox
            checked={filters.open === 'true'}
            onChange={(e) => update({ open: e.target.checked ? 'true' : undefined })}
          >
            {t('board.openOnly')}
          </Checkbox>
          <Select
            aria-label={t('issue.status')}
            placeholder={t('issue.status')}
            allowClear
            value={filters.status}
            style={{ width: phone ? '100%' : 180 }}
            onChange={(v) => update({ status: v })}
            options={(
              [
                'reported',
                'accepted',
                'in_deliberation',
                'action_underway',
                'resolved',
                'confirmed',
                'reopened',
                'rejected',
                'merged',
              ] as const
            ).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Flex>
        {q.isPending ? (
          <LoadingState />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState description={view === 'mine' ? t('board.emptyMine') : t('board.empty')} />
        ) : (
          <List
            dataSource={rows}
            rowKey="id"
            renderItem={(i) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Link to={`/governance/issues/${i.id}`} className="gz-issue-link">
                      {i.title}
                    </Link>
                  }
                  description={
                    <Flex gap={6} wrap align="center">
                      <StatusTag status={i.status} />
                      <LevelTag level={i.level} />
                      <span>{i.categoryName}</span>
                      <span>· {i.placeName}</span>
                      <span className="gz-muted">· {formatDateTime(i.createdAt)}</span>
                      {overdue(i) && !['resolved', 'confirmed', 'rejected', 'merged'].includes(i.status) ? (
                        <Typography.Text type="danger">{t('board.overdue')}</Typography.Text>
                      ) : null}
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
        )}
        {q.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
              {t('board.more')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
