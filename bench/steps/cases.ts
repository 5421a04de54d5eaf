import { type CaseStage, DEFAULT_SERVICE_TYPES } from '../../contracts/cases';
import { createFieldCrypto } from '../../server/platform/crypto';
import { BENCH_SECRET_KEY, type Step, type StepContext, type TenantRef } from '../lib/context';

/**
 * Cases (issue 4): per tenant 5,000 cases of residents with 100,000 service records (20 a case
 * on average), each case worked by its community's social worker under the station's
 * supervisor, with its lead-worker membership, a timeline event per creation and per service,
 * and a next-contact date spread from 2026-09 to 2027-03 so that a run in late 2026 finds a
 * share of them overdue. Free text is sealed with the bench app's key, as the app seals it.
 */
const CASES_PER_TENANT = 5_000;
const SERVICES_PER_TENANT = 100_000;
/** Stage shares of a working caseload. */
const STAGES: [CaseStage, number][] = [
  ['intake', 0.06],
  ['assessment', 0.08],
  ['plan', 0.08],
  ['intervention', 0.4],
  ['evaluation', 0.08],
  ['follow_up', 0.05],
  ['closed', 0.22],
  ['not_opened', 0.01],
  ['referred_out', 0.02],
];
const RISKS = ['low', 'medium', 'high', 'critical'] as const;
const SOURCES = [
  'self',
  'community_worker',
  'building_leader',
  'hospital',
  'school',
  'police',
  'organization',
];
const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function stageAt(r: number): CaseStage {
  let acc = 0;
  for (const [s, share] of STAGES) {
    acc += share;
    if (r < acc) return s;
  }
  return 'intervention';
}

async function tenantCases(
  ctx: StepContext,
  tenant: TenantRef,
  crypto: ReturnType<typeof createFieldCrypto>,
) {
  const t = `t${String(tenant.index).padStart(3, '0')}`;
  const users = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', 'like', `${t}-%`)
    .execute();
  const byName = new Map(users.map((u) => [u.username as string, u.id as string]));
  const supervisorId = byName.get(`${t}-supervisor`)!;
  const workerOf = new Map(
    tenant.communities.map((c, i) => [c.id, byName.get(`${t}-sw${String(i + 1).padStart(2, '0')}`)!]),
  );
  const people = await ctx.db
    .selectFrom('person')
    .select(['id', 'community_id', 'compound_id', 'building_id'])
    .where('tenant_id', '=', tenant.id)
    .where('community_id', 'is not', null)
    .orderBy('id')
    .execute();
  const every = Math.max(1, Math.floor(people.length / CASES_PER_TENANT));
  const subjects = people.filter((_p, i) => i % every === 0).slice(0, CASES_PER_TENANT);
  const sealedProblem = crypto.seal('合成个案:独居老人,需要定期探访与资源链接');
  const cases: Record<string, unknown>[] = [];
  const members: Record<string, unknown>[] = [];
  const plans: { id: string; intakeMs: number; workerId: string; at: string }[] = [];
  const events: Record<string, unknown>[] = [];
  const services: Record<string, unknown>[] = [];
  const perCase = SERVICES_PER_TENANT / Math.max(1, subjects.length);
  const from = Date.UTC(2026, 8, 1);
  let serviceBudget = SERVICES_PER_TENANT;
  const types = DEFAULT_SERVICE_TYPES.map((s) => s.code);
  for (const [i, p] of subjects.entries()) {
    const id = ctx.ids.next();
    const stage = stageAt(ctx.rng.next());
    const intakeMs = Date.UTC(2025, 0, 1) + ctx.rng.int(0, 600) * DAY;
    const workerId = workerOf.get(p.community_id as string) ?? byName.get(`${t}-sw01`)!;
    const at = ctx.clock.iso();
    const closed = stage === 'closed' || stage === 'follow_up';
    cases.push({
      tenant_id: tenant.id,
      id,
      number: `GA-${new Date(intakeMs).getUTCFullYear()}-${String(i + 1).padStart(5, '0')}`,
      subject_kind: 'person',
      person_id: p.id,
      household_id: null,
      community_id: p.community_id,
      compound_id: p.compound_id,
      building_id: p.building_id,
      referral_source: ctx.rng.pick(SOURCES),
      referral_detail: null,
      presenting_sealed: sealedProblem,
      risk_level: ctx.rng.pick(RISKS),
      child_at_risk: 0,
      child_case: 0,
      stage,
      pending: stage === 'intake' && ctx.rng.chance(0.3) ? 'open' : null,
      intake_on: dateOf(intakeMs),
      closed_on: closed ? dateOf(intakeMs + 120 * DAY) : null,
      worker_id: workerId,
      supervisor_id: supervisorId,
      next_contact_on: closed ? null : dateOf(from + ctx.rng.int(0, 180) * DAY),
      created_by: workerId,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    members.push({
      tenant_id: tenant.id,
      id: ctx.ids.next(),
      case_id: id,
      kind: 'user',
      user_id: workerId,
      person_id: null,
      name: null,
      organization: null,
      role: 'lead_worker',
      status: 'active',
      added_by: workerId,
      added_at: at,
      removed_at: null,
    });
    events.push({
      tenant_id: tenant.id,
      id: ctx.ids.next(),
      case_id: id,
      at,
      kind: 'created',
      actor_id: workerId,
      summary: '接案',
      data: null,
    });
    plans.push({ id, intakeMs, workerId, at });
  }
  // Cases first (services and events refer to them), then the services in chunks.
  await ctx.insert('case_file', cases);
  await ctx.insert('case_member', members);
  await ctx.insert('case_event', events.splice(0));
  for (const [i, { id, intakeMs, workerId, at }] of plans.entries()) {
    const n =
      i === plans.length - 1
        ? serviceBudget
        : Math.min(serviceBudget, ctx.rng.int(0, Math.round(perCase * 2)));
    serviceBudget -= n;
    for (let k = 0; k < n; k++) {
      const type = ctx.rng.pick(types);
      const date = dateOf(intakeMs + ctx.rng.int(1, 300) * DAY);
      services.push({
        tenant_id: tenant.id,
        id: ctx.ids.next(),
        case_id: id,
        type,
        service_date: date,
        duration_min: ctx.rng.int(10, 120),
        worker_id: workerId,
        notes_sealed: crypto.seal(`合成服务记录 ${k + 1}`),
        next_contact_on: null,
        created_at: at,
      });
      events.push({
        tenant_id: tenant.id,
        id: ctx.ids.next(),
        case_id: id,
        at,
        kind: 'service',
        actor_id: workerId,
        summary: '服务记录',
        data: JSON.stringify({ type, date }),
      });
    }
    if (services.length >= 20_000) {
      await ctx.insert('case_service', services.splice(0));
      await ctx.insert('case_event', events.splice(0));
    }
  }
  await ctx.insert('case_service', services);
  await ctx.insert('case_event', events);
  tenant.caseProbes = { workerUsername: `${t}-sw01`, supervisorUsername: `${t}-supervisor` };
  return { cases: cases.length };
}

export const casesStep: Step = {
  name: 'cases',
  async run(ctx) {
    const crypto = createFieldCrypto(BENCH_SECRET_KEY);
    let cases = 0;
    for (const tenant of ctx.world.tenants) cases += (await tenantCases(ctx, tenant, crypto)).cases;
    ctx.log(
      `${cases.toLocaleString('en')} cases, ${(SERVICES_PER_TENANT * ctx.world.tenants.length).toLocaleString('en')} service records`,
    );
  },
};
