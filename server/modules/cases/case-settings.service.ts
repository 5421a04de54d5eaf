import type { z } from 'zod';
import { type CaseSettings, type CaseSettingsSave, DEFAULT_SERVICE_TYPES } from '../../../contracts/cases';
import { isUniqueViolation } from '../../db/dialect';
import { roleHas } from '../../platform/access';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { invalid, notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { staffMember } from '../accounts/index';
import { DEFAULT_NUMBER_PATTERN } from './cases.numbering';
import * as repo from './cases.repository';
import type { CaseSettingsRow } from './cases.tables';

type Settings = z.output<typeof CaseSettings>;

const num = (v: number | string | null) => (v === null ? null : Number(v));

function present(tenantId: string, r: CaseSettingsRow | undefined): Settings {
  if (!r) {
    return {
      tenantId,
      numberPattern: DEFAULT_NUMBER_PATTERN,
      serviceTypes: DEFAULT_SERVICE_TYPES,
      fundingPerRequestFen: 500_000,
      fundingPerCaseYearFen: 1_000_000,
      fundingApproverIds: [],
      version: 1,
    };
  }
  return {
    tenantId,
    numberPattern: r.number_pattern,
    serviceTypes: r.service_types ? JSON.parse(r.service_types) : DEFAULT_SERVICE_TYPES,
    fundingPerRequestFen: num(r.funding_per_request_fen),
    fundingPerCaseYearFen: num(r.funding_per_case_year_fen),
    fundingApproverIds: r.funding_approver_ids ? JSON.parse(r.funding_approver_ids) : [],
    version: r.version,
  };
}

/** A tenant's case settings; the defaults until someone saves them (¥5,000 per request, ¥10,000 per case a year). */
export async function settingsOf(deps: Deps, tenantId: string): Promise<Settings> {
  const row = await repo
    .narrow(deps.db)
    .selectFrom('case_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return present(tenantId, row);
}

export async function getSettings(deps: Deps, ctx: RequestContext, tenantId: string | undefined) {
  const t = tenantId ?? ctx.user().homeTenantId;
  if (!t) throw notFound('街道');
  ctx.authorize('territory.read', { tenantId: t }, '街道');
  return settingsOf(deps, t);
}

export async function saveSettings(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof CaseSettingsSave>,
) {
  ctx.authorize('cases.settings', { tenantId: input.tenantId }, '街道');
  // An approver holds the approving permission in this tenant (decisions check it again at the
  // case's place): a resident's account cannot be named to read funding attachments.
  for (const [i, id] of input.fundingApproverIds.entries()) {
    const u = await staffMember(deps, id);
    const approves = u?.grants.some(
      (g) =>
        roleHas(g.role, 'cases.fund_approve') &&
        (g.scopeKind === 'platform' || (g.scopeKind !== 'region' && g.tenantId === input.tenantId)),
    );
    if (!approves)
      throw invalid(`fundingApproverIds.${i}`, '审批人须为本街道持有"审批个案资助"权限的在职账号');
  }
  const db = repo.narrow(deps.db);
  const before = await db
    .selectFrom('case_settings')
    .selectAll()
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  if ((before?.version ?? 1) !== input.version) throw versionConflict();
  const values = {
    number_pattern: input.numberPattern,
    service_types: JSON.stringify(input.serviceTypes),
    funding_per_request_fen: input.fundingPerRequestFen,
    funding_per_case_year_fen: input.fundingPerCaseYearFen,
    funding_approver_ids: JSON.stringify(input.fundingApproverIds),
    updated_at: clock.iso(),
    version: input.version + 1,
  };
  await db
    .transaction()
    .execute(async (trx) => {
      if (before) {
        const res = await trx
          .updateTable('case_settings')
          .set(values)
          .where('tenant_id', '=', input.tenantId)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw versionConflict();
      } else {
        await trx
          .insertInto('case_settings')
          .values({ tenant_id: input.tenantId, id: uuidv7(), ...values })
          .execute();
      }
      await writeAudit(trx, ctx, {
        tenantId: input.tenantId,
        action: 'case_settings.update',
        entity: 'case_settings',
        entityId: input.tenantId,
        before: before ? present(input.tenantId, before) : null,
        after: { ...input },
      });
    })
    .catch((e) => {
      // Two first saves racing: the unique (tenant) index lets one in; the other saw an old version.
      if (isUniqueViolation(e)) throw versionConflict();
      throw e;
    });
  return settingsOf(deps, input.tenantId);
}
