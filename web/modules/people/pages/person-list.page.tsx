import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Segmented, Select, Table, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Permission, Roles } from '../../../../contracts/access';
import type { Grant } from '../../../../contracts/accounts';
import { AgeBand, type Person, PersonStatus } from '../../../../contracts/people';
import { useSession } from '../../../app/session';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { type PersonFilters, peopleQuery, tagsQuery } from '../api/people.api';
import { PersonBadges, PersonTags } from '../components/person-badges';
import { type PlaceKind, usePlaces } from '../components/places';
import '../components/people.css';

const LOCAL_KINDS: readonly string[] = ['building', 'compound', 'community'];
const AGE_BANDS = AgeBand.options.filter((b) => b !== 'unknown');

/** Grants at a building, compound or community that let the user read residents there. */
const localGrants = (grants: Grant[], tenantId: string | undefined) =>
  grants.filter(
    (g) =>
      g.scopeId &&
      LOCAL_KINDS.includes(g.scopeKind) &&
      (!tenantId || g.tenantId === tenantId) &&
      (Roles[g.role].permissions as readonly Permission[]).includes('people.read'),
  );

const placeFilter = (kind: string, id: string): Partial<PersonFilters> =>
  kind === 'community'
    ? { communityId: id }
    : kind === 'compound'
      ? { compoundId: id }
      : kind === 'building'
        ? { buildingId: id }
        : {};

/**
 * Resident list: filters in the URL, masked values as the server sends them, keyset "load more",
 * cards on a phone. Building leaders and community workers start on the people of their own place.
 */
