import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerritoryTree } from '../../../../contracts/territory';
import { treeQuery } from '../../territory';

export type PlaceKind = 'community' | 'compound' | 'building';
export type PlaceNode = { value: string; title: string; selectable?: boolean; children?: PlaceNode[] };

interface PlaceInfo {
  kind: PlaceKind;
  name: string;
  /** "西湖社区 · 西湖花园 · 4栋": the full path, for list rows and the person page. */
  path: string;
  communityId: string;
  compoundId: string | null;
}

/**
 * The territory tree as the people pages need it: names for the ids a person carries, a filter tree
 * (community → compound → building, values "kind:id") and a building picker for forms.
 */
export function usePlaces(tenantId: string | undefined) {
  const { t } = useTranslation('people');
  const tree = useQuery(treeQuery(tenantId));
  return useMemo(() => {
    const byId = new Map<string, PlaceInfo>();
    const filterTree: PlaceNode[] = [];
    const buildingTree: PlaceNode[] = [];
    const data: TerritoryTree | undefined = tree.data;
    for (const c of data?.communities ?? []) {
      if (c.status !== 'active') continue;
      byId.set(c.id, { kind: 'community', name: c.name, path: c.name, communityId: c.id, compoundId: null });
      const bNodes = (list: (typeof c)['looseBuildings'], compoundId: string | null, prefix: string) =>
        list
          .filter((b) => b.status === 'active')
          .map((b) => {
            const name = t('place.building', { number: b.number });
            byId.set(b.id, {
              kind: 'building',
              name,
              path: `${prefix} · ${name}`,
              communityId: c.id,
              compoundId,
            });
            return { id: b.id, title: `${prefix.split(' · ').slice(1).join('') || ''}${name}` };
          });
      const fCompounds: PlaceNode[] = [];
      const bCompounds: PlaceNode[] = [];
      for (const cp of c.compounds) {
        if (cp.status !== 'active') continue;
        byId.set(cp.id, {
          kind: 'compound',
          name: cp.name,
          path: `${c.name} · ${cp.name}`,
          communityId: c.id,
          compoundId: cp.id,
        });
        const bs = bNodes(cp.buildings, cp.id, `${c.name} · ${cp.name}`);
        fCompounds.push({
          value: `compound:${cp.id}`,
          title: cp.name,
          children: bs.map((b) => ({ value: `building:${b.id}`, title: b.title })),
        });
        bCompounds.push({
          value: `compound:${cp.id}`,
          title: cp.name,
          selectable: false,
          children: bs.map((b) => ({ value: b.id, title: b.title })),
        });
      }
      const loose = bNodes(c.looseBuildings, null, c.name);
      filterTree.push({
        value: `community:${c.id}`,
        title: c.name,
        children: [...fCompounds, ...loose.map((b) => ({ value: `building:${b.id}`, title: b.title }))],
      });
      buildingTree.push({
        value: `community:${c.id}`,
        title: c.name,
        selectable: false,
        children: [...bCompounds, ...loose.map((b) => ({ value: b.id, title: b.title }))],
      });
    }
    /**
     * The most precise place of a person or household: "西湖花园 4栋 1单元" (`local`), and the
     * community it is in. `describe` joins both into one line.
     */
    const parts = (p: { communityId?: string | null; buildingId: string | null; unit?: string | null }) => {
      const b = p.buildingId ? byId.get(p.buildingId) : undefined;
      const communityId = b?.communityId ?? p.communityId ?? null;
      const community = communityId ? (byId.get(communityId)?.name ?? null) : null;
      const compound = b?.compoundId ? byId.get(b.compoundId)?.name : undefined;
      const local = [compound, b?.name, p.unit ? t('place.unit', { unit: p.unit }) : undefined]
        .filter(Boolean)
        .join(' ');
      return { community, local };
    };
    const describe = (p: Parameters<typeof parts>[0]) => {
      const { community, local } = parts(p);
      return [community, local].filter(Boolean).join(' · ') || null;
    };
    return { isPending: tree.isPending, byId, filterTree, buildingTree, describe, parts };
  }, [tree.data, tree.isPending, t]);
}
