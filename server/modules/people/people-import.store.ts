import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { PersonRow } from './people.tables';

/**
 * Validated import rows, held until the file has been checked to the end. A 100,000-row file
 * as JS objects took ~240 MB of heap; as JSON batches in Buffers (outside the JS heap) it is
 * ~45 MB, which keeps an import under the 512 MB bar.
 */
const PERSON_COLUMNS = [
  'tenant_id',
  'id',
  'name',
  'name_initials',
  'gender',
  'birth_date',
  'id_type',
  'id_sealed',
  'id_hash',
  'id_masked',
  'phone_sealed',
  'phone_last4',
  'phone_masked',
  'ethnicity',
  'community_id',
  'compound_id',
  'building_id',
  'unit',
  'room',
  'address_free',
  'household_id',
  'party_member',
  'disability_cert_no',
  'guardian_id',
  'notes',
  'status',
  'status_changed_at',
  'created_at',
  'updated_at',
  'version',
] as const satisfies readonly (keyof PersonRow)[];

export const BATCH = 300;

export class ReadyRows {
  private done: Buffer[] = [];
  private current: unknown[][] = [];
  count = 0;
  readonly perCommunity: Record<string, number> = {};

  add(person: PersonRow, tags: string[]) {
    this.current.push([...PERSON_COLUMNS.map((c) => person[c]), tags]);
    this.count++;
    const k = person.community_id ?? 'none';
    this.perCommunity[k] = (this.perCommunity[k] ?? 0) + 1;
    if (this.current.length >= BATCH) this.seal();
  }

  /** Once a row is bad nothing will be inserted: drop what was kept. */
  clear() {
    this.done = [];
    this.current = [];
  }

  private seal() {
    if (this.current.length === 0) return;
    this.done.push(Buffer.from(JSON.stringify(this.current), 'utf8'));
    this.current = [];
  }

  /** The rows again, a batch at a time, with their tag codes. */
  *batches(): Generator<{ person: PersonRow; tags: string[] }[]> {
    this.seal();
    for (const buf of this.done) {
      const rows = JSON.parse(buf.toString('utf8')) as unknown[][];
      yield rows.map((values) => {
        const person = {} as Record<string, unknown>;
        PERSON_COLUMNS.forEach((c, i) => {
          person[c] = values[i];
        });
        return { person: person as unknown as PersonRow, tags: values[PERSON_COLUMNS.length] as string[] };
      });
    }
  }
}

/**
 * Multi-row insert that compiles the SQL once per (table, row count) and afterwards binds the
 * values straight into it: Kysely building a 300-row × 30-column statement each time cost more
 * than SQLite inserting it. The first compile is checked against the reused parameter order.
 */
export function bulkInserter(trx: Kysely<any> | Transaction<any>) {
  const cache = new Map<string, { sql: string; columns: string[] }>();
  return async (table: string, rows: Record<string, unknown>[]) => {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const key = `${table}:${rows.length}:${columns.join(',')}`;
    const params = rows.flatMap((r) => columns.map((c) => r[c]));
    const hit = cache.get(key);
    if (hit) {
      await trx.executeQuery(CompiledQuery.raw(hit.sql, params));
      return;
    }
    const compiled = trx.insertInto(table).values(rows).compile();
    const same =
      compiled.parameters.length === params.length && compiled.parameters.every((p, i) => p === params[i]);
    if (same) cache.set(key, { sql: compiled.sql, columns });
    await trx.executeQuery(compiled);
  };
}
