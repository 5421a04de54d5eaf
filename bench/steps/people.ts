import { residentIdCheckChar } from '../../contracts/identifiers';
import {
  CHILD_DIFFICULTY_TYPES,
  DEFAULT_TAGS,
  DISABILITY_CATEGORIES,
  DISABILITY_LEVELS,
  nameInitials,
} from '../../server/modules/people/index';
import { createFieldCrypto } from '../../server/platform/crypto';
import { maskIdNumber, maskMobile } from '../../server/platform/masking';
import {
  BENCH_SECRET_KEY,
  type BuildingRef,
  type Step,
  type StepContext,
  type TenantRef,
} from '../lib/context';
import { givenName, surname } from '../lib/names';
import type { Rng } from '../lib/random';

/**
 * Residents and households (issue 3): per tenant 180,000 people in 60,000 households, spread over
 * the generated buildings by size, with vulnerable-group tags on about 15 % and a guardian and a
 * guardian's consent for every child. ID numbers and phones are sealed with the bench app's
 * SECRET_KEY exactly as people.service.ts does (AES-256-GCM, keyed lookup hash of
 * `resident_id:<number>`, masked forms beside them), so the app can open and find them.
 *
 * Synthetic: ID numbers use address code 99 + the tenant's number (no such province), phones the
 * 199 range, names are random surname + given-character combinations. Sealed values carry a random
 * IV (as in production), so the digest leaves `*_sealed` columns out.
 */

// The national categories and their detail values, exactly as the app seeds them.
const TAGS = DEFAULT_TAGS;
const DIFFICULTY = CHILD_DIFFICULTY_TYPES;
const DISABILITY = DISABILITY_CATEGORIES;
const LEVELS = DISABILITY_LEVELS;
/** Ages are counted on this date (the generator's clock starts 2026-01-01). */
const TODAY_YEAR = 2026;
/** Persons per insert chunk (keeps memory flat at city scale). */
const CHUNK_HOUSEHOLDS = 5_000;

type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other';
interface Member {
  age: number;
  gender: 'male' | 'female';
  relation: Relation;
  /** Index of the guardian within the household (minors). */
  guardian: number | null;
  ownSurname: boolean;
  tags: { code: string; detail: Record<string, string> | null }[];
}

/** Household sizes 1–6 with mean 3.0 (1: 15 %, 2: 25 %, 3: 25 %, 4: 20 %, 5: 10 %, 6: 5 %). */
function householdSizes(rng: Rng, households: number, persons: number): number[] {
  const sizes = Array.from({ length: households }, () => {
    const r = rng.next();
    return r < 0.15 ? 1 : r < 0.4 ? 2 : r < 0.65 ? 3 : r < 0.85 ? 4 : r < 0.95 ? 5 : 6;
  });
  let diff = persons - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 7919) % households) {
    if (diff > 0 && sizes[i]! < 8) {
      sizes[i]!++;
      diff--;
    } else if (diff < 0 && sizes[i]! > 2) {
      sizes[i]!--;
      diff++;
    }
  }
  return sizes;
}

const other = (g: 'male' | 'female') => (g === 'male' ? 'female' : 'male');

/** Who lives in a household of `size`: elderly singles and couples, families, left-behind children. */
function members(rng: Rng, size: number): Member[] {
  const m = (age: number, gender: 'male' | 'female', relation: Relation, ownSurname = false): Member => ({
    age,
    gender,
    relation,
    guardian: null,
    ownSurname,
    tags: [],
  });
  const sex = (): 'male' | 'female' => (rng.chance(0.5) ? 'male' : 'female');
  if (size === 1) {
    if (rng.chance(0.45)) {
      const p = m(rng.int(60, 96), rng.chance(0.6) ? 'female' : 'male', 'head');
      p.tags.push({ code: 'elderly_alone', detail: null });
      return [p];
    }
    return [m(rng.int(19, 59), sex(), 'head')];
  }
  if (size === 2 && rng.chance(0.4)) {
    const a = m(rng.int(60, 92), 'male', 'head');
    const b = m(Math.max(58, a.age - rng.int(0, 6)), 'female', 'spouse', true);
    for (const p of [a, b]) p.tags.push({ code: 'elderly_empty_nest', detail: null });
    return [a, b];
  }
  if (size >= 3 && rng.chance(0.06)) {
    // Grandparents raising grandchildren while the parents work elsewhere (留守儿童).
    const a = m(rng.int(55, 75), 'male', 'head');
    const out = [a, m(a.age - rng.int(0, 4), 'female', 'spouse', true)];
    while (out.length < size) {
      const c = m(rng.int(3, 15), sex(), 'grandchild');
      c.guardian = 0;
      c.tags.push({ code: 'child_left_behind', detail: null });
      out.push(c);
    }
    return out;
  }
  const headGender = rng.chance(0.75) ? 'male' : 'female';
  const head = m(rng.int(24, 60), headGender, 'head');
  const out = [head, m(Math.max(20, head.age + rng.int(-6, 4)), other(headGender), 'spouse', true)];
  // Older relatives move in with bigger families.
  const parents = size >= 4 && rng.chance(0.45) ? rng.int(1, Math.min(2, size - 3)) : 0;
  for (let i = 0; i < parents; i++)
    out.push(m(Math.min(98, head.age + rng.int(22, 32)), i === 0 ? 'female' : 'male', 'parent', true));
  while (out.length < size) {
    // Children are born when the head is 22–42.
    const c = m(Math.max(0, head.age - rng.int(22, 42)), sex(), 'child');
    if (c.age < 18) c.guardian = 0;
    out.push(c);
  }
  return out;
}

