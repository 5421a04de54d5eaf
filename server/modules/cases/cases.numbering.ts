import { sql } from 'kysely';
import { uuidv7 } from '../../platform/ids';
import type { CasesDb } from './cases.tables';

export const DEFAULT_NUMBER_PATTERN = 'GA-{yyyy}-{seq:4}';

/**
 * The sequence a pattern counts in: per year when it shows the year, per month when it shows
 * the month, else one running sequence.
 */
export function periodOf(pattern: string, date: string): string {
  if (pattern.includes('{mm}')) return date.slice(0, 7);
  if (pattern.includes('{yyyy}') || pattern.includes('{yy}')) return date.slice(0, 4);
  return 'all';
}

/** Fills a pattern such as `FC-{yyyy}-{seq:4}` (DOMAIN.md: case numbers are local practice). */
export function formatNumber(
  pattern: string,
  v: { date: string; seq: number; communityCode: string | null },
): string {
  return pattern
    .replaceAll('{yyyy}', v.date.slice(0, 4))
    .replaceAll('{yy}', v.date.slice(2, 4))
    .replaceAll('{mm}', v.date.slice(5, 7))
    .replaceAll('{community}', v.communityCode ? v.communityCode.slice(-3) : '000')
    .replace(/\{seq(?::([1-9]))?\}/g, (_m, w: string | undefined) =>
      String(v.seq).padStart(Number(w ?? 1), '0'),
    );
}

/** Takes the next number of a period inside the caller's transaction (one statement, so it cannot race). */
export async function nextSeq(trx: CasesDb, tenantId: string, period: string): Promise<number> {
  const row = await trx
    .insertInto('case_number_seq')
    .values({ tenant_id: tenantId, id: uuidv7(), period, last: 1 })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'period']).doUpdateSet({ last: sql<number>`case_number_seq.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}
