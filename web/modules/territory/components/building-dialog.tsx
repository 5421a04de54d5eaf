import { useQuery } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Building } from '../../../../contracts/territory';
import { FormModal } from '../../../lib/form-modal';
import { treeQuery, useCreateBuilding, useUpdateBuilding } from '../api/territory.api';

interface Values {
  number: string;
  units: number;
  floors: number;
  communityId: string;
  compoundId?: string | null;
}

/** Add a building (in a compound or loose in the community), or edit / move one. */
export function BuildingDialog(props: {
  open: boolean;
  onClose: () => void;
  tenantId?: string;
  communityId: string;
  compoundId?: string | null;
  building?: Building;
}) {
  const { t } = useTranslation('territory');
  const create = useCreateBuilding();
  const update = useUpdateBuilding();
  const tree = useQuery({ ...treeQuery(props.tenantId), enabled: props.open });
  const b = props.building;
  return (
    <FormModal<Values>
      open={props.open}
      onClose={props.onClose}
      title={b ? t('building.edit') : t('building.create')}
      initialValues={
        b
          ? { ...b, compoundId: b.compoundId ?? null }
          : { communityId: props.communityId, compoundId: props.compoundId ?? null, units: 2, floors: 6 }
      }
      onSubmit={(v) => {
        const body = {
          number: v.number,
          units: v.units,
          floors: v.floors,
          communityId: v.communityId,
          compoundId: v.compoundId ?? null,
        };
        return b ? update.mutateAsync({ id: b.id, ...body, version: b.version }) : create.mutateAsync(body);
      }}
    >
      <Form.Item
        name="number"
        label={t('building.number')}
        extra={t('building.numberHelp')}
        rules={[{ required: true, max: 20, message: t('form.required') }]}
      >
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item
        name="communityId"
        label={t('building.community')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          disabled={!b}
          loading={tree.isPending}
          options={(tree.data?.communities ?? [])
            .filter((c) => c.status === 'active')
            .map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['communityId']}>
        {({ getFieldValue }) => {
          const community = tree.data?.communities.find((c) => c.id === getFieldValue('communityId'));
          return (
            <Form.Item name="compoundId" label={t('building.compound')} extra={t('building.compoundHelp')}>
              <Select
                allowClear
                loading={tree.isPending}
                placeholder={t('building.loose')}
                options={(community?.compounds ?? [])
                  .filter((p) => p.status === 'active')
                  .map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          );
        }}
      </Form.Item>
      <Form.Item
        name="units"
        label={t('building.units')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <InputNumber min={1} max={50} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="floors"
        label={t('building.floors')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <InputNumber min={1} max={150} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