/** Further tags on top of the household-shaped ones; about 15 % of people carry at least one. */
function extraTags(rng: Rng, p: Member) {
  const add = (code: string, detail: Record<string, string> | null = null) => {
    if (!p.tags.some((t) => t.code === code)) p.tags.push({ code, detail });
  };
  if (p.age >= 80) add('elderly_advanced');
  if (rng.chance(p.age >= 60 ? 0.05 : 0.012))
    add('disabled', { category: rng.pick(DISABILITY), level: rng.pick(LEVELS) });
  if (p.relation === 'head' && rng.chance(0.02)) add('dibao');
  if (p.relation === 'head' && rng.chance(0.005)) add('low_income');
  if (p.age >= 60 && rng.chance(0.004)) add('tekun');
  if (rng.chance(0.006)) add('serious_illness');
  if (p.age < 18 && rng.chance(0.01)) add('child_in_difficulty', { type: rng.pick(DIFFICULTY) });
  if (p.gender === 'male' && p.age >= 22 && rng.chance(0.015)) add('veteran');
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

async function tenantPeople(ctx: StepContext, tenant: TenantRef) {
  const { scale, rng, ids, clock } = ctx;
  const crypto = createFieldCrypto(BENCH_SECRET_KEY);
  const initials = new Map<string, string>();
  const initialsOf = (name: string) => {
    let v = initials.get(name);
    if (v === undefined) {
      v = nameInitials(name);
      initials.set(name, v);
    }
    return v;
  };
  await ctx.insert(
    'tag_definition',
    TAGS.map((t, i) => ({
      tenant_id: tenant.id,
      id: ids.next(),
      code: t.code,
      name: t.name,
      parent_code: null,
      sensitive: t.sensitive ? 1 : 0,
      detail_keys: JSON.stringify(t.detailKeys ?? []),
      active: 1,
      sort: i,
    })),
  );

  // Households go to buildings in proportion to their size (units × floors × 2 flats a floor).
  const buildings = tenant.buildings;
  const weights = buildings.map((b) => (b.units ?? 2) * (b.floors ?? 6));
  const total = weights.reduce((a, b) => a + b, 0);
  const perBuilding = weights.map((w) => Math.floor((w / total) * scale.householdsPerTenant));
  let rest = scale.householdsPerTenant - perBuilding.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % buildings.length, rest--) perBuilding[i]!++;
  const slots: { b: BuildingRef; unit: string; room: string }[] = [];
  buildings.forEach((b, i) => {
    const units = b.units ?? 2;
    const floors = b.floors ?? 6;
    const flats = Math.max(1, Math.ceil(perBuilding[i]! / (units * floors)));
    for (let k = 0; k < perBuilding[i]!; k++) {
      const flat = k % (units * floors * flats);
      const unit = (flat % units) + 1;
      const floor = (Math.floor(flat / units) % floors) + 1;
      const n = Math.floor(flat / (units * floors)) + 1;
      slots.push({ b, unit: String(unit), room: `${floor}${pad(n, 2)}` });
    }
  });

  const sizes = householdSizes(rng, scale.householdsPerTenant, scale.personsPerTenant);
  const addressCode = `99${pad(tenant.index % 10_000, 4)}`;
  const usedIds = new Set<string>();
  const tagged = new Map<string, Map<string, number>>();
  let probes: TenantRef['probes'];
  let people = 0;
  let taggedPeople = 0;

  for (let start = 0; start < slots.length; start += CHUNK_HOUSEHOLDS) {
    const householdRows: Record<string, unknown>[] = [];
    const personRows: Record<string, unknown>[] = [];
    const memberRows: Record<string, unknown>[] = [];
    const tagRows: Record<string, unknown>[] = [];
    const consentRows: Record<string, unknown>[] = [];
    for (let h = start; h < Math.min(slots.length, start + CHUNK_HOUSEHOLDS); h++) {
      const slot = slots[h]!;
      const householdId = ids.next();
      const created = clock.iso(10);
      householdRows.push({
        tenant_id: tenant.id,
        id: householdId,
        community_id: slot.b.communityId,
        building_id: slot.b.id,
        unit: slot.unit,
        room: slot.room,
        address_free: null,
        status: 'active',
        created_at: created,
        updated_at: created,
        version: 1,
      });
      const family = members(rng, sizes[h]!);
      const familyName = surname(rng);
      const personIds: string[] = [];
      for (const p of family) {
        extraTags(rng, p);
        const id = ids.next();
        personIds.push(id);
        const year = TODAY_YEAR - 1 - p.age;
        const birthDate = `${year}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
        let idNumber = '';
        do {
          // Sequence code: odd for men, even for women (GB 11643).
          const seq = rng.int(0, 499) * 2 + (p.gender === 'male' ? 1 : 0);
          const first17 = `${addressCode}${birthDate.replace(/-/g, '')}${pad(seq, 3)}`;
          idNumber = first17 + residentIdCheckChar(first17);
        } while (usedIds.has(idNumber));
        usedIds.add(idNumber);
        const name = `${p.ownSurname ? surname(rng) : familyName}${givenName(rng, p.gender, year)}`;
        const hasPhone = p.age >= 14 && !(p.age >= 80 && rng.chance(0.3));
        const national = hasPhone ? `199${pad(rng.int(0, 99_999_999), 8)}` : null;
        const r = rng.next();
        const status = r < 0.03 ? 'moved_out' : r < 0.04 ? 'deceased' : 'active';
        const guardianId = p.guardian === null ? null : personIds[p.guardian]!;
        personRows.push({
          tenant_id: tenant.id,
          id,
          name,
          name_initials: initialsOf(name),
          gender: p.gender,
          birth_date: birthDate,
          id_type: 'resident_id',
          id_sealed: crypto.seal(idNumber),
          id_hash: crypto.lookupHash(`resident_id:${idNumber}`),
          id_masked: maskIdNumber(idNumber),
          phone_sealed: national ? crypto.seal(`+86${national}`) : null,
          phone_last4: national ? national.slice(-4) : null,
          phone_masked: national ? maskMobile(national) : null,
          ethnicity: rng.chance(0.97) ? '汉族' : rng.pick(['瑶族', '壮族', '畲族', '回族']),
          community_id: slot.b.communityId,
          compound_id: slot.b.compoundId,
          building_id: slot.b.id,
          unit: slot.unit,
          room: slot.room,
          address_free: null,
          household_id: householdId,
          party_member: p.age >= 18 ? (rng.chance(0.08) ? 1 : 0) : null,
          disability_cert_no: null,
          guardian_id: guardianId,
          notes: null,
          status,
          status_changed_at: status === 'active' ? null : created,
          created_at: created,
          updated_at: created,
          version: 1,
        });
        memberRows.push({
          tenant_id: tenant.id,
          id: ids.next(),
          household_id: householdId,
          person_id: id,
          relation: p.relation,
          joined_at: created,
          left_at: null,
        });
        if (p.age < 14 && guardianId)
          consentRows.push({
            tenant_id: tenant.id,
            id: ids.next(),
            person_id: id,
            purpose: 'minor_processing',
            given_by: 'guardian',
            guardian_id: guardianId,
            scope: null,
            given_at: created,
            withdrawn_at: null,
            recorded_by: null,
          });
        if (p.tags.length > 0) taggedPeople++;
        for (const t of p.tags) {
          tagRows.push({
            tenant_id: tenant.id,
            id: ids.next(),
            person_id: id,
            code: t.code,
            detail: t.detail ? JSON.stringify(t.detail) : null,
            created_at: created,
          });
          if (status === 'active') {
            const byTag = tagged.get(slot.b.communityId) ?? new Map<string, number>();
            byTag.set(t.code, (byTag.get(t.code) ?? 0) + 1);
            tagged.set(slot.b.communityId, byTag);
          }
        }
        if (!probes && status === 'active' && p.age >= 18 && name.startsWith('陈') && name.length === 3)
          probes = {
            personId: id,
            communityId: '',
            tag: '',
            surname: '陈',
            initials: initialsOf(name).slice(0, 2),
          };
        people++;
      }
    }
    await ctx.insert('household', householdRows);
    await ctx.insert('person', personRows);
    await ctx.insert('household_member', memberRows);
    await ctx.insert('person_tag', tagRows);
    await ctx.insert('consent', consentRows);
  }
  // The filtered-list probe: the first community and its most common tag among active people.
  const community = tenant.communities[0]!.id;
  const tag = [...(tagged.get(community) ?? new Map<string, number>()).entries()].sort(
    (a, b) => b[1] - a[1],
  )[0];
  if (probes) tenant.probes = { ...probes, communityId: community, tag: tag?.[0] ?? 'elderly_alone' };
  return { people, taggedPeople };
}

export const peopleStep: Step = {
  name: 'people',
  async run(ctx) {
    let people = 0;
    let tagged = 0;
    for (const tenant of ctx.world.tenants) {
      const r = await tenantPeople(ctx, tenant);
      people += r.people;
      tagged += r.taggedPeople;
    }
    ctx.log(
      `${people.toLocaleString('en')} people, ${((tagged / Math.max(1, people)) * 100).toFixed(1)} % tagged`,
    );
  },
};
