import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../app/session';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { householdQuery } from '../api/people.api';
import { AddMemberDialog } from '../components/add-member-dialog';
import { usePlaces } from '../components/places';
import '../components/people.css';

/** One household (户): its address and members, masked, with their relation to the head. */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('people');
  const { tenantId, can } = useSession();
  const places = usePlaces(tenantId);
  const q = useQuery(householdQuery(id));
  const [open, setOpen] = useState(false);
  return (
    <QueryState query={q}>
      {(h) => {
        const where = places.describe(h) ?? h.addressFree ?? t('place.none');
        const place = h.room ? `${where} ${h.room}` : where;
        const members = [...h.members].sort((a, b) => Number(b.isHead) - Number(a.isHead));
        return (
          <>
            <PageHeader
              title={t('household.title')}
              subtitle={place}
              extra={
                can('people.write') ? (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
                    {t('household.addMember')}
                  </Button>
                ) : null
              }
            />
            <Card
              title={<h2 className="gz-card-title">{t('household.members', { count: h.members.length })}</h2>}
            >
              {members.length === 0 ? (
                <EmptyState description={t('household.empty')} />
              ) : (
                <ul className="gz-plain-list">
                  {members.map((m) => (
                    <li key={m.personId}>
                      <Link to={`/people/${m.personId}`} className="gz-list-item gz-person-card">
                        <Flex justify="space-between" align="center" gap={8}>
                          <span className="gz-person-name">{m.name}</span>
                          <Tag color={m.isHead ? 'blue' : undefined}>
                            {m.isHead
                              ? t('household.head')
                              : t(`relation.${m.relation}`, { defaultValue: m.relation })}
                          </Tag>
                        </Flex>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <AddMemberDialog
              householdId={h.id}
              open={open}
              onClose={() => setOpen(false)}
              hasHead={h.members.some((m) => m.isHead)}
            />
          </>
        );
      }}
    </QueryState>
  );
}
