import type { Db } from '../../db/database';
import { clock } from '../../platform/clock';
import { versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import type { ShownTag } from './people.present';
import type { PeopleDb, PersonRow } from './people.tables';
import { DEFAULT_TAGS } from './tag-catalog';

export const narrow = (db: Db) => db as unknown as PeopleDb;

export const findPerson = (db: PeopleDb, id: string) =>
  db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();

/** Tags of many people in one query, with their catalog names and sensitivity. */
export async function tagsOf(
  db: PeopleDb,
  tenantId: string,
  personIds: string[],
): Promise<Map<string, ShownTag[]>> {
  const out = new Map<string, ShownTag[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('person_tag')
    .innerJoin('tag_definition', (j) =>
      j
        .onRef('tag_definition.tenant_id', '=', 'person_tag.tenant_id')
        .onRef('tag_definition.code', '=', 'person_tag.code'),
    )
    .select([
      'person_tag.person_id',
      'person_tag.code',
      'person_tag.detail',
      'tag_definition.name',
      'tag_definition.sensitive',
    ])
    .where('person_tag.tenant_id', '=', tenantId)
    .where('person_tag.person_id', 'in', personIds)
    .orderBy('tag_definition.sort')
    .execute();
  for (const r of rows) {
    const list = out.get(r.person_id) ?? [];
    list.push({
      code: r.code,
      name: r.name,
      detail: r.detail ? JSON.parse(r.detail) : null,
      sensitive: r.sensitive === 1,
    });
    out.set(r.person_id, list);
  }
  return out;
}

/** A tenant's tag catalog, seeded with the national categories the first time it is needed. */
export async function tagCatalog(db: PeopleDb, tenantId: string) {
  let rows = await db
    .selectFrom('tag_definition')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('sort')
    .execute();
  if (rows.length === 0) {
    await db
      .insertInto('tag_definition')
      .values(
        DEFAULT_TAGS.map((t, i) => ({
          tenant_id: tenantId,
          id: uuidv7(),
          code: t.code,
          name: t.name,
          parent_code: t.parent ?? null,
          sensitive: t.sensitive ? 1 : 0,
          detail_keys: JSON.stringify(t.detailKeys ?? []),
          active: 1,
          sort: i,
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .execute();
    rows = await db
      .selectFrom('tag_definition')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('sort')
      .execute();
  }
  return rows;
}

export const personByIdHash = (db: PeopleDb, tenantId: string, hash: string) =>
  db
    .selectFrom('person')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id_hash', '=', hash)
    .where('status', '!=', 'anonymized')
    .execute();

export type { PersonRow };

/**
 * When someone of the tenant was last erased (or anonymized by retention): a job file made by a
 * job started before then may hold them, and is void.
 */
export async function lastErasure(db: PeopleDb, tenantId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.max('status_changed_at').as('at'))
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'anonymized')
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** Versioned update of one person (optimistic locking: 409 when someone changed it meanwhile). */
export async function updatePersonVersioned(
  trx: PeopleDb,
  person: Pick<PersonRow, 'tenant_id' | 'id'>,
  version: number,
  patch: Partial<PersonRow>,
): Promise<PersonRow> {
  const after = await trx
    .updateTable('person')
    .set({ ...patch, updated_at: clock.iso(), version: version + 1 })
    .where('tenant_id', '=', person.tenant_id)
    .where('id', '=', person.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw versionConflict();
  return after;
}
