import type { z } from 'zod';
import {
  CASE_STAGE_LABELS,
  type CaseExportQuery,
  type CaseStage,
  RISK_LABELS,
} from '../../../contracts/cases';
import { decide, scopeIsEmpty, scopeOf } from '../../platform/access';
import { writeAudit } from '../../platform/audit-writer';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { safeText } from '../../platform/spreadsheet-cells';
import { namesFor } from './case-present';
import { caseAccess, casePlace } from './cases.policy';
import * as repo from './cases.repository';
import { visibleCases } from './cases.service';

const HEAD = [
  '个案编号',
  '阶段',
  '风险等级',
  '社区',
  '接案日期',
  '结案日期',
  '主责社工',
  '服务次数',
  '服务时长(分钟)',
];
const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ (or tab, CR) would be a formula in Excel (CSV injection): keep it text.
  const safe = safeText(s);
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The caseload as a statistics sheet (UTF-8 CSV with BOM, opens in Excel): the cases the caller
 * may open, with no names and no case text. Cases about children (under 18 at intake, or flagged
 * at risk) are left out unless `includeChildren` is asked for by someone holding
 * cases.export_children at each such case (未成年人保护法 §103). The export is audited.
 */
export async function exportCases(deps: Deps, ctx: RequestContext, q: z.output<typeof CaseExportQuery>) {
  const p = ctx.scoped();
  if (q.includeChildren && scopeIsEmpty(scopeOf(p, 'cases.export_children')))
    throw new AppError('platform.forbidden', '没有导出涉及儿童个案的权限');
  const s = scopeOf(p, 'cases.read');
  const db = repo.narrow(deps.db);
  let query = db
    .selectFrom('case_file')
    .selectAll('case_file')
    .select((eb) => repo.myRole(eb, p.userId))
    .select((eb) =>
      eb
        .selectFrom('case_service')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('case_service.tenant_id', '=', 'case_file.tenant_id')
        .whereRef('case_service.case_id', '=', 'case_file.id')
        .as('services'),
    )
    .select((eb) =>
      eb
        .selectFrom('case_service')
        .select((e) => e.fn.sum<number | string>('case_service.duration_min').as('m'))
        .whereRef('case_service.tenant_id', '=', 'case_file.tenant_id')
        .whereRef('case_service.case_id', '=', 'case_file.id')
        .as('minutes'),
    )
    .where((eb) => visibleCases(eb, p.userId, s, scopeIsEmpty(s)));
  if (q.tenantId) query = query.where('case_file.tenant_id', '=', q.tenantId);
  const rows = (await query.orderBy('case_file.tenant_id').orderBy('case_file.number').execute()).filter(
    (r) =>
      caseAccess(p, r, r.my_role ? { role: r.my_role, status: 'active' } : null).file &&
      (r.child_case === 0 ||
        (q.includeChildren && decide(p, 'cases.export_children', casePlace(r)) === 'allow')),
  );
  const names = await namesFor(deps, rows);
  const lines = [HEAD.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.number,
        CASE_STAGE_LABELS[r.stage as CaseStage].zh,
        RISK_LABELS[r.risk_level].zh,
        r.community_id ? (names.places.get(r.community_id) ?? '') : '',
        r.intake_on,
        r.closed_on,
        names.users.get(r.worker_id) ?? '',
        Number(r.services ?? 0),
        Number(r.minutes ?? 0),
      ]
        .map(cell)
        .join(','),
    );
  }
  const tenants = [...new Set(rows.map((r) => r.tenant_id))];
  await db.transaction().execute(async (trx) => {
    for (const t of tenants.length ? tenants : [q.tenantId ?? p.homeTenantId].filter((x): x is string => !!x))
      await writeAudit(trx, ctx, {
        tenantId: t,
        action: 'case.export',
        entity: 'case',
        entityId: t,
        after: {
          rows: rows.filter((r) => r.tenant_id === t).length,
          includeChildren: q.includeChildren,
        },
      });
  });
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
