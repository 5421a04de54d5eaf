import { DownloadOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Flex, Segmented, Select, Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ACTIVE_STAGES,
  CASE_STAGE_LABELS,
  type CaseStage,
  type CaseSummary,
  caseRoutes,
  RISK_LABELS,
  RiskLevel,
} from '../../../../contracts/cases';
import { useSession } from '../../../app/session';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { type CaseFilters, casesQuery, communitiesQuery } from '../api/cases.api';
import { RiskTag, StageTag } from '../components/badges';
import { todayIso, useLabel } from '../labels';
import '../components/cases.css';

const ENDED_STAGES: CaseStage[] = ['closed', 'referred_out', 'not_opened'];

/** One case on the board: everything for the team, only number and stage for anyone else. */
export function CaseCard(props: { c: CaseSummary; showStage?: boolean; daysOverdue?: number }) {
  const { t } = useTranslation('cases');
  const c = props.c;
  if (c.restricted) {
    return (
      <div className="gz-list-item gz-case-card gz-case-card-restricted" data-case={c.number}>
        <Flex justify="space-between" align="center" gap={6} wrap>
          <span className="gz-case-number">{c.number}</span>
          {props.showStage ? <StageTag stage={c.stage} /> : null}
        </Flex>
        <div className="gz-muted gz-small">
          <LockOutlined /> {t('board.restricted')}
          {c.communityName ? ` · ${c.communityName}` : ''}
        </div>
      </div>
    );
  }
  const overdue = c.nextContactOn !== null && c.nextContactOn < todayIso();
  return (
    <Link to={`/cases/${c.id}`} className="gz-list-item gz-case-card" data-case={c.number}>
      <Flex justify="space-between" align="center" gap={6} wrap>
        <span className="gz-case-number">{c.number}</span>
        <Flex gap={2} wrap>
          {props.showStage ? <StageTag stage={c.stage} /> : null}
          <RiskTag risk={c.riskLevel} />
        </Flex>
      </Flex>
      <div className="gz-case-subject">
        {c.subject?.name ?? '—'}
        {c.subject?.kind === 'household' ? t('file.household') : ''}
        {c.childAtRisk ? (
          <Tag color="red" className="gz-case-inline-tag">
            {t('field.childAtRisk')}
          </Tag>
        ) : null}
      </div>
      <div className="gz-muted gz-small">
        {c.worker?.name ?? '—'}
        {c.communityName ? ` · ${c.communityName}` : ''}
      </div>
      <Flex gap={4} wrap className="gz-small">
        {c.pending ? <Tag color="volcano">{t(`board.pending.${c.pending}`)}</Tag> : null}
        {c.nextContactOn ? (
          <span className={overdue ? 'gz-case-overdue' : 'gz-muted'}>
            {props.daysOverdue !== undefined
              ? t('board.overdueDays', { count: props.daysOverdue, date: c.nextContactOn })
              : overdue
                ? t('board.overdueContact', { date: c.nextContactOn })
                : t('board.nextContact', { date: c.nextContactOn })}
          </span>
        ) : null}
      </Flex>
    </Link>
  );
}

