import type { z } from 'zod';
import { checkIdByType } from '../../../contracts/identifiers';
import type {
  PersonCreate,
  PersonSearch,
  PersonStatusChange,
  PersonUpdate,
  Reveal,
} from '../../../contracts/people';
import { isUniqueViolation } from '../../db/dialect';
import { decide, scopeOf } from '../../platform/access';
import { writeAccess, writeAccessMany, writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { findNode } from '../territory/index';
import { hasGuardianConsent } from './consents.service';
import { personPlace } from './people.policy';
import {
  ageBand,
  auditImage,
  birthRange,
  nameInitials,
  presentPerson,
  type ShownTag,
  shanghaiToday,
} from './people.present';
import { referencedPerson } from './people.refs';
import * as repo from './people.repository';
import type { PeopleDb, PersonRow } from './people.tables';
import { checkTags, identity, newPersonRow, phone, placeFor } from './person-fields';

type Input = z.output<typeof PersonCreate>;

/** A guardian is named like a person in a path: in the tenant, and readable by the caller. */
async function checkGuardian(
  db: PeopleDb,
  ctx: RequestContext,
  tenantId: string,
  guardianId: string | null,
  selfId?: string,
) {
  if (!guardianId) return;
  if (guardianId === selfId) throw invalid('guardianId', '不能做自己的监护人');
  await referencedPerson(db, ctx, tenantId, guardianId, 'guardianId', 'people.read', '监护人');
}

/** The database's unique index caught a registration racing this one with the same number. */
function duplicateIdAs409(e: unknown): never {
  if (isUniqueViolation(e)) {
    throw new AppError('people.duplicate_id', '该证件号码已登记', [{ path: 'idNumber', message: '已登记' }]);
  }
  throw e;
}

/** What a caller who may not see the existing record is told: that it exists, and whom to ask. */
export const DUPLICATE_ELSEWHERE = '该证件号码已在本街道登记,不在您的管辖范围内;如需核实,请联系街道';
/** The access-log purpose of such an attempt (the number was typed, the record was not shown). */
export const DUPLICATE_PROBE = '登记时输入的证件号码与已登记居民重复(记录不在登记人的管辖范围内,未向其显示)';

/**
 * An identity number already on record in the tenant is refused (409). Within the caller's
 * reach the answer points to the record and its community. Outside it, the caller learns only
 * that the number is registered in the subdistrict and whom to ask — never the record's id or
 * place — and the attempt is written to the access log against each matching record, so that
 * "who looked for this person's number" finds it.
 */
async function assertNoDuplicate(
  deps: Deps,
  ctx: RequestContext,
  tenantId: string,
  hash: string | null,
  selfId?: string,
) {
  if (!hash) return;
  const db = repo.narrow(deps.db);
  const same = (await repo.personByIdHash(db, tenantId, hash)).filter((p) => p.id !== selfId);
  if (same.length === 0) return;
  const seen = same.find((r) => decide(ctx.user(), 'people.read', personPlace(r)) === 'allow');
  if (seen) {
    const community = seen.community_id ? (await findNode(deps, 'community', seen.community_id))?.name : null;
    throw new AppError('people.duplicate_id', '该证件号码已登记', [
      { path: 'idNumber', message: `已登记(${community ?? '未分社区'},编号 ${seen.id})` },
    ]);
  }
  await db.transaction().execute((trx) =>
    writeAccessMany(
      trx,
      ctx,
      same.map((r) => ({
        tenantId,
        subjectKind: 'person',
        subjectId: r.id,
        fields: ['idNumber'],
        purpose: DUPLICATE_PROBE,
      })),
    ),
  );
  throw new AppError('people.duplicate_id_elsewhere', DUPLICATE_ELSEWHERE, [
    { path: 'idNumber', message: DUPLICATE_ELSEWHERE },
  ]);
}

async function writeTags(trx: PeopleDb, tenantId: string, personId: string, tags: Input['tags']) {
  await trx
    .deleteFrom('person_tag')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .execute();
  if (tags.length === 0) return;
  const now = clock.iso();
  await trx
    .insertInto('person_tag')
    .values(
      tags.map((t) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        person_id: personId,
        code: t.code,
        detail: t.detail ? JSON.stringify(t.detail) : null,
        created_at: now,
      })),
    )
    .execute();
}

