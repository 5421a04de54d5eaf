import { clock } from '../../platform/clock';
import type { Deps } from '../../platform/deps';
import { maskName } from '../../platform/masking';
import { ageBand, ageOn, shanghaiToday } from './people.present';
import * as repo from './people.repository';
import type { PersonRow } from './people.tables';

/**
 * What other modules may learn about people: masked labels, where they live, whether they
 * are children, and the volunteers of a tenant. Never names or numbers in the clear.
 */
export interface PersonLabel {
  id: string;
  tenantId: string;
  /** Masked (张*华). */
  name: string;
  ageBand: string;
  /** Under 18 (a child under the Minors Protection Law). */
  child: boolean;
  communityId: string | null;
  compoundId: string | null;
  buildingId: string | null;
  status: PersonRow['status'];
}

const today = () => shanghaiToday(clock.now());

function label(p: PersonRow): PersonLabel {
  return {
    id: p.id,
    tenantId: p.tenant_id,
    name: p.status === 'anonymized' ? p.name : maskName(p.name),
    ageBand: ageBand(p.birth_date, today()),
    child: p.birth_date ? ageOn(p.birth_date, today()) < 18 : false,
    communityId: p.community_id,
    compoundId: p.compound_id,
    buildingId: p.building_id,
    status: p.status,
  };
}

/** Labels of many people at once (one query). */
export async function personLabels(deps: Deps, ids: string[]): Promise<Map<string, PersonLabel>> {
  const out = new Map<string, PersonLabel>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const rows = await repo
    .narrow(deps.db)
    .selectFrom('person')
    .selectAll()
    .where('id', 'in', unique)
    .execute();
  for (const r of rows) out.set(r.id, label(r));
  return out;
}

/** A household as a case subject: its place and its head (or first current member), masked. */
export async function householdLabels(
  deps: Deps,
  ids: string[],
): Promise<
  Map<
    string,
    {
      id: string;
      tenantId: string;
      name: string;
      child: boolean;
      communityId: string | null;
      compoundId: string | null;
      buildingId: string | null;
    }
  >
> {
  const out = new Map();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const db = repo.narrow(deps.db);
  const rows = await db
    .selectFrom('household')
    .leftJoin('household_member', (j) =>
      j
        .onRef('household_member.tenant_id', '=', 'household.tenant_id')
        .onRef('household_member.household_id', '=', 'household.id')
        .on('household_member.left_at', 'is', null),
    )
    .leftJoin('person', (j) =>
      j
        .onRef('person.tenant_id', '=', 'household_member.tenant_id')
        .onRef('person.id', '=', 'household_member.person_id'),
    )
    .select([
      'household.id',
      'household.tenant_id',
      'household.community_id',
      'household.building_id',
      'household_member.relation',
      'person.name',
      'person.birth_date',
      'person.compound_id',
      'person.status',
    ])
    .where('household.id', 'in', unique)
    .execute();
  for (const r of rows) {
    const prev = out.get(r.id);
    const isHead = r.relation === 'head';
    const child = r.birth_date ? ageOn(r.birth_date, today()) < 18 : false;
    const name = r.name ? `${r.status === 'anonymized' ? r.name : maskName(r.name)}家` : '(无成员的家庭)';
    if (!prev || (isHead && !prev.isHead)) {
      out.set(r.id, {
        id: r.id,
        tenantId: r.tenant_id,
        name,
        isHead,
        child: (prev?.child ?? false) || child,
        communityId: r.community_id,
        compoundId: r.compound_id ?? prev?.compoundId ?? null,
        buildingId: r.building_id,
      });
    } else if (child) prev.child = true;
  }
  return out;
}

export interface VolunteerCandidate {
  personId: string;
  name: string;
  communityId: string | null;
  skills: string[];
  availability: string[];
}

/** Active volunteers of a tenant with their skills, availability and place (masked names). */
export async function activeVolunteers(deps: Deps, tenantId: string): Promise<VolunteerCandidate[]> {
  const rows = await repo
    .narrow(deps.db)
    .selectFrom('volunteer_profile')
    .innerJoin('person', (j) =>
      j
        .onRef('person.tenant_id', '=', 'volunteer_profile.tenant_id')
        .onRef('person.id', '=', 'volunteer_profile.person_id'),
    )
    .select([
      'person.id',
      'person.name',
      'person.community_id',
      'volunteer_profile.skills',
      'volunteer_profile.availability',
    ])
    .where('volunteer_profile.tenant_id', '=', tenantId)
    .where('volunteer_profile.status', '=', 'active')
    .where('person.status', '=', 'active')
    .execute();
  return rows.map((r) => ({
    personId: r.id,
    name: maskName(r.name),
    communityId: r.community_id,
    skills: JSON.parse(r.skills) as string[],
    availability: JSON.parse(r.availability) as string[],
  }));
}