function StageColumn(props: { stage: CaseStage; filters: CaseFilters; headingLevel?: 'h2' | 'none' }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const q = useInfiniteQuery(casesQuery({ ...props.filters, stage: props.stage }));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const id = `gz-col-${props.stage}`;
  return (
    <section
      className="gz-case-column"
      aria-labelledby={props.headingLevel === 'none' ? undefined : id}
      data-column={props.stage}
    >
      {props.headingLevel === 'none' ? null : (
        <h2 className="gz-case-column-title" id={id}>
          {label(CASE_STAGE_LABELS[props.stage])}
          <span className="gz-case-count">
            {q.isSuccess ? `${rows.length}${q.hasNextPage ? '+' : ''}` : ''}
          </span>
        </h2>
      )}
      {q.isPending ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : rows.length === 0 ? (
        <p className="gz-muted gz-small gz-case-empty">{t('board.emptyColumn')}</p>
      ) : (
        <ul className="gz-case-list">
          {rows.map((c) => (
            <li key={c.id}>
              <CaseCard c={c} />
            </li>
          ))}
        </ul>
      )}
      {q.hasNextPage ? (
        <Button
          block
          size="small"
          type="link"
          onClick={() => q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          {t('common:actions.loadMore')}
        </Button>
      ) : null}
    </section>
  );
}

/** 个案看板: the caseload by stage; a stage selector and one list on a phone. */
export function CaseloadPage() {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const { tenantId, can } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const communities = useQuery(communitiesQuery(tenantId));
  const canOpen = can('cases.open');
  const mineParam = params.get('mine');
  // Workers and supervisors start on their own caseload; a station head (any file) on everything.
  const mine = mineParam
    ? mineParam === 'true'
    : (canOpen || can('cases.supervise')) && !can('cases.file_any');
  const view = params.get('view') === 'ended' ? 'ended' : 'active';
  const stages = view === 'ended' ? ENDED_STAGES : (ACTIVE_STAGES as CaseStage[]);
  const stageParam = params.get('stage') as CaseStage | null;
  const stage = stageParam && stages.includes(stageParam) ? stageParam : stages[0]!;
  const filters: CaseFilters = {
    tenantId,
    mine: mine ? 'true' : undefined,
    communityId: params.get('community') || undefined,
    riskLevel: (params.get('risk') as CaseFilters['riskLevel']) || undefined,
  };
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const w = (desktop: number) => ({ width: phone ? 'calc(50% - 4px)' : desktop });
  /** The statistics CSV (no names, no case text); cases about children only when asked for. */
  const exportHref = (children: boolean) =>
    `${caseRoutes.exportCsv.path}?${new URLSearchParams({
      ...(tenantId ? { tenantId } : {}),
      ...(children ? { includeChildren: 'true' } : {}),
    })}`;

  return (
    <>
      <PageHeader
        title={t('board.title')}
        subtitle={t('board.subtitle')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={exportHref(false)} download>
              {t('board.export')}
            </Button>
            {can('cases.export_children') ? (
              <Button icon={<DownloadOutlined />} href={exportHref(true)} download>
                {t('board.exportChildren')}
              </Button>
            ) : null}
            {canOpen ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
                {t('board.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={8} wrap className="gz-case-filters">
        <Segmented
          aria-label={t('board.scope')}
          value={mine ? 'mine' : 'all'}
          onChange={(v) => update({ mine: v === 'mine' ? 'true' : 'false' })}
          options={[
            { value: 'mine', label: t('board.mine') },
            { value: 'all', label: t('board.all') },
          ]}
        />
        <Segmented
          aria-label={t('board.view')}
          value={view}
          onChange={(v) => update({ view: v === 'ended' ? 'ended' : undefined, stage: undefined })}
          options={[
            { value: 'active', label: t('board.active') },
            { value: 'ended', label: t('board.ended') },
          ]}
        />
        <Select
          aria-label={t('field.community')}
          placeholder={t('field.community')}
          allowClear
          showSearch
          optionFilterProp="label"
          loading={communities.isPending}
          value={filters.communityId}
          onChange={(v) => update({ community: v })}
          options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={w(180)}
          popupMatchSelectWidth={false}
        />
        <Select
          aria-label={t('field.risk')}
          placeholder={t('field.risk')}
          allowClear
          value={filters.riskLevel}
          onChange={(v) => update({ risk: v })}
          options={RiskLevel.options.map((r) => ({ value: r, label: label(RISK_LABELS[r]) }))}
          style={w(120)}
        />
      </Flex>
      {phone ? (
        <>
          <Select
            aria-label={t('board.stage')}
            value={stage}
            onChange={(v) => update({ stage: v })}
            options={stages.map((s) => ({ value: s, label: label(CASE_STAGE_LABELS[s]) }))}
            style={{ width: '100%', marginBottom: 12 }}
            size="large"
          />
          <StageColumn stage={stage} filters={filters} headingLevel="none" />
        </>
      ) : (
        <div className="gz-case-board" style={{ '--gz-cols': stages.length } as CSSProperties}>
          {stages.map((s) => (
            <StageColumn key={s} stage={s} filters={filters} />
          ))}
        </div>
      )}
      {stages.length === 0 ? <EmptyState /> : null}
    </>
  );
}
