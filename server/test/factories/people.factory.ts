import { residentIdCheckChar } from '../../../contracts/identifiers';
import type { Person } from '../../../contracts/people';
import { createPerson } from '../../modules/people/index';
import { systemContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';

let seq = 0;

/** A valid resident ID number for a birth date (sequence numbers never repeat within a process). */
export function residentId(birthDate = '1980-05-17', address = '441802'): string {
  const n = ++seq;
  // Three digits of sequence per birth date: past 1,000 numbers, the next ones are a day later.
  const day = new Date(Date.parse(birthDate) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${address}${day.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

/** A registered person, through the people module's own use case. */
export async function makePerson(
  deps: Deps,
  opts: {
    tenantId: string;
    buildingId?: string | null;
    name?: string;
    birthDate?: string;
    phone?: string | null;
    tags?: { code: string; detail?: Record<string, string> | null }[];
    guardianId?: string | null;
  },
): Promise<Person> {
  const birthDate = opts.birthDate ?? '1980-05-17';
  return createPerson(deps, systemContext(), {
    tenantId: opts.tenantId,
    name: opts.name ?? `测试居民${seq + 1}`,
    gender: 'unknown',
    birthDate: null,
    idType: 'resident_id',
    idNumber: residentId(birthDate),
    phone: opts.phone === undefined ? `1380000${String(seq).padStart(4, '0')}` : opts.phone,
    ethnicity: '汉族',
    buildingId: opts.buildingId ?? null,
    unit: '1',
    room: '301',
    addressFree: null,
    partyMember: false,
    disabilityCertNo: null,
    guardianId: opts.guardianId ?? null,
    notes: '测试备注',
    tags: (opts.tags ?? []).map((t) => ({ code: t.code, detail: t.detail ?? null })),
  });
}
