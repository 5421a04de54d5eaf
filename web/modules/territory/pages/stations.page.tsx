import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../../../contracts/territory';
import { useSession } from '../../../app/session';
import { formatDate } from '../../../lib/format';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { communitiesQuery, stationsQuery, useRetireStation } from '../api/territory.api';
import { RetireButton } from '../components/retire-button';
import { StationDialog } from '../components/station-dialog';

/** 社工站 and 社工点 with the communities each covers. */
export function StationsPage() {
  const { t } = useTranslation('territory');
  const { tenantId, can } = useSession();
  const q = useQuery(stationsQuery(tenantId));
  const communities = useQuery(communitiesQuery(tenantId));
  const retire = useRetireStation();
  const [dialog, setDialog] = useState<{ station?: Station } | null>(null);
  const write = can('territory.write');
  const names = new Map((communities.data ?? []).map((c) => [c.id, c.name]));

  return (
    <>
      <PageHeader
        title={t('stations.title')}
        subtitle={t('stations.subtitle')}
        extra={
          write ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              {t('stations.create')}
            </Button>
          ) : null
        }
      />
      <QueryState query={q}>
        {(stations) => {
          const parentName = new Map(stations.map((s) => [s.id, s.name]));
          // Stations first, each followed by its service points.
          const ordered = [
            ...stations
              .filter((s) => s.kind === 'station')
              .flatMap((s) => [s, ...stations.filter((p) => p.parentId === s.id)]),
            ...stations.filter(
              (p) => p.kind === 'service_point' && !stations.some((s) => s.id === p.parentId),
            ),
          ];
          return (
            <Card>
              <Table<Station>
                rowKey="id"
                dataSource={ordered}
                pagination={false}
                scroll={{ x: 900 }}
                locale={{ emptyText: <EmptyState description={t('stations.empty')} /> }}
                rowClassName={(s) => (s.status === 'active' ? '' : 'gz-row-retired')}
                columns={[
                  {
                    title: t('stations.name'),
                    dataIndex: 'name',
                    render: (v: string, s) =>
                      s.kind === 'service_point' ? (
                        <span style={{ paddingLeft: 16 }}>└ {v}</span>
                      ) : (
                        <strong>{v}</strong>
                      ),
                  },
                  {
                    title: t('stations.kind'),
                    dataIndex: 'kind',
                    render: (v: string) => (
                      <Tag color={v === 'station' ? 'volcano' : 'blue'}>{t(`stationKind.${v}`)}</Tag>
                    ),
                  },
                  {
                    title: t('stations.parent'),
                    dataIndex: 'parentId',
                    render: (v: string | null) => (v ? (parentName.get(v) ?? '—') : '—'),
                  },
                  {
                    title: t('stations.establishedOn'),
                    dataIndex: 'establishedOn',
                    render: (v: string | null) => formatDate(v),
                  },
                  {
                    title: t('stations.communities'),
                    dataIndex: 'communityIds',
                    render: (ids: string[]) =>
                      ids.length ? (
                        <Space wrap size={4}>
                          {ids.map((id) => (
                            <Tag key={id}>{names.get(id) ?? '…'}</Tag>
                          ))}
                        </Space>
                      ) : (
                        '—'
                      ),
                  },
                  {
                    title: t('common:status.label'),
                    dataIndex: 'status',
                    render: (v: string) =>
                      v === 'active' ? (
                        <Tag color="green">{t('common:status.active')}</Tag>
                      ) : (
                        <Tag>{t('common:status.retired')}</Tag>
                      ),
                  },
                  ...(write
                    ? [
                        {
                          title: t('common:actions.label'),
                          key: 'a',
                          render: (_: unknown, s: Station) =>
                            s.status === 'active' ? (
                              <Space size={4}>
                                <Button size="small" onClick={() => setDialog({ station: s })}>
                                  {t('common:actions.edit')}
                                </Button>
                                <RetireButton
                                  size="small"
                                  name={s.name}
                                  onRetire={() => retire.mutateAsync({ id: s.id, version: s.version })}
                                />
                              </Space>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          );
        }}
      </QueryState>
      <StationDialog
        open={!!dialog}
        onClose={() => setDialog(null)}
        tenantId={tenantId}
        station={dialog?.station}
        stations={q.data ?? []}
      />
    </>
  );
}
