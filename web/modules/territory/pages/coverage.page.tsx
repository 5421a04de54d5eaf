import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Progress, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Coverage } from '../../../../contracts/territory';
import { useSession } from '../../../app/session';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { coverageQuery } from '../api/territory.api';

type CovRow = Coverage['rows'][number];

function Gaps(props: { row: CovRow }) {
  const { t } = useTranslation('territory');
  if (!props.row.gaps.length) return <Tag color="green">{t('coverage.ok')}</Tag>;
  return (
    <Space wrap size={4}>
      {props.row.gaps.map((g) => (
        <Tag key={g} color="red" data-gap={g}>
          {t(`coverage.gap.${g}`)}
        </Tag>
      ))}
    </Space>
  );
}

function Stat(props: { label: string; value: number; total: number }) {
  const pct = props.total ? Math.round((props.value / props.total) * 100) : 0;
  return (
    <Card className="gz-stat-cards">
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <div className="gz-stat-value">
        {props.value}
        <span className="gz-stat-total"> / {props.total}</span>
      </div>
      <Progress
        percent={pct}
        size="small"
        status={pct === 100 ? 'success' : 'exception'}
        aria-label={props.label}
      />
    </Card>
  );
}

/** 一社区一社工: which communities lack a station or a social worker. */
export function CoveragePage() {
  const { t } = useTranslation('territory');
  const { tenantId } = useSession();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const onlyGaps = params.get('gaps') === '1';
  const q = useQuery(coverageQuery(tenantId));
  const workers = (r: CovRow) =>
    r.socialWorkers.length ? (
      <Space wrap size={4}>
        {r.socialWorkers.map((w) => (
          <Link key={w.userId} className="gz-inline-link" to={`/users/${w.userId}`}>
            {w.displayName}
            {w.fundingSource ? (
              <Typography.Text type="secondary">
                {' '}
                ({t(`fundingSource.${w.fundingSource}`, { defaultValue: w.fundingSource })})
              </Typography.Text>
            ) : null}
          </Link>
        ))}
      </Space>
    ) : (
      '—'
    );
  const stations = (r: CovRow) => (r.stations.length ? r.stations.map((s) => s.name).join('、') : '—');

  return (
    <>
      <PageHeader title={t('coverage.title')} subtitle={t('coverage.subtitle')} />
      <QueryState query={q}>
        {(cov) => {
          const rows = onlyGaps ? cov.rows.filter((r) => r.gaps.length > 0) : cov.rows;
          const gapCount = cov.rows.filter((r) => r.gaps.length > 0).length;
          return (
            <>
              <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
                <Col xs={24} md={8}>
                  <Stat
                    label={t('coverage.communities')}
                    value={cov.summary.communities}
                    total={cov.summary.communities}
                  />
                </Col>
                <Col xs={12} md={8}>
                  <Stat
                    label={t('coverage.withStation')}
                    value={cov.summary.withStation}
                    total={cov.summary.communities}
                  />
                </Col>
                <Col xs={12} md={8}>
                  <Stat
                    label={t('coverage.withSocialWorker')}
                    value={cov.summary.withSocialWorker}
                    total={cov.summary.communities}
                  />
                </Col>
              </Row>
              <Card
                title={<h2 className="gz-card-title">{t('coverage.table', { count: gapCount })}</h2>}
                extra={
                  <Flex gap={8} align="center">
                    <Switch
                      id="gz-only-gaps"
                      size="small"
                      checked={onlyGaps}
                      onChange={(v) => setParams(v ? { gaps: '1' } : {}, { replace: true })}
                    />
                    <label htmlFor="gz-only-gaps">{t('coverage.onlyGaps')}</label>
                  </Flex>
                }
              >
                {rows.length === 0 ? (
                  <EmptyState description={onlyGaps ? t('coverage.noGaps') : t('coverage.empty')} />
                ) : phone ? (
                  <div>
                    {rows.map((r) => (
                      <div key={r.communityId} className="gz-list-item" data-community={r.name}>
                        <Flex justify="space-between" align="center" gap={8}>
                          <Link to={`/territory/communities/${r.communityId}`}>
                            <strong>{r.name}</strong>
                          </Link>
                          <Gaps row={r} />
                        </Flex>
                        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                          {t('coverage.stations')}: {stations(r)}
                        </Typography.Paragraph>
                        <div>
                          <Typography.Text type="secondary">{t('coverage.socialWorkers')}: </Typography.Text>
                          {workers(r)}
                        </div>
                      </div>
                    ))}
                  </div>
                ) : (
                  <Table<CovRow>
                    rowKey="communityId"
                    dataSource={rows}
                    pagination={false}
                    size="middle"
                    scroll={{ x: 800 }}
                    onRow={(r) => ({ 'data-community': r.name }) as React.HTMLAttributes<HTMLElement>}
                    columns={[
                      {
                        title: t('coverage.community'),
                        dataIndex: 'name',
                        render: (v: string, r) => (
                          <Link to={`/territory/communities/${r.communityId}`}>{v}</Link>
                        ),
                      },
                      { title: t('community.code'), dataIndex: 'code' },
                      { title: t('coverage.stations'), key: 's', render: (_, r) => stations(r) },
                      { title: t('coverage.socialWorkers'), key: 'w', render: (_, r) => workers(r) },
                      { title: t('coverage.status'), key: 'g', render: (_, r) => <Gaps row={r} /> },
                    ]}
                  />
                )}
              </Card>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
