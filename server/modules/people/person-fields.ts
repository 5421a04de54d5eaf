import type { z } from 'zod';
import {
  checkIdByType,
  checkResidentId,
  normalizeLandline,
  normalizeMobile,
} from '../../../contracts/identifiers';
import type { PersonCreate } from '../../../contracts/people';
import { clock } from '../../platform/clock';
import type { Deps } from '../../platform/deps';
import { invalid } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { maskIdNumber, maskMobile } from '../../platform/masking';
import { findNode } from '../territory/index';
import { nameInitials } from './people.present';
import * as repo from './people.repository';
import type { PeopleDb, PersonRow, TagDefinitionRow } from './people.tables';

/**
 * A person's field rules, shared by the one-at-a-time form (people.service) and the bulk import
 * (people-import.service): each throws the same field error (`invalid(path, message)`).
 */
type Input = z.output<typeof PersonCreate>;

/** Resolves a building to its place; a person without a building sits at the tenant level. */
export async function placeFor(deps: Deps, tenantId: string, buildingId: string | null) {
  const tenant = await findNode(deps, 'tenant', tenantId);
  if (!tenant) throw invalid('tenantId', '街道不存在');
  if (!buildingId) return { community_id: null, compound_id: null, building_id: null };
  const b = await findNode(deps, 'building', buildingId);
  if (!b || b.tenantId !== tenantId) throw invalid('buildingId', '楼栋不存在或不属于该街道');
  if (!b.active) throw invalid('buildingId', '楼栋已撤销');
  return {
    community_id: b.place.communityId ?? null,
    compound_id: b.place.compoundId ?? null,
    building_id: buildingId,
  };
}

const ID_PROBLEMS: Record<string, string> = {
  checksum: '证件号码校验位不正确',
  birth_date: '证件号码中的出生日期无效',
  type_mismatch: '证件号码与证件类型不符',
};

/** Validates and seals the identity number; derives birth date and sex from a resident ID. */
export function identity(
  deps: Deps,
  input: Pick<Input, 'idType' | 'idNumber' | 'birthDate' | 'gender'>,
  now: Date = clock.now(),
) {
  if (!input.idNumber) {
    if (input.idType) throw invalid('idNumber', '请填写证件号码');
    return {
      id_type: null,
      id_sealed: null,
      id_hash: null,
      id_masked: null,
      birth_date: input.birthDate,
      gender: input.gender,
    };
  }
  if (!input.idType) throw invalid('idType', '请选择证件类型');
  const checked = checkIdByType(input.idType, input.idNumber, now);
  if (!checked.ok) throw invalid('idNumber', ID_PROBLEMS[checked.reason] ?? '证件号码格式不正确');
  // Resident IDs and residence permits carry the birth date and sex.
  const resident = checkResidentId(checked.normalized, now);
  const derived =
    ['resident_id', 'hk_macao_permit', 'taiwan_permit'].includes(input.idType) && resident.ok
      ? resident
      : null;
  if (derived && input.birthDate && input.birthDate !== derived.birthDate)
    throw invalid('birthDate', '出生日期与证件号码不一致');
  return {
    id_type: input.idType,
    id_sealed: deps.crypto.seal(checked.normalized),
    id_hash: deps.crypto.lookupHash(`${input.idType}:${checked.normalized}`),
    id_masked: maskIdNumber(checked.normalized),
    birth_date: derived?.birthDate ?? input.birthDate,
    gender: derived ? derived.sex : input.gender,
  };
}

/** A mobile or landline number: sealed, with its last 4 digits and masked form for lists. */
export function phone(deps: Deps, raw: string | null) {
  if (!raw) return { phone_sealed: null, phone_last4: null, phone_masked: null };
  const m = normalizeMobile(raw);
  const e164 = m.ok
    ? m.e164
    : (() => {
        const l = normalizeLandline(raw);
        if (!l.ok) throw invalid('phone', '须为11位手机号或带区号的固定电话');
        return l.e164;
      })();
  const national = e164.replace(/^\+86/, '');
  return {
    phone_sealed: deps.crypto.seal(e164),
    phone_last4: national.slice(-4),
    phone_masked: maskMobile(national),
  };
}

/** Checks tags against an already loaded catalog (the import loads it once per file). */
export function checkTagsIn(catalog: TagDefinitionRow[], tags: Input['tags']) {
  for (const [i, t] of tags.entries()) {
    const def = catalog.find((c) => c.code === t.code && c.active === 1);
    if (!def) throw invalid(`tags.${i}.code`, '没有这个人群标签');
    const keys: string[] = JSON.parse(def.detail_keys);
    const extra = Object.keys(t.detail ?? {}).find((k) => !keys.includes(k));
    if (extra) throw invalid(`tags.${i}.detail.${extra}`, '该标签没有这一项');
  }
}

export async function checkTags(db: PeopleDb, tenantId: string, tags: Input['tags']) {
  checkTagsIn(await repo.tagCatalog(db, tenantId), tags);
}

/**
 * A new person's row from checked input — the one shape registration and import both write.
 * `sealed` is what identity() and phone() made; `place` what placeFor() found.
 */
export function newPersonRow(
  tenantId: string,
  input: Pick<
    Input,
    'name' | 'ethnicity' | 'unit' | 'room' | 'addressFree' | 'partyMember' | 'disabilityCertNo' | 'notes'
  >,
  sealed: Pick<
    PersonRow,
    | 'id_type'
    | 'id_sealed'
    | 'id_hash'
    | 'id_masked'
    | 'birth_date'
    | 'gender'
    | 'phone_sealed'
    | 'phone_last4'
    | 'phone_masked'
  >,
  place: Pick<PersonRow, 'community_id' | 'compound_id' | 'building_id'>,
  guardianId: string | null,
  now: string,
): PersonRow {
  return {
    tenant_id: tenantId,
    id: uuidv7(),
    name: input.name,
    name_initials: nameInitials(input.name),
    ...sealed,
    ethnicity: input.ethnicity,
    ...place,
    unit: input.unit,
    room: input.room,
    address_free: input.addressFree,
    household_id: null,
    party_member: input.partyMember === null ? null : input.partyMember ? 1 : 0,
    disability_cert_no: input.disabilityCertNo,
    guardian_id: guardianId,
    notes: input.notes,
    status: 'active',
    status_changed_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}
