import { PlusOutlined } from '@ant-design/icons';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Region, RegionLevel, type Tenant } from '../../../../contracts/territory';
import { FormModal } from '../../../lib/form-modal';
import { EmptyState, PageHeader, QueryState } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { regionsQuery, tenantsQuery, useCreateRegion, useCreateTenant } from '../api/territory.api';

/** Platform administration: regions (省/市/区) and tenants (街道/镇). */
export function TenantsPage() {
  const { t } = useTranslation('territory');
  const regions = useQuery(regionsQuery);
  const tenants = useQuery(tenantsQuery);
  const createRegion = useCreateRegion();
  const createTenant = useCreateTenant();
  const [dialog, setDialog] = useState<'region' | 'tenant' | null>(null);
  const regionName = new Map((regions.data ?? []).map((r) => [r.id, r.name]));
  const regionOptions = (levels: string[]) =>
    (regions.data ?? [])
      .filter((r) => levels.includes(r.level))
      .map((r) => ({ value: r.id, label: `${r.name} (${r.code})` }));

  return (
    <>
      <PageHeader title={t('platform.title')} subtitle={t('platform.subtitle')} />
      <Card>
        <Tabs
          items={[
            {
              key: 'tenants',
              label: t('platform.tenants'),
              children: (
                <ListWithCreate<Tenant>
                  query={tenants}
                  createLabel={t('platform.createTenant')}
                  onCreate={() => setDialog('tenant')}
                  columns={[
                    { title: t('platform.tenantName'), dataIndex: 'name' },
                    { title: t('platform.tenantCode'), dataIndex: 'code' },
                    {
                      title: t('platform.region'),
                      dataIndex: 'regionId',
                      render: (v: string) => regionName.get(v) ?? '—',
                    },
                    {
                      title: t('platform.kind'),
                      dataIndex: 'kind',
                      render: (v: string) => t(`tenantKind.${v}`),
                    },
                    {
                      title: t('common:status.label'),
                      dataIndex: 'status',
                      render: (v: string) => (
                        <Tag color={v === 'active' ? 'green' : undefined}>{t(`common:status.${v}`)}</Tag>
                      ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'regions',
              label: t('platform.regions'),
              children: (
                <ListWithCreate<Region>
                  query={regions}
                  createLabel={t('platform.createRegion')}
                  onCreate={() => setDialog('region')}
                  columns={[
                    { title: t('platform.regionName'), dataIndex: 'name' },
                    { title: t('platform.regionCode'), dataIndex: 'code' },
                    {
                      title: t('platform.level'),
                      dataIndex: 'level',
                      render: (v: string) => t(`regionLevel.${v}`),
                    },
                    {
                      title: t('platform.parent'),
                      dataIndex: 'parentId',
                      render: (v: string | null) => (v ? (regionName.get(v) ?? '—') : '—'),
                    },
                    { title: t('community.vintage'), dataIndex: 'codeVintage' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <FormModal<{ regionId: string; code: string; name: string }>
        open={dialog === 'tenant'}
        onClose={() => setDialog(null)}
        title={t('platform.createTenant')}
        onSubmit={(v) => createTenant.mutateAsync(v)}
      >
        <Form.Item
          name="regionId"
          label={t('platform.region')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select showSearch optionFilterProp="label" options={regionOptions(['district'])} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('platform.tenantName')}
          rules={[{ required: true, max: 50, message: t('form.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('platform.tenantCode')}
          rules={[{ required: true, pattern: /^\d{9}$/, message: t('platform.tenantCodeRule') }]}
        >
          <Input inputMode="numeric" maxLength={9} />
        </Form.Item>
      </FormModal>
      <FormModal<{
        parentId?: string | null;
        level: 'province' | 'city' | 'district';
        code: string;
        name: string;
        codeVintage: number;
      }>
        open={dialog === 'region'}
        onClose={() => setDialog(null)}
        title={t('platform.createRegion')}
        initialValues={{ level: 'district', codeVintage: 2023 }}
        onSubmit={(v) => createRegion.mutateAsync({ ...v, parentId: v.parentId ?? null })}
      >
        <Form.Item
          name="level"
          label={t('platform.level')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={RegionLevel.options.map((l) => ({ value: l, label: t(`regionLevel.${l}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('platform.parent')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={regionOptions(['province', 'city'])}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('platform.regionName')}
          rules={[{ required: true, max: 50, message: t('form.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('platform.regionCode')}
          rules={[{ required: true, pattern: /^\d{12}$/, message: t('community.codeRule') }]}
        >
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item
          name="codeVintage"
          label={t('community.vintage')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <InputNumber min={1980} max={2100} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** A tab of platform reference data: a create button over its table. */
function ListWithCreate<T extends { id: string }>(props: {
  query: UseQueryResult<T[]>;
  createLabel: string;
  onCreate: () => void;
  columns: TableColumnsType<T>;
}) {
  // On a phone the columns wrap instead of scrolling sideways (a scrolling table with nothing
  // focusable in it cannot be reached by keyboard: axe scrollable-region-focusable).
  const phone = usePhone();
  return (
    <QueryState query={props.query}>
      {(list) => (
        <>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={props.onCreate}
            style={{ marginBottom: 12 }}
          >
            {props.createLabel}
          </Button>
          <Table<T>
            rowKey="id"
            dataSource={list}
            pagination={false}
            scroll={phone ? undefined : { x: 600 }}
            locale={{ emptyText: <EmptyState /> }}
            columns={props.columns}
          />
        </>
      )}
    </QueryState>
  );
}
