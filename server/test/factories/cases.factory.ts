import type { CaseFile } from '../../../contracts/cases';
import { createCase } from '../../modules/cases/index';
import { systemContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { makePerson } from './people.factory';

/** A case at intake for a fresh resident of a building, through the module's own use case. */
export async function makeCase(
  deps: Deps,
  opts: {
    tenantId: string;
    buildingId: string;
    workerId: string;
    supervisorId: string;
    childAtRisk?: boolean;
    birthDate?: string;
    intakeOn?: string;
    nextContactOn?: string | null;
  },
): Promise<CaseFile> {
  const person = await makePerson(deps, {
    tenantId: opts.tenantId,
    buildingId: opts.buildingId,
    birthDate: opts.birthDate,
  });
  return (await createCase(deps, systemContext(), {
    subjectKind: 'person',
    personId: person.id,
    householdId: null,
    referralSource: 'community_worker',
    referralDetail: null,
    presentingProblem: '独居,近期情绪低落,拒绝外出',
    riskLevel: 'medium',
    childAtRisk: opts.childAtRisk ?? false,
    intakeOn: opts.intakeOn ?? '2026-11-01',
    workerId: opts.workerId,
    supervisorId: opts.supervisorId,
    nextContactOn: opts.nextContactOn ?? null,
  })) as CaseFile;
}