/**
 * A caller who cannot see a person's sensitive tags (health, disability, income) edits only the
 * others: the hidden ones are kept as they are, and they cannot add any.
 */
async function tagsToKeep(deps: Deps, ctx: RequestContext, before: PersonRow, wanted: Input['tags']) {
  if (decide(ctx.user(), 'people.reveal', personPlace(before)) === 'allow') return wanted;
  const db = repo.narrow(deps.db);
  const sensitive = new Set(
    (await repo.tagCatalog(db, before.tenant_id)).filter((t) => t.sensitive === 1).map((t) => t.code),
  );
  const i = wanted.findIndex((t) => sensitive.has(t.code));
  if (i >= 0) throw invalid(`tags.${i}.code`, '没有查看敏感标签的权限,不能设置该标签');
  const hidden = ((await repo.tagsOf(db, before.tenant_id, [before.id])).get(before.id) ?? []).filter(
    (t) => t.sensitive,
  );
  return [...wanted, ...hidden.map((t) => ({ code: t.code, detail: t.detail }))];
}

/** The caller's view of a person: masked, with sensitive tags only where they may reveal. */
async function view(
  deps: Deps,
  ctx: RequestContext,
  row: PersonRow,
  revealed: Set<z.infer<typeof Reveal>['fields'][number]> = new Set(),
) {
  const tags = (await repo.tagsOf(repo.narrow(deps.db), row.tenant_id, [row.id])).get(row.id) ?? [];
  return presentPerson(row, tags, {
    revealed,
    crypto: deps.crypto,
    today: shanghaiToday(clock.now()),
    showSensitiveTags: decide(ctx.user(), 'people.reveal', personPlace(row)) === 'allow',
  });
}

async function load(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  perm: 'people.read' | 'people.write' | 'people.reveal',
) {
  const row = await repo.findPerson(repo.narrow(deps.db), id);
  if (!row) throw notFound('居民');
  ctx.authorize(perm, personPlace(row), '居民');
  return row;
}

export async function getPerson(deps: Deps, ctx: RequestContext, id: string) {
  return view(deps, ctx, await load(deps, ctx, id, 'people.read'));
}

/** Registers a person. An identity number already on record in the tenant is refused (409). */
export async function createPerson(deps: Deps, ctx: RequestContext, input: Input) {
  const db = repo.narrow(deps.db);
  const place = await placeFor(deps, input.tenantId, input.buildingId);
  ctx.authorize('people.write', personPlace({ tenant_id: input.tenantId, ...place }), '楼栋');
  const id = identity(deps, input);
  await assertNoDuplicate(deps, ctx, input.tenantId, id.id_hash);
  await checkTags(db, input.tenantId, input.tags);
  await checkGuardian(db, ctx, input.tenantId, input.guardianId);
  const row = newPersonRow(
    input.tenantId,
    input,
    { ...id, ...phone(deps, input.phone) },
    place,
    input.guardianId,
    clock.iso(),
  );
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('person').values(row).execute();
      await writeTags(trx, row.tenant_id, row.id, input.tags);
      await writeAudit(trx, ctx, {
        tenantId: row.tenant_id,
        action: 'person.create',
        entity: 'person',
        entityId: row.id,
        after: auditImage(row),
      });
    })
    .catch(duplicateIdAs409);
  return view(deps, ctx, row);
}

