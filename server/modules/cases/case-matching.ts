import type { z } from 'zod';
import type { CaseMatches, MatchCandidate, Need, NeedDomain } from '../../../contracts/cases';
import { NEED_LABELS } from '../../../contracts/cases';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { activeVolunteers } from '../people/index';
import { loadCase } from './case-common';
import * as repo from './cases.repository';
import type { CaseFileRow } from './cases.tables';

type Candidate = z.input<typeof MatchCandidate>;
type NeedT = z.output<typeof Need>;

/**
 * A source of help for a case's needs. Volunteers are the first; community organizations and
 * fund programs register here when their modules exist, and every matcher's candidates are
 * ranked together per need.
 */
export interface ResourceMatcher {
  kind: Candidate['kind'];
  match(deps: Deps, c: CaseFileRow, needs: NeedT[]): Promise<Map<NeedDomain, Candidate[]>>;
}

/** Words in a volunteer's skills that answer each need domain. */
export const NEED_SKILLS: Record<NeedDomain, string[]> = {
  mental_health: ['心理', '情绪', '倾听', '陪伴'],
  physical_health: ['医疗', '护理', '健康', '康复', '医生', '护士'],
  daily_care: ['照护', '照料', '家政', '助餐', '助浴', '护理', '陪护'],
  economic: ['理财', '资源', '就业', '申请'],
  housing: ['维修', '水电', '家政', '搬运', '适老'],
  family: ['调解', '家庭', '亲子', '心理'],
  social_support: ['陪伴', '探访', '聊天', '读报', '活动'],
  education: ['辅导', '教育', '课业', '教师', '阅读'],
  employment: ['就业', '技能', '培训', '电商'],
  safety: ['安全', '消防', '法律', '防诈'],
  legal: ['法律', '律师', '调解', '公证'],
};
const LEVEL_WEIGHT = { low: 1, medium: 2, high: 3 } as const;

export const volunteerMatcher: ResourceMatcher = {
  kind: 'volunteer',
  async match(deps, c, needs) {
    const volunteers = await activeVolunteers(deps, c.tenant_id);
    const out = new Map<NeedDomain, Candidate[]>();
    for (const need of needs) {
      const words = NEED_SKILLS[need.domain];
      const list: Candidate[] = [];
      for (const v of volunteers) {
        if (v.personId === c.person_id) continue;
        const skills = v.skills.filter((s) => words.some((w) => s.includes(w)));
        if (skills.length === 0) continue;
        const reasons = [`技能:${skills.join('、')}`];
        let score = skills.length * 2 + LEVEL_WEIGHT[need.level];
        if (v.communityId && v.communityId === c.community_id) {
          score += 3;
          reasons.push('同一社区');
        }
        if (v.availability.length) {
          score += 1;
          reasons.push(`可服务时间:${v.availability.length} 类`);
        }
        list.push({
          kind: 'volunteer',
          id: v.personId,
          name: v.name,
          reasons,
          score,
          communityId: v.communityId,
          onTeam: false,
        });
      }
      out.set(need.domain, list);
    }
    return out;
  },
};

/** Every resource kind that can answer a need (organizations and fund programs plug in here). */
export const matchers: ResourceMatcher[] = [volunteerMatcher];

/** The needs of the case's latest assessment, each with the best-fitting resources first. */
export async function matchCase(
  deps: Deps,
  ctx: RequestContext,
  caseId: string,
): Promise<z.input<typeof CaseMatches>> {
  const { row: c } = await loadCase(deps, ctx, caseId, 'file');
  const db = repo.narrow(deps.db);
  const [assessment, team] = await Promise.all([
    db
      .selectFrom('case_record')
      .select('body_sealed')
      .where('tenant_id', '=', c.tenant_id)
      .where('case_id', '=', c.id)
      .where('kind', '=', 'assessment')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('case_member')
      .select('person_id')
      .where('tenant_id', '=', c.tenant_id)
      .where('case_id', '=', c.id)
      .where('status', '!=', 'removed')
      .execute(),
  ]);
  if (!assessment) return { needs: [] };
  const needs = (JSON.parse(deps.crypto.open(assessment.body_sealed)) as { needs: NeedT[] }).needs;
  const onTeam = new Set(team.map((t) => t.person_id));
  const found = await Promise.all(matchers.map((m) => m.match(deps, c, needs)));
  return {
    needs: needs.map((n) => ({
      ...n,
      candidates: found
        .flatMap((m) => m.get(n.domain) ?? [])
        .map((cand) => ({ ...cand, onTeam: onTeam.has(cand.id) }))
        .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
        .slice(0, 10),
    })),
  };
}

export const needLabel = (d: NeedDomain) => NEED_LABELS[d].zh;
