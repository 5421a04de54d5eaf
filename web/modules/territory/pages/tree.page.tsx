import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Space, Switch, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { TerritoryTree } from '../../../../contracts/territory';
import { useSession } from '../../../app/session';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { treeQuery } from '../api/territory.api';
import { CommunityDialog } from '../components/community-dialog';

type TFn = (k: string, o?: Record<string, unknown>) => string;
type Community = TerritoryTree['communities'][number];
type TBuilding = Community['looseBuildings'][number];

const label = (text: string, retired: boolean, extra?: string) => (
  <span className={retired ? 'gz-retired' : undefined}>
    {text}
    {extra ? <Typography.Text type="secondary"> {extra}</Typography.Text> : null}
  </span>
);

/** Communities → compounds → buildings (plus loose buildings), filtered by a name/code needle. */
function toTreeData(tree: TerritoryTree, needle: string, showRetired: boolean, t: TFn): DataNode[] {
  const n = needle.trim().toLowerCase();
  const hit = (s: string) => !n || s.toLowerCase().includes(n);
  const visible = (status: string) => showRetired || status === 'active';
  const building = (b: TBuilding, communityId: string, matched = false): DataNode | null =>
    visible(b.status) && (matched || hit(b.number))
      ? {
          key: `b:${b.id}:${communityId}`,
          title: label(
            t('tree.building', { number: b.number }),
            b.status !== 'active',
            t('tree.buildingInfo', b),
          ),
          isLeaf: true,
        }
      : null;
  const out: DataNode[] = [];
  for (const c of tree.communities) {
    if (!visible(c.status)) continue;
    const selfHit = hit(c.name) || hit(c.code);
    const compounds: DataNode[] = [];
    for (const p of c.compounds) {
      if (!visible(p.status)) continue;
      const pHit = selfHit || hit(p.name);
      const bs = p.buildings
        .filter((b) => pHit || hit(b.number))
        .map((b) => building(b, c.id, true))
        .filter((x): x is DataNode => !!x);
      if (pHit || bs.length) {
        compounds.push({
          key: `p:${p.id}:${c.id}`,
          title: label(p.name, p.status !== 'active', t(`compoundKind.${p.kind}`)),
          children: bs,
        });
      }
    }
    const loose = c.looseBuildings.map((b) => building(b, c.id, selfHit)).filter((x): x is DataNode => !!x);
    if (selfHit || compounds.length || loose.length) {
      out.push({
        key: `c:${c.id}:${c.id}`,
        title: label(c.name, c.status !== 'active', c.code),
        children: [
          ...compounds,
          ...(loose.length
            ? [{ key: `l:${c.id}:${c.id}`, title: label(t('tree.loose'), false), children: loose }]
            : []),
        ],
      });
    }
  }
  return out;
}

const countAll = (tree: TerritoryTree) => {
  let compounds = 0;
  let buildings = 0;
  for (const c of tree.communities) {
    if (c.status !== 'active') continue;
    for (const p of c.compounds) {
      if (p.status !== 'active') continue;
      compounds++;
      buildings += p.buildings.filter((b) => b.status === 'active').length;
    }
    buildings += c.looseBuildings.filter((b) => b.status === 'active').length;
  }
  return { communities: tree.communities.filter((c) => c.status === 'active').length, compounds, buildings };
};

/** The tenant's territory as a searchable tree; choosing a node opens its community. */
export function TreePage() {
  const { t } = useTranslation('territory');
  const { tenantId, can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = useQuery(treeQuery(tenantId));
  const needle = params.get('q') ?? '';
  const showRetired = params.get('retired') === '1';
  const [creating, setCreating] = useState(false);
  const data = useMemo(
    () => (q.data ? toTreeData(q.data, needle, showRetired, t as TFn) : []),
    [q.data, needle, showRetired, t],
  );
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('tree.title')}
        subtitle={
          q.data ? `${q.data.tenant.name} · ${q.data.regions.map((r) => r.name).join(' / ')}` : undefined
        }
        extra={
          can('territory.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('community.create')}
            </Button>
          ) : null
        }
      />
      <QueryState query={q}>
        {(tree) => {
          const n = countAll(tree);
          return (
            <Card>
              <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
                <Input.Search
                  aria-label={t('tree.search')}
                  placeholder={t('tree.search')}
                  allowClear
                  defaultValue={needle}
                  onSearch={(v) => setParam('q', v.trim())}
                  onChange={(e) => {
                    if (!e.target.value) setParam('q', '');
                  }}
                  style={{ maxWidth: 320 }}
                />
                <Space>
                  <Switch
                    id="gz-show-retired"
                    size="small"
                    checked={showRetired}
                    onChange={(v) => setParam('retired', v ? '1' : '')}
                  />
                  <label htmlFor="gz-show-retired">{t('tree.showRetired')}</label>
                </Space>
                <Space wrap size={4}>
                  <Tag>{t('tree.countCommunities', { count: n.communities })}</Tag>
                  <Tag>{t('tree.countCompounds', { count: n.compounds })}</Tag>
                  <Tag>{t('tree.countBuildings', { count: n.buildings })}</Tag>
                </Space>
              </Flex>
              {data.length === 0 ? (
                <EmptyState description={needle ? t('tree.noMatch') : t('tree.empty')} />
              ) : (
                <Tree
                  showLine
                  blockNode
                  treeData={data}
                  defaultExpandAll={!!needle}
                  key={needle}
                  onSelect={(_, info) => {
                    const communityId = String(info.node.key).split(':')[2];
                    if (communityId) navigate(`/territory/communities/${communityId}`);
                  }}
                />
              )}
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t('tree.hint')}
              </Typography.Paragraph>
            </Card>
          );
        }}
      </QueryState>
      <CommunityDialog open={creating} onClose={() => setCreating(false)} tenantId={tenantId} />
    </>
  );
}
