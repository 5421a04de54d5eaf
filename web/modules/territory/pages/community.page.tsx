import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Building, Compound } from '../../../../contracts/territory';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { roleLabel } from '../../accounts';
import {
  communityQuery,
  useRestoreCommunity,
  useRetireBuilding,
  useRetireCommunity,
  useRetireCompound,
} from '../api/territory.api';
import { BuildingDialog } from '../components/building-dialog';
import { CommunityDialog } from '../components/community-dialog';
import { CompoundDialog } from '../components/compound-dialog';
import { RetireButton } from '../components/retire-button';

type Dialog =
  | { kind: 'community' }
  | { kind: 'compound'; compound?: Compound }
  | { kind: 'building'; building?: Building; compoundId?: string | null }
  | null;

const StatusTag = ({ status }: { status: string }) => {
  const { t } = useTranslation();
  return status === 'active' ? (
    <Tag color="green">{t('status.active')}</Tag>
  ) : (
    <Tag>{t('status.retired')}</Tag>
  );
};

/** One community: its code, compounds, buildings, covering stations and assigned workers. */
export function CommunityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('territory');
  const { tenantId, can } = useSession();
  const q = useQuery(communityQuery(id));
  const [dialog, setDialog] = useState<Dialog>(null);
  const retireCommunity = useRetireCommunity();
  const restoreCommunity = useRestoreCommunity();
  const retireCompound = useRetireCompound();
  const retireBuilding = useRetireBuilding();
  const write = can('territory.write');
  const close = () => setDialog(null);

  return (
    <QueryState query={q}>
      {(c) => {
        const compoundName = new Map(c.compounds.map((p) => [p.id, p.name]));
        const active = c.status === 'active';
        return (
          <>
            <Breadcrumb
              style={{ marginBottom: 8 }}
              items={[{ title: <Link to="/territory/tree">{t('tree.title')}</Link> }, { title: c.name }]}
            />
            <PageHeader
              title={
                <Space>
                  {c.name}
                  <StatusTag status={c.status} />
                </Space>
              }
              subtitle={t('community.subtitle', { code: c.code, vintage: c.codeVintage })}
              extra={
                write ? (
                  active ? (
                    <>
                      <Button onClick={() => setDialog({ kind: 'community' })}>{t('community.edit')}</Button>
                      <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'compound' })}>
                        {t('compound.create')}
                      </Button>
                      <Button
                        type="primary"
                        icon={<PlusOutlined />}
                        onClick={() => setDialog({ kind: 'building' })}
                      >
                        {t('building.create')}
                      </Button>
                      <RetireButton
                        name={c.name}
                        onRetire={() => retireCommunity.mutateAsync({ id: c.id, version: c.version })}
                      />
                    </>
                  ) : (
                    <RetireButton
                      restore
                      name={c.name}
                      onRetire={() => restoreCommunity.mutateAsync({ id: c.id, version: c.version })}
                    />
                  )
                ) : null
              }
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card
                  title={<h2 className="gz-card-title">{t('community.info')}</h2>}
                  style={{ height: '100%' }}
                >
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('community.code')}>{c.code}</Descriptions.Item>
                    <Descriptions.Item label={t('community.vintage')}>{c.codeVintage}</Descriptions.Item>
                    <Descriptions.Item label={t('community.updatedAt')}>
                      {formatDateTime(c.updatedAt)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('community.stations')}>
                      {c.stations.length ? (
                        <Space wrap size={4}>
                          {c.stations.map((s) => (
                            <Tag key={s.id} color="blue">
                              {s.name}
                            </Tag>
                          ))}
                        </Space>
                      ) : (
                        <Tag color="red">{t('coverage.gap.no_station')}</Tag>
                      )}
                    </Descriptions.Item>
                  </Descriptions>
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card
                  title={<h2 className="gz-card-title">{t('community.workers')}</h2>}
                  style={{ height: '100%' }}
                >
                  {c.workers.length ? (
                    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                      {c.workers.map((w) => (
                        <div key={`${w.userId}-${w.role}`}>
                          <Link className="gz-inline-link" to={`/users/${w.userId}`}>
                            {w.displayName}
                          </Link>{' '}
                          <Tag color="red">{roleLabel(w.role)}</Tag>
                        </div>
                      ))}
                    </Space>
                  ) : (
                    <EmptyState description={t('community.noWorkers')} />
                  )}
                </Card>
              </Col>
            </Row>
            <Card
              title={
                <h2 className="gz-card-title">{t('community.compounds', { count: c.compounds.length })}</h2>
              }
              style={{ marginTop: 16 }}
            >
              <Table<Compound>
                rowKey="id"
                size="middle"
                dataSource={c.compounds}
                pagination={c.compounds.length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 720 }}
                locale={{ emptyText: <EmptyState description={t('community.noCompounds')} /> }}
                rowClassName={(p) => (p.status === 'active' ? '' : 'gz-row-retired')}
                columns={[
                  { title: t('compound.name'), dataIndex: 'name' },
                  {
                    title: t('compound.kind'),
                    dataIndex: 'kind',
                    render: (v: string) => t(`compoundKind.${v}`),
                  },
                  {
                    title: t('compound.propertyCompany'),
                    dataIndex: 'propertyCompany',
                    render: (v) => v ?? '—',
                  },
                  {
                    title: t('compound.buildings'),
                    key: 'n',
                    render: (_, p) =>
                      c.buildings.filter((b) => b.compoundId === p.id && b.status === 'active').length,
                  },
                  {
                    title: t('common:status.label'),
                    dataIndex: 'status',
                    render: (v: string) => <StatusTag status={v} />,
                  },
                  ...(write
                    ? [
                        {
                          title: t('common:actions.label'),
                          key: 'actions',
                          render: (_: unknown, p: Compound) =>
                            p.status === 'active' ? (
                              <Space size={4} wrap>
                                <Button
                                  size="small"
                                  onClick={() => setDialog({ kind: 'compound', compound: p })}
                                >
                                  {t('common:actions.edit')}
                                </Button>
                                <Button
                                  size="small"
                                  onClick={() => setDialog({ kind: 'building', compoundId: p.id })}
                                >
                                  {t('building.addHere')}
                                </Button>
                                <RetireButton
                                  size="small"
                                  name={p.name}
                                  onRetire={() =>
                                    retireCompound.mutateAsync({ id: p.id, version: p.version })
                                  }
                                />
                              </Space>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <Card
              title={
                <h2 className="gz-card-title">{t('community.buildings', { count: c.buildings.length })}</h2>
              }
              style={{ marginTop: 16 }}
            >
              <Table<Building>
                rowKey="id"
                size="middle"
                dataSource={c.buildings}
                pagination={c.buildings.length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 640 }}
                locale={{ emptyText: <EmptyState description={t('community.noBuildings')} /> }}
                columns={[
                  { title: t('building.number'), dataIndex: 'number' },
                  {
                    title: t('building.compound'),
                    dataIndex: 'compoundId',
                    render: (v: string | null) =>
                      v ? (
                        (compoundName.get(v) ?? '—')
                      ) : (
                        <Typography.Text type="secondary">{t('building.loose')}</Typography.Text>
                      ),
                  },
                  { title: t('building.units'), dataIndex: 'units' },
                  { title: t('building.floors'), dataIndex: 'floors' },
                  {
                    title: t('common:status.label'),
                    dataIndex: 'status',
                    render: (v: string) => <StatusTag status={v} />,
                  },
                  ...(write
                    ? [
                        {
                          title: t('common:actions.label'),
                          key: 'actions',
                          render: (_: unknown, b: Building) =>
                            b.status === 'active' ? (
                              <Space size={4} wrap>
                                <Button
                                  size="small"
                                  onClick={() => setDialog({ kind: 'building', building: b })}
                                >
                                  {t('common:actions.edit')}
                                </Button>
                                <RetireButton
                                  size="small"
                                  name={t('tree.building', { number: b.number })}
                                  onRetire={() =>
                                    retireBuilding.mutateAsync({ id: b.id, version: b.version })
                                  }
                                />
                              </Space>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <CommunityDialog open={dialog?.kind === 'community'} onClose={close} community={c} />
            <CompoundDialog
              open={dialog?.kind === 'compound'}
              onClose={close}
              tenantId={tenantId}
              communityId={c.id}
              compound={dialog?.kind === 'compound' ? dialog.compound : undefined}
            />
            <BuildingDialog
              open={dialog?.kind === 'building'}
              onClose={close}
              tenantId={tenantId}
              communityId={c.id}
              compoundId={dialog?.kind === 'building' ? dialog.compoundId : undefined}
              building={dialog?.kind === 'building' ? dialog.building : undefined}
            />
          </>
        );
      }}
    </QueryState>
  );
}
