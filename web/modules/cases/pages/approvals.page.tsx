import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STAGE_LABELS } from '../../../../contracts/cases';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { myApprovalsQuery } from '../api/cases.api';
import { FundingItem, useCanDecideFunding } from '../components/funding';
import { useLabel } from '../labels';
import '../components/cases.css';

/** 待我审批: case openings and closures I supervise, and funding requests I may approve. */
export function ApprovalsPage() {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const { tenantId } = useSession();
  const q = useQuery(myApprovalsQuery);
  const canDecide = useCanDecideFunding(tenantId ?? '');
  return (
    <>
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      <QueryState query={q}>
        {(d) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card
                title={<h2 className="gz-card-title">{t('approvals.cases', { count: d.cases.length })}</h2>}
              >
                {d.cases.length === 0 ? (
                  <EmptyState description={t('approvals.noCases')} />
                ) : (
                  <ul className="gz-case-list">
                    {d.cases.map((a) => (
                      <li key={a.id}>
                        <Link
                          to={`/cases/${a.caseId}`}
                          className="gz-list-item gz-case-card"
                          data-approval={a.caseNumber}
                        >
                          <div className="gz-case-row-head">
                            <span className="gz-case-number">{a.caseNumber}</span>
                            <span>
                              {t(`approval.kind.${a.kind}`, { to: label(CASE_STAGE_LABELS[a.to]) })}
                            </span>
                          </div>
                          <div>{a.subjectName}</div>
                          <div className="gz-muted gz-small">
                            {t('approval.requested', {
                              by: a.requestedBy?.name ?? '—',
                              at: formatDateTime(a.requestedAt),
                            })}
                          </div>
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card
                title={
                  <h2 className="gz-card-title">{t('approvals.funding', { count: d.funding.length })}</h2>
                }
              >
                {d.funding.length === 0 ? (
                  <EmptyState description={t('approvals.noFunding')} />
                ) : (
                  <ul className="gz-case-list">
                    {d.funding.map((fu) => (
                      <li key={fu.id} className="gz-list-item">
                        <FundingItem funding={fu} canWrite={false} canDecide={canDecide(fu)} />
                        <Link to={`/cases/${fu.caseId}?tab=funding`} className="gz-inline-link gz-small">
                          {t('approvals.openCase', { number: fu.caseNumber })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}
