import { pinyin } from 'pinyin-pro';
import type { AgeBand, Person, SensitivePersonField } from '../../../contracts/people';
import type { FieldCrypto } from '../../platform/crypto';
import { maskName } from '../../platform/masking';
import type { PersonRow } from './people.tables';

export const MASK = '***';

/**
 * Pinyin initials for search ("张三丰" → "zsf", "曾小明" → "zxm": the first character is read as
 * a surname); other characters pass through lower-cased.
 */
export function nameInitials(name: string): string {
  return pinyin(name.replace(/·/g, ''), {
    pattern: 'first',
    surname: 'head',
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
  })
    .join('')
    .toLowerCase()
    .replace(/\s+/g, '');
}

/** Age in whole years on `today` (Asia/Shanghai dates are YYYY-MM-DD strings). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function ageBand(birthDate: string | null, today: string): AgeBand {
  if (!birthDate) return 'unknown';
  const a = ageOn(birthDate, today);
  if (a < 14) return '0-13';
  if (a < 18) return '14-17';
  if (a < 60) return '18-59';
  if (a < 80) return '60-79';
  return '80+';
}

/** The birth-date range (inclusive) of people in an age band on `today`, for SQL filters. */
export function birthRange(
  band: Exclude<AgeBand, 'unknown'>,
  today: string,
): { from: string | null; to: string } {
  const [lo, hi] = {
    '0-13': [0, 13],
    '14-17': [14, 17],
    '18-59': [18, 59],
    '60-79': [60, 79],
    '80+': [80, 200],
  }[band] as [number, number];
  const shift = (years: number, dayDelta: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    d.setUTCDate(d.getUTCDate() + dayDelta);
    return d.toISOString().slice(0, 10);
  };
  // Age ≥ lo: born on or before today − lo years. Age ≤ hi: born after today − (hi + 1) years.
  return { from: hi >= 200 ? null : shift(hi + 1, 1), to: shift(lo, 0) };
}

/** Today's date in Asia/Shanghai. */
export const shanghaiToday = (now: Date) =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export interface ShownTag {
  code: string;
  name: string;
  detail: Record<string, string> | null;
  sensitive: boolean;
}

/**
 * Builds the person-shaped response. Every sensitive field is masked unless it is in `revealed`;
 * sensitive tags (health, disability, income) appear only for callers who may reveal at that place.
 */
export function presentPerson(
  row: PersonRow,
  tags: ShownTag[],
  opts: {
    revealed: ReadonlySet<SensitivePersonField>;
    crypto: FieldCrypto;
    today: string;
    showSensitiveTags: boolean;
  },
): Person {
  const r = opts.revealed;
  const band = ageBand(row.birth_date, opts.today);
  const masked = (field: SensitivePersonField, value: string | null, mask: () => string = () => MASK) =>
    value === null ? null : r.has(field) ? value : mask();
  const national = (e164: string) => e164.replace(/^\+86/, '');
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: r.has('name') ? row.name : maskName(row.name),
    gender: row.gender,
    ageBand: band,
    minor: band === '0-13',
    birthDate: masked('birthDate', row.birth_date, () => '****-**-**'),
    idType: row.id_type as Person['idType'],
    idNumber:
      row.id_sealed === null ? null : r.has('idNumber') ? opts.crypto.open(row.id_sealed) : row.id_masked,
    phone:
      row.phone_sealed === null
        ? null
        : r.has('phone')
          ? national(opts.crypto.open(row.phone_sealed))
          : row.phone_masked,
    ethnicity: row.ethnicity,
    communityId: row.community_id,
    compoundId: row.compound_id,
    buildingId: row.building_id,
    unit: row.unit,
    room: masked('room', row.room),
    addressFree: masked('addressFree', row.address_free),
    householdId: row.household_id,
    partyMember: row.party_member === null ? null : r.has('partyMember') ? row.party_member === 1 : MASK,
    disabilityCertNo: masked('disabilityCertNo', row.disability_cert_no),
    guardianId: row.guardian_id,
    notes: masked('notes', row.notes),
    tags: tags
      .filter((t) => !t.sensitive || opts.showSensitiveTags)
      .map(({ code, name, detail }) => ({ code, name, detail })),
    status: row.status,
    revealed: [...r].sort(),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/**
 * What the audit log keeps of a person: ids, places and states only — no name, number, phone,
 * address or note, not even masked, so that an erased person leaves nothing identifying in the
 * append-only log.
 */
export function auditImage(row: PersonRow) {
  return {
    id: row.id,
    gender: row.gender,
    id_type: row.id_type,
    community_id: row.community_id,
    compound_id: row.compound_id,
    building_id: row.building_id,
    household_id: row.household_id,
    guardian_id: row.guardian_id,
    status: row.status,
    version: row.version,
  };
}
