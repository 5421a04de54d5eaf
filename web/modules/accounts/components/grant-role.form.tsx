import { useQuery } from '@tanstack/react-query';
import { Button, Form, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, ScopeKind } from '../../../../contracts/access';
import type { TerritoryTree } from '../../../../contracts/territory';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { regionsQuery, stationsQuery, treeQuery } from '../../territory';
import { catalogQuery, useCreateGrant } from '../api/accounts.api';

interface Values {
  role: Role;
  scopeKind: ScopeKind;
  scopeId?: string;
}

type TreeNode = { value: string; title: string; selectable: boolean; children?: TreeNode[] };

/** The territory as a pickable tree where only nodes of `kind` can be chosen. */
const placeTree = (tree: TerritoryTree, kind: 'community' | 'compound' | 'building'): TreeNode[] =>
  tree.communities
    .filter((c) => c.status === 'active')
    .map((c) => {
      const buildings = (list: TerritoryTree['communities'][number]['looseBuildings'], prefix: string) =>
        list
          .filter((b) => b.status === 'active')
          .map((b) => ({ value: b.id, title: `${prefix}${b.number}`, selectable: kind === 'building' }));
      return {
        value: c.id,
        title: c.name,
        selectable: kind === 'community',
        children:
          kind === 'community'
            ? undefined
            : [
                ...c.compounds
                  .filter((p) => p.status === 'active')
                  .map((p) => ({
                    value: p.id,
                    title: p.name,
                    selectable: kind === 'compound',
                    children: kind === 'building' ? buildings(p.buildings, `${p.name} `) : undefined,
                  })),
                ...(kind === 'building' ? buildings(c.looseBuildings, '') : []),
              ],
      };
    });

/** Grant a role at a place: role → allowed scope kinds → the node. */
export function GrantRoleForm(props: { userId: string }) {
  const { t, i18n } = useTranslation('accounts');
  const { tenantId, me, isPlatformAdmin } = useSession();
  const { message } = useFeedback();
  const [form] = Form.useForm<Values>();
  const catalog = useQuery(catalogQuery);
  const role = Form.useWatch('role', form);
  const scopeKind = Form.useWatch('scopeKind', form);
  const tree = useQuery({
    ...treeQuery(tenantId),
    enabled: ['community', 'compound', 'building'].includes(scopeKind),
  });
  const stations = useQuery({ ...stationsQuery(tenantId), enabled: scopeKind === 'station' });
  const regions = useQuery({ ...regionsQuery, enabled: scopeKind === 'region' });
  const grant = useCreateGrant(props.userId);
  const en = i18n.language === 'en';

  const roles =
    catalog.data?.roles.filter(
      (r) => isPlatformAdmin || !r.scopes.every((s) => s === 'platform' || s === 'region'),
    ) ?? [];
  const scopes = (roles.find((r) => r.code === role)?.scopes ?? []).filter(
    (s) => isPlatformAdmin || (s !== 'platform' && s !== 'region'),
  );
  const nodes = useMemo(
    () =>
      tree.data && (scopeKind === 'community' || scopeKind === 'compound' || scopeKind === 'building')
        ? placeTree(tree.data, scopeKind)
        : [],
    [tree.data, scopeKind],
  );

  const nodePicker = () => {
    const common = { 'aria-label': t('grant.place'), showSearch: true, optionFilterProp: 'label' } as const;
    switch (scopeKind) {
      case 'tenant':
        return <Select {...common} options={me.tenants.map((x) => ({ value: x.id, label: x.name }))} />;
      case 'station':
        return (
          <Select
            {...common}
            loading={stations.isPending}
            options={(stations.data ?? [])
              .filter((s) => s.status === 'active')
              .map((s) => ({ value: s.id, label: s.name }))}
          />
        );
      case 'region':
        return (
          <Select
            {...common}
            loading={regions.isPending}
            options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          />
        );
      case 'community':
      case 'compound':
      case 'building':
        return (
          <TreeSelect
            aria-label={t('grant.place')}
            showSearch
            treeNodeFilterProp="title"
            loading={tree.isPending}
            treeData={nodes}
            treeDefaultExpandAll={scopeKind !== 'building'}
            placeholder={t('grant.placePlaceholder')}
            listHeight={320}
          />
        );
      default:
        return null;
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      onValuesChange={(changed) => {
        if ('role' in changed) form.setFieldsValue({ scopeKind: undefined, scopeId: undefined });
        if ('scopeKind' in changed) form.setFieldsValue({ scopeId: undefined });
      }}
      onFinish={(v) =>
        grant.mutate(
          {
            role: v.role,
            scopeKind: v.scopeKind,
            scopeId: v.scopeKind === 'platform' ? null : (v.scopeId ?? null),
          },
          {
            onSuccess: () => {
              form.resetFields();
              void message.success(t('grant.done'));
            },
            onError: (e) => {
              if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
            },
          },
        )
      }
    >
      <Form.Item
        name="role"
        label={t('grant.role')}
        rules={[{ required: true, message: t('user.required') }]}
      >
        <Select
          loading={catalog.isPending}
          options={roles.map((r) => ({ value: r.code, label: en ? r.en : r.zh }))}
          placeholder={t('grant.rolePlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="scopeKind"
        label={t('grant.scopeKind')}
        rules={[{ required: true, message: t('user.required') }]}
      >
        <Select
          disabled={!role}
          options={scopes.map((s) => ({ value: s, label: t(`scopeKind.${s}`) }))}
          placeholder={t('grant.scopeKindPlaceholder')}
        />
      </Form.Item>
      {scopeKind && scopeKind !== 'platform' ? (
        <Form.Item
          name="scopeId"
          label={t('grant.place')}
          rules={[{ required: true, message: t('user.required') }]}
        >
          {nodePicker()}
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={grant.isPending}>
        {t('grant.submit')}
      </Button>
    </Form>
  );
}
