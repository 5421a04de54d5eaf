import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { StaffKind, type User } from '../../../../contracts/accounts';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { type UserFilters, usersQuery } from '../api/accounts.api';

const STATUSES = ['active', 'disabled'] as const;

/** Staff list with filters kept in the URL and keyset "load more". */
export function UserListPage() {
  const { t } = useTranslation('accounts');
  const { tenantId, can } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters: UserFilters = {
    tenantId,
    q: params.get('q') || undefined,
    staffKind: (params.get('staffKind') as UserFilters['staffKind']) || undefined,
    status: (params.get('status') as UserFilters['status']) || undefined,
  };
  const q = useInfiniteQuery(usersQuery(filters));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const statusTag = (u: User) =>
    u.status === 'active' ? (
      <Tag color="green">{t('common:status.active')}</Tag>
    ) : (
      <Tag>{t('common:status.disabled')}</Tag>
    );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          can('users.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/users/new')}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label={t('users.search')}
            placeholder={t('users.search')}
            allowClear
            defaultValue={filters.q}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            style={{ width: phone ? '100%' : 260 }}
          />
          <Select
            aria-label={t('user.staffKind')}
            placeholder={t('user.staffKind')}
            allowClear
            value={filters.staffKind}
            onChange={(v) => setFilter('staffKind', v)}
            options={StaffKind.options.map((k) => ({ value: k, label: t(`staffKind.${k}`) }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 180 }}
          />
          <Select
            aria-label={t('user.status')}
            placeholder={t('user.status')}
            allowClear
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            options={STATUSES.map((k) => ({ value: k, label: t(`common:status.${k}`) }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 140 }}
          />
        </Flex>
        {q.isPending ? (
          <LoadingState />
        ) : q.error ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState description={t('users.empty')} />
        ) : phone ? (
          <div>
            {rows.map((u) => (
              <Link key={u.id} to={`/users/${u.id}`} className="gz-list-item" style={{ display: 'block' }}>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>{u.displayName}</Typography.Text>
                  {statusTag(u)}
                </Flex>
                <Typography.Text type="secondary">
                  {u.username} · {t(`staffKind.${u.staffKind}`)}
                </Typography.Text>
              </Link>
            ))}
          </div>
        ) : (
          <Table<User>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 760 }}
            columns={[
              {
                title: t('user.displayName'),
                dataIndex: 'displayName',
                render: (v: string, u) => <Link to={`/users/${u.id}`}>{v}</Link>,
              },
              { title: t('user.username'), dataIndex: 'username' },
              {
                title: t('user.staffKind'),
                dataIndex: 'staffKind',
                render: (v: string) => t(`staffKind.${v}`),
              },
              { title: t('user.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
              { title: t('user.status'), dataIndex: 'status', render: (_: unknown, u) => statusTag(u) },
              {
                title: t('user.lastLoginAt'),
                dataIndex: 'lastLoginAt',
                render: (v: string | null) => formatDateTime(v),
              },
            ]}
          />
        )}
        {q.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
              {t('common:actions.loadMore')}
            </Button>
          </Flex>
        ) : rows.length > 0 ? (
          <Typography.Paragraph
            type="secondary"
            style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}
          >
            {t('common:state.noMore')}
          </Typography.Paragraph>
        ) : null}
      </Card>
    </>
  );
}
