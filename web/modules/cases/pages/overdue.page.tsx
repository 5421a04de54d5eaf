import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { communitiesQuery, overdueQuery } from '../api/cases.api';
import { RiskTag, StageTag } from '../components/badges';
import { CaseCard } from './caseload.page';
import '../components/cases.css';

/** 逾期未联系: cases whose next contact date has passed, with counts per worker and per community. */
export function OverduePage() {
  const { t } = useTranslation('cases');
  const { tenantId } = useSession();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const communityId = params.get('community') || undefined;
  const communities = useQuery(communitiesQuery(tenantId));
  const q = useQuery(overdueQuery({ tenantId, communityId }));
  return (
    <>
      <PageHeader
        title={t('overdue.title')}
        subtitle={q.data ? t('overdue.subtitle', { count: q.data.total, today: q.data.today }) : undefined}
        extra={
          <Select
            aria-label={t('field.community')}
            placeholder={t('field.community')}
            allowClear
            showSearch
            optionFilterProp="label"
            value={communityId}
            onChange={(v) => setParams(v ? { community: v } : {}, { replace: true })}
            options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            style={{ width: phone ? 180 : 200 }}
            popupMatchSelectWidth={false}
          />
        }
      />
      <QueryState query={q}>
        {(d) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card title={<h2 className="gz-card-title">{t('overdue.cases', { count: d.total })}</h2>}>
                {d.items.length === 0 ? (
                  <EmptyState description={t('overdue.none')} />
                ) : phone ? (
                  <ul className="gz-case-list">
                    {d.items.map((c) => (
                      <li key={c.id}>
                        <CaseCard c={c} showStage daysOverdue={c.daysOverdue} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={d.items}
                    columns={[
                      {
                        title: t('field.number'),
                        dataIndex: 'number',
                        render: (v: string, c) =>
                          c.restricted ? v : <Link to={`/cases/${c.id}?tab=services`}>{v}</Link>,
                      },
                      {
                        title: t('field.stage'),
                        dataIndex: 'stage',
                        render: (_, c) => <StageTag stage={c.stage} />,
                      },
                      {
                        title: t('field.subject'),
                        key: 'subject',
                        render: (_, c) => (c.restricted ? t('board.restricted') : (c.subject?.name ?? '—')),
                      },
                      {
                        title: t('field.risk'),
                        key: 'risk',
                        render: (_, c) => <RiskTag risk={c.riskLevel} />,
                      },
                      { title: t('field.worker'), key: 'worker', render: (_, c) => c.worker?.name ?? '—' },
                      { title: t('field.community'), dataIndex: 'communityName', render: (v) => v ?? '—' },
                      { title: t('field.nextContactOn'), dataIndex: 'nextContactOn' },
                      {
                        title: t('overdue.daysCol'),
                        dataIndex: 'daysOverdue',
                        render: (v: number) => <span className="gz-case-overdue">{v}</span>,
                      },
                    ]}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={<h2 className="gz-card-title">{t('overdue.byWorker')}</h2>}>
                <CountList
                  rows={d.byWorker.map((r) => ({
                    key: r.worker?.id ?? '-',
                    name: r.worker?.name ?? t('overdue.noWorker'),
                    count: r.count,
                  }))}
                />
              </Card>
              <Card
                title={<h2 className="gz-card-title">{t('overdue.byCommunity')}</h2>}
                style={{ marginTop: 16 }}
              >
                <CountList
                  rows={d.byCommunity.map((r) => ({
                    key: r.communityId ?? '-',
                    name: r.communityName ?? t('overdue.noCommunity'),
                    count: r.count,
                  }))}
                />
              </Card>
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}

function CountList(props: { rows: { key: string; name: string; count: number }[] }) {
  const { t } = useTranslation('cases');
  if (!props.rows.length) return <EmptyState description={t('overdue.none')} />;
  const max = Math.max(...props.rows.map((r) => r.count));
  return (
    <ul className="gz-case-list gz-case-counts">
      {[...props.rows]
        .sort((a, b) => b.count - a.count)
        .map((r) => (
          <li key={r.key}>
            <div className="gz-case-row-head">
              <span>{r.name}</span>
              <strong>{r.count}</strong>
            </div>
            <div className="gz-case-bar" aria-hidden="true">
              <span style={{ width: `${(r.count / max) * 100}%` }} />
            </div>
          </li>
        ))}
    </ul>
  );
}
