import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { myTasksQuery } from '../api/cases.api';
import { ActionItem } from '../components/conferences';
import '../components/cases.css';

/** 我的待办: action items from case conferences assigned to me, until done. */
export function MyTasksPage() {
  const { t } = useTranslation('cases');
  const q = useQuery(myTasksQuery);
  return (
    <>
      <PageHeader title={t('tasks.title')} subtitle={t('tasks.subtitle')} />
      <Card>
        <QueryState query={q}>
          {(d) =>
            d.items.length === 0 ? (
              <EmptyState description={t('tasks.none')} />
            ) : (
              <ul className="gz-case-list">
                {[...d.items]
                  .sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))
                  .map((a) => (
                    <li key={a.id} className="gz-list-item">
                      <div className="gz-small" style={{ marginBottom: 4 }}>
                        <Link to={`/cases/${a.caseId}?tab=conferences`} className="gz-inline-link">
                          {t('tasks.case', { number: a.caseNumber })}
                        </Link>
                        {a.visit ? (
                          <span className="gz-muted">
                            {' · '}
                            {t('tasks.visit', { client: a.visit.client, place: a.visit.place ?? '—' })}
                          </span>
                        ) : null}
                      </div>
                      <ActionItem action={a} />
                    </li>
                  ))}
              </ul>
            )
          }
        </QueryState>
      </Card>
    </>
  );
}