/** Corrects a person's record (PIPL right to correction); moving to another building needs write access there too. */
export async function updatePerson(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  input: z.output<typeof PersonUpdate>,
) {
  const db = repo.narrow(deps.db);
  const before = await load(deps, ctx, personId, 'people.write');
  if (before.status === 'anonymized') throw new AppError('people.anonymized', '该记录已匿名化,不能修改');
  const moving = input.buildingId !== undefined && input.buildingId !== before.building_id;
  const place = moving ? await placeFor(deps, before.tenant_id, input.buildingId ?? null) : null;
  if (place) ctx.authorize('people.write', personPlace({ tenant_id: before.tenant_id, ...place }), '楼栋');
  const idChanged = input.idNumber !== undefined || input.idType !== undefined;
  const id = idChanged
    ? identity(deps, {
        idType: input.idType === undefined ? (before.id_type as Input['idType']) : input.idType,
        idNumber:
          input.idNumber === undefined
            ? before.id_sealed
              ? deps.crypto.open(before.id_sealed)
              : null
            : input.idNumber,
        birthDate: input.birthDate === undefined ? null : input.birthDate,
        gender: input.gender ?? before.gender,
      })
    : null;
  if (id) await assertNoDuplicate(deps, ctx, before.tenant_id, id.id_hash, personId);
  const tags = input.tags ? await tagsToKeep(deps, ctx, before, input.tags) : undefined;
  if (tags) await checkTags(db, before.tenant_id, tags);
  if (input.guardianId !== undefined && input.guardianId !== before.guardian_id)
    await checkGuardian(db, ctx, before.tenant_id, input.guardianId, personId);
  const patch: Partial<PersonRow> = Object.fromEntries(
    Object.entries({
      name: input.name,
      name_initials: input.name ? nameInitials(input.name) : undefined,
      ...(id ?? { gender: input.gender, birth_date: input.birthDate }),
      ...(input.phone !== undefined ? phone(deps, input.phone) : {}),
      ethnicity: input.ethnicity,
      ...(place ?? {}),
      unit: input.unit,
      room: input.room,
      address_free: input.addressFree,
      party_member:
        input.partyMember === undefined
          ? undefined
          : input.partyMember === null
            ? null
            : input.partyMember
              ? 1
              : 0,
      disability_cert_no: input.disabilityCertNo,
      guardian_id: input.guardianId,
      notes: input.notes,
    }).filter(([, v]) => v !== undefined),
  );
  const after = await db
    .transaction()
    .execute(async (trx) => {
      const after = await repo.updatePersonVersioned(trx, before, input.version, patch);
      if (tags) await writeTags(trx, before.tenant_id, personId, tags);
      await writeAudit(trx, ctx, {
        tenantId: before.tenant_id,
        action: moving ? 'person.move' : 'person.update',
        entity: 'person',
        entityId: personId,
        before: auditImage(before),
        after: {
          ...auditImage(after),
          changed: Object.keys(patch).filter((k) => !k.endsWith('_sealed') && k !== 'id_hash'),
        },
      });
      return after;
    })
    .catch(duplicateIdAs409);
  return view(deps, ctx, after);
}

/** Moved out, deceased, or back to active: the record stays, with the date of the change. */
export async function changeStatus(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  input: z.output<typeof PersonStatusChange>,
) {
  const before = await load(deps, ctx, personId, 'people.write');
  if (before.status === 'anonymized') throw new AppError('people.anonymized', '该记录已匿名化,不能修改');
  if (before.status === input.status) throw new AppError('people.status_unchanged', '状态未变化');
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      const after = await repo.updatePersonVersioned(trx, before, input.version, {
        status: input.status,
        status_changed_at: clock.iso(),
      });
      await writeAudit(trx, ctx, {
        tenantId: before.tenant_id,
        action: `person.${input.status}`,
        entity: 'person',
        entityId: personId,
        before: auditImage(before),
        after: { ...auditImage(after), note: input.note ?? null },
      });
      return after;
    });
  return view(deps, ctx, after);
}

/**
 * Shows the asked-for fields in the clear and writes one access-log row naming them and the
 * purpose. A child under 14 also needs the minor permission and a guardian's consent on record.
 */
export async function reveal(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  input: z.output<typeof Reveal>,
) {
  const row = await load(deps, ctx, personId, 'people.reveal');
  if (ageBand(row.birth_date, shanghaiToday(clock.now())) === '0-13') {
    ctx.authorize('people.reveal_minor', personPlace(row), '居民');
    if (!(await hasGuardianConsent(deps, row.tenant_id, row.id))) {
      throw new AppError('people.minor_consent_missing', '未满14周岁:须先登记监护人同意,才能查看');
    }
  }
  const fields = [...new Set(input.fields)].sort();
  await repo
    .narrow(deps.db)
    .transaction()
    .execute((trx) =>
      writeAccess(trx, ctx, {
        tenantId: row.tenant_id,
        subjectKind: 'person',
        subjectId: row.id,
        fields,
        purpose: input.purpose,
      }),
    );
  return view(deps, ctx, row, new Set(fields));
}

/**
 * Searches the people the caller may see, masked, ordered by pinyin initials (close to how
 * Chinese lists are sorted), keyset-paged. Two queries: the page and its tags.
 */