export function PersonListPage() {
  const { t } = useTranslation('people');
  const { me, tenantId, can } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const places = usePlaces(tenantId);
  const tags = useQuery(tagsQuery(tenantId));
  const mine = useMemo(() => localGrants(me.grants, tenantId), [me.grants, tenantId]);

  const place = params.get('place') || undefined;
  const viewParam = params.get('view');
  const view = place ? 'all' : (viewParam ?? mine[0]?.id ?? 'all');
  const viewGrant = mine.find((g) => g.id === view);
  const [placeKind, placeId] = (place ?? '').split(':') as [string, string | undefined];
  const filters: PersonFilters = {
    tenantId,
    name: params.get('name') || undefined,
    phoneLast4: params.get('phone') || undefined,
    tag: params.get('tag') || undefined,
    ageBand: (params.get('age') as PersonFilters['ageBand']) || undefined,
    status: (params.get('status') as PersonFilters['status']) || undefined,
    ...(viewGrant ? placeFilter(viewGrant.scopeKind, viewGrant.scopeId!) : {}),
    ...(placeId ? placeFilter(placeKind, placeId) : {}),
  };
  const q = useInfiniteQuery(peopleQuery(filters));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const anyFilter = ['name', 'phone', 'tag', 'age', 'place', 'status'].some((k) => params.get(k));
  const mineLabel = (g: Grant) =>
    t('list.mineScope', { label: t(`list.mine.${g.scopeKind as PlaceKind}`), place: g.scopeName });
  const address = (p: Person) => {
    const where = places.describe(p);
    const room = p.room ? ` ${p.room}` : '';
    return where ? `${where}${room}` : (p.addressFree ?? t('place.none'));
  };
  const addressCell = (p: Person) => {
    const { community, local } = places.parts(p);
    if (!community && !local) return p.addressFree ?? t('place.none');
    return (
      <>
        <div>{`${local}${p.room ? ` ${p.room}` : ''}` || community}</div>
        {local ? <div className="gz-muted gz-small">{community}</div> : null}
      </>
    );
  };
  const w = (desktop: number, phoneWidth = 'calc(50% - 4px)') => ({ width: phone ? phoneWidth : desktop });

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={viewGrant ? mineLabel(viewGrant) : t('list.subtitle')}
        extra={
          can('people.write') ? (
            <>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/people/import')}>
                {t('import.open')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/people/new')}>
                {t('list.create')}
              </Button>
            </>
          ) : null
        }
      />
      {mine.length > 0 ? (
        <div className="gz-people-views">
          <Segmented
            aria-label={t('list.view')}
            block={phone}
            value={view}
            onChange={(v) => update({ view: String(v), place: undefined })}
            options={[
              ...mine.map((g) => ({
                value: g.id,
                label: phone && mine.length === 1 ? t(`list.mine.${g.scopeKind as PlaceKind}`) : mineLabel(g),
              })),
              { value: 'all', label: t('list.viewAll') },
            ]}
          />
        </div>
      ) : null}
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            aria-label={t('list.searchName')}
            placeholder={t('list.searchName')}
            allowClear
            defaultValue={filters.name}
            key={`name-${filters.name ?? ''}`}
            onSearch={(v) => update({ name: v.trim() || undefined })}
            style={w(220, '100%')}
          />
          <Input.Search
            aria-label={t('list.phoneLast4')}
            placeholder={t('list.phoneLast4')}
            allowClear
            inputMode="numeric"
            maxLength={4}
            defaultValue={filters.phoneLast4}
            key={`phone-${filters.phoneLast4 ?? ''}`}
            onSearch={(v) => {
              const s = v.trim();
              if (!s || /^\d{4}$/.test(s)) update({ phone: s || undefined });
            }}
            style={w(150)}
          />
          <Select
            aria-label={t('list.tag')}
            placeholder={t('list.tag')}
            allowClear
            showSearch
            optionFilterProp="label"
            loading={tags.isPending}
            value={filters.tag}
            onChange={(v) => update({ tag: v })}
            options={(tags.data ?? []).filter((x) => x.active).map((x) => ({ value: x.code, label: x.name }))}
            style={w(160)}
            popupMatchSelectWidth={false}
          />
          <Select
            aria-label={t('list.ageBand')}
            placeholder={t('list.ageBand')}
            allowClear
            value={filters.ageBand}
            onChange={(v) => update({ age: v })}
            options={AGE_BANDS.map((b) => ({ value: b, label: t(`ageBand.${b}`) }))}
            style={w(120)}
          />
          <Select
            aria-label={t('list.status')}
            placeholder={t('list.status')}
            allowClear
            value={params.get('status') || undefined}
            onChange={(v) => update({ status: v })}
            options={PersonStatus.options
              .filter((s) => s !== 'anonymized')
              .map((s) => ({ value: s, label: t(`status.${s}`) }))}
            style={w(110)}
          />
          <TreeSelect
            aria-label={t('list.place')}
            placeholder={t('list.place')}
            allowClear
            showSearch
            treeNodeFilterProp="title"
            loading={places.isPending}
            value={place}
            onChange={(v) => update({ place: v, view: v ? 'all' : undefined })}
            treeData={places.filterTree}
            style={w(240, '100%')}
            popupMatchSelectWidth={phone ? true : 320}
            listHeight={320}
          />
          {anyFilter ? (
            <Button
              type="link"
              onClick={() =>
                update({
                  name: undefined,
                  phone: undefined,
                  tag: undefined,
                  age: undefined,
                  place: undefined,
                  status: undefined,
                })
              }
            >
              {t('list.reset')}
            </Button>
          ) : null}
        </Flex>
        <Alert type="info" showIcon message={t('list.maskedNote')} style={{ marginBottom: 12 }} />
        {q.isPending ? (
          <LoadingState />
        ) : q.error ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState description={t('list.empty')} />
        ) : phone ? (
          <ul className="gz-plain-list" aria-label={t('list.title')}>
            {rows.map((p) => (
              <li key={p.id}>
                <Link to={`/people/${p.id}`} className="gz-list-item gz-person-card">
                  <Flex justify="space-between" align="center" gap={8}>
                    <span className="gz-person-name">
                      {p.name}
                      <span className="gz-muted gz-person-gender">{t(`gender.${p.gender}`)}</span>
                    </span>
                    <PersonBadges person={p} />
                  </Flex>
                  <div className="gz-person-line">{address(p)}</div>
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    <span className="gz-muted">{p.phone ?? '—'}</span>
                    <PersonTags tags={p.tags} />
                  </Flex>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Table<Person>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1100 }}
            onRow={(p) => ({ onClick: () => navigate(`/people/${p.id}`), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('field.name'),
                dataIndex: 'name',
                width: 120,
                render: (v: string, p) => (
                  <Link to={`/people/${p.id}`} onClick={(e) => e.stopPropagation()}>
                    {v}
                  </Link>
                ),
              },
              {
                title: t('field.gender'),
                dataIndex: 'gender',
                width: 70,
                render: (v: string) => t(`gender.${v}`),
              },
              {
                title: t('field.ageBand'),
                key: 'age',
                width: 170,
                render: (_, p) => <PersonBadges person={p} />,
              },
              {
                title: t('field.idNumber'),
                dataIndex: 'idNumber',
                width: 190,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('field.phone'),
                dataIndex: 'phone',
                width: 130,
                render: (v: string | null) => v ?? '—',
              },
              { title: t('field.place'), key: 'place', width: 200, render: (_, p) => addressCell(p) },
              { title: t('field.tags'), key: 'tags', render: (_, p) => <PersonTags tags={p.tags} /> },
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
            {t('list.count', { count: rows.length })} · {t('common:state.noMore')}
          </Typography.Paragraph>
        ) : null}
      </Card>
    </>
  );
}
