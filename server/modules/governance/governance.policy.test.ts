import { describe, expect, it } from 'vitest';
import { CLOSED_STATUSES, ESCALATABLE, ISSUE_TRANSITIONS, IssueStatus } from '../../../contracts/governance';
import { decide, type Principal } from '../../platform/access';
import { levelPlace, nextLevel, startLevel } from './governance.policy';

const T = 't';
const at = { tenant_id: T, community_id: 'c', compound_id: 'k', building_id: 'b' };
const principal = (scopeKind: 'building' | 'compound' | 'community', scopeId: string): Principal => ({
  userId: 'u',
  displayName: 'x',
  homeTenantId: T,
  sessionId: 's',
  grants: [
    {
      role: scopeKind === 'community' ? 'community_worker' : 'building_leader',
      scopeKind,
      scopeId,
      tenantId: T,
    },
  ],
});

describe('issue levels', () => {
  it('starts at the most precise place and climbs, skipping a missing compound', () => {
    expect(startLevel(at)).toBe('building');
    expect(startLevel({ ...at, building_id: null })).toBe('compound');
    expect(startLevel({ ...at, building_id: null, compound_id: null })).toBe('community');
    expect(nextLevel(at, 'building')).toBe('compound');
    expect(nextLevel({ ...at, compound_id: null }, 'building')).toBe('community');
    expect(nextLevel(at, 'community')).toBe('subdistrict');
    expect(nextLevel(at, 'subdistrict')).toBeNull();
  });

  it('lets the building leader act only while the issue is at the building', () => {
    const leader = principal('building', 'b');
    const council = principal('compound', 'k');
    const worker = principal('community', 'c');
    expect(decide(leader, 'governance.handle', levelPlace(at, 'building'))).toBe('allow');
    expect(decide(leader, 'governance.handle', levelPlace(at, 'compound'))).not.toBe('allow');
    expect(decide(council, 'governance.handle', levelPlace(at, 'compound'))).toBe('allow');
    expect(decide(council, 'governance.handle', levelPlace(at, 'community'))).not.toBe('allow');
    expect(decide(worker, 'governance.handle', levelPlace(at, 'community'))).toBe('allow');
    expect(decide(worker, 'governance.handle', levelPlace(at, 'subdistrict'))).not.toBe('allow');
  });

  it('has a workflow where closed statuses go nowhere and every waiting status can move on', () => {
    for (const s of CLOSED_STATUSES) expect(ISSUE_TRANSITIONS[s]).toEqual([]);
    for (const s of ESCALATABLE) expect(ISSUE_TRANSITIONS[s].length).toBeGreaterThan(0);
    // Every status is reachable from reported.
    const seen = new Set<string>(['reported']);
    const queue = ['reported'] as IssueStatus[];
    while (queue.length)
      for (const n of ISSUE_TRANSITIONS[queue.shift()!]) if (!seen.has(n)) seen.add(n) && queue.push(n);
    expect([...seen].sort()).toEqual([...IssueStatus.options].sort());
  });
});