export async function searchPeople(deps: Deps, ctx: RequestContext, q: z.output<typeof PersonSearch>) {
  const p = ctx.scoped();
  const s = scopeOf(p, 'people.read');
  const empty = { items: [], nextCursor: null };
  if (!s.all && s.tenantIds.size + s.communityIds.size + s.compoundIds.size + s.buildingIds.size === 0)
    return empty;
  const db = repo.narrow(deps.db);
  let query = db.selectFrom('person').selectAll().where('status', '=', q.status);
  if (q.tenantId) query = query.where('tenant_id', '=', q.tenantId);
  if (!s.all) {
    query = query.where((eb) =>
      eb.or([
        ...(s.tenantIds.size ? [eb('tenant_id', 'in', [...s.tenantIds])] : []),
        ...(s.communityIds.size ? [eb('community_id', 'in', [...s.communityIds])] : []),
        ...(s.compoundIds.size ? [eb('compound_id', 'in', [...s.compoundIds])] : []),
        ...(s.buildingIds.size ? [eb('building_id', 'in', [...s.buildingIds])] : []),
      ]),
    );
  }
  if (q.communityId) query = query.where('community_id', '=', q.communityId);
  if (q.compoundId) query = query.where('compound_id', '=', q.compoundId);
  if (q.buildingId) query = query.where('building_id', '=', q.buildingId);
  if (q.phoneLast4) query = query.where('phone_last4', '=', q.phoneLast4);
  if (q.name) {
    // Both kinds of search walk the (name_initials, name) index as a range: pinyin initials by
    // their prefix; Chinese by the surname's initial, then the name's own prefix.
    const term = q.name;
    const ascii = /^[a-z]+$/i.test(term);
    const prefix = ascii ? term.toLowerCase() : nameInitials([...term][0]!).slice(0, 1);
    query = query.where('name_initials', '>=', prefix).where('name_initials', '<', `${prefix}\uffff`);
    if (!ascii) query = query.where('name', 'like', `${term.replace(/[\\%_]/g, '')}%`);
  }
  if (q.ageBand) {
    const r = birthRange(q.ageBand, shanghaiToday(clock.now()));
    query = query.where('birth_date', '<=', r.to);
    if (r.from) query = query.where('birth_date', '>=', r.from);
  }
  if (q.tag) {
    const tag = q.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_tag')
          .select('person_tag.id')
          .whereRef('person_tag.tenant_id', '=', 'person.tenant_id')
          .whereRef('person_tag.person_id', '=', 'person.id')
          .where('person_tag.code', '=', tag),
      ),
    );
  }
  const c = decodeCursor(q.cursor, ['string', 'string', 'uuid']);
  if (c) {
    query = query.where((eb) =>
      eb.or([
        eb('name_initials', '>', c[0]),
        eb.and([eb('name_initials', '=', c[0]), eb('name', '>', c[1])]),
        eb.and([eb('name_initials', '=', c[0]), eb('name', '=', c[1]), eb('id', '>', c[2])]),
      ]),
    );
  }
  const rows = await query
    .orderBy('name_initials')
    .orderBy('name')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  const byTenant = new Map<string, string[]>();
  for (const r of items) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
  const tags = new Map<string, ShownTag[]>();
  for (const [tenantId, ids] of byTenant)
    for (const [k, v] of await repo.tagsOf(db, tenantId, ids)) tags.set(k, v);
  const today = shanghaiToday(clock.now());
  const last = items[items.length - 1];
  return {
    items: items.map((r) =>
      presentPerson(r, tags.get(r.id) ?? [], {
        revealed: new Set(),
        crypto: deps.crypto,
        today,
        showSensitiveTags: decide(p, 'people.reveal', personPlace(r)) === 'allow',
      }),
    ),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.name_initials ?? '', last.name, last.id]) : null,
  };
}

/** Exact lookup by identity number (sent in a body, never a URL); masked results in the caller's scope. */
export async function lookupById(
  deps: Deps,
  ctx: RequestContext,
  input: { tenantId: string; idType: Input['idType'] & string; idNumber: string },
) {
  const p = ctx.scoped();
  const checked = checkIdByType(input.idType, input.idNumber, clock.now());
  if (!checked.ok) throw invalid('idNumber', '证件号码格式不正确');
  const rows = await repo.personByIdHash(
    repo.narrow(deps.db),
    input.tenantId,
    deps.crypto.lookupHash(`${input.idType}:${checked.normalized}`),
  );
  const visible = rows.filter((r) => decide(p, 'people.read', personPlace(r)) === 'allow');
  return Promise.all(visible.map((r) => view(deps, ctx, r)));
}
