import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueLevel, IssueStatus } from '../../../../contracts/governance';
import { treeQuery } from '../../territory';

/** Dark text on a light tint: every pair passes WCAG AA (4.5:1) at the tag's 12 px size. */
const STATUS_STYLE: Record<IssueStatus, { color: string; background: string } | null> = {
  reported: { color: '#0b4fb3', background: '#e6f4ff' },
  accepted: { color: '#00585f', background: '#e6fffb' },
  rejected: null,
  merged: null,
  in_deliberation: { color: '#531dab', background: '#f9f0ff' },
  action_underway: { color: '#873800', background: '#fff7e6' },
  resolved: { color: '#1f5f07', background: '#f6ffed' },
  confirmed: { color: '#1f5f07', background: '#f6ffed' },
  reopened: { color: '#a8071a', background: '#fff1f0' },
};

export function StatusTag(props: { status: IssueStatus }) {
  const { t } = useTranslation('governance');
  const st = STATUS_STYLE[props.status];
  return <Tag style={st ? { ...st, borderColor: st.color } : undefined}>{t(`status.${props.status}`)}</Tag>;
}

export function LevelTag(props: { level: IssueLevel }) {
  const { t } = useTranslation('governance');
  return <Tag>{t(`level.${props.level}`)}</Tag>;
}

export type PlaceValue = `${'community' | 'compound' | 'building'}:${string}`;
interface Node {
  value: string;
  title: string;
  children?: Node[];
}

/** The tenant's places as a tree for pickers: community › compound › building ("kind:id" values). */
export function usePlaceTree(tenantId: string | undefined) {
  const tree = useQuery(treeQuery(tenantId));
  return useMemo(() => {
    const nodes: Node[] = [];
    for (const c of tree.data?.communities ?? []) {
      if (c.status !== 'active') continue;
      const building = (prefix: string) => (b: { id: string; number: string; status: string }) =>
        b.status === 'active' ? [{ value: `building:${b.id}`, title: `${prefix}${b.number}栋` }] : [];
      nodes.push({
        value: `community:${c.id}`,
        title: c.name,
        children: [
          ...c.compounds
            .filter((k) => k.status === 'active')
            .map((k) => ({
              value: `compound:${k.id}`,
              title: k.name,
              children: k.buildings.flatMap(building(k.name)),
            })),
          ...c.looseBuildings.flatMap(building('')),
        ],
      });
    }
    return { nodes, loading: tree.isPending };
  }, [tree.data, tree.isPending]);
}

/** "building:…" → { buildingId: … } for a request body. */
export function placeBody(v: string | undefined): {
  buildingId?: string;
  compoundId?: string;
  communityId?: string;
} {
  if (!v) return {};
  const [kind, id] = v.split(':');
  return kind === 'building'
    ? { buildingId: id }
    : kind === 'compound'
      ? { compoundId: id }
      : { communityId: id };
}
