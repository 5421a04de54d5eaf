import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type Station, StationKind } from '../../../../contracts/territory';
import { FormModal } from '../../../lib/form-modal';
import { communitiesQuery, useCreateStation, useUpdateStation } from '../api/territory.api';

interface Values {
  kind: 'station' | 'service_point';
  parentId?: string | null;
  name: string;
  establishedOn?: Dayjs | null;
  address?: string;
  communityIds: string[];
}

/** Create or edit a 社工站 / 社工点 and the communities it covers. */
export function StationDialog(props: {
  open: boolean;
  onClose: () => void;
  tenantId?: string;
  station?: Station;
  stations: Station[];
}) {
  const { t } = useTranslation('territory');
  const create = useCreateStation();
  const update = useUpdateStation();
  const communities = useQuery({ ...communitiesQuery(props.tenantId), enabled: props.open });
  const s = props.station;
  const parents = props.stations.filter(
    (x) => x.kind === 'station' && x.status === 'active' && x.id !== s?.id,
  );
  return (
    <FormModal<Values>
      open={props.open}
      onClose={props.onClose}
      title={s ? t('stations.edit') : t('stations.create')}
      initialValues={
        s
          ? {
              ...s,
              address: s.address ?? undefined,
              establishedOn: s.establishedOn ? dayjs(s.establishedOn) : null,
            }
          : { kind: 'service_point', communityIds: [], parentId: parents[0]?.id ?? null }
      }
      onSubmit={(v) => {
        const body = {
          parentId: v.kind === 'service_point' ? (v.parentId ?? null) : null,
          name: v.name,
          establishedOn: v.establishedOn ? v.establishedOn.format('YYYY-MM-DD') : null,
          address: v.address?.trim() || null,
          communityIds: v.communityIds ?? [],
        };
        return s
          ? update.mutateAsync({ id: s.id, ...body, version: s.version })
          : create.mutateAsync({ ...body, kind: v.kind, tenantId: props.tenantId ?? '' });
      }}
    >
      <Form.Item
        name="kind"
        label={t('stations.kind')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select
          disabled={!!s}
          options={StationKind.options.map((k) => ({ value: k, label: t(`stationKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['kind']}>
        {({ getFieldValue }) =>
          getFieldValue('kind') === 'service_point' ? (
            <Form.Item name="parentId" label={t('stations.parent')}>
              <Select allowClear options={parents.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item
        name="name"
        label={t('stations.name')}
        rules={[{ required: true, max: 60, message: t('form.required') }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="establishedOn" label={t('stations.establishedOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="address" label={t('stations.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="communityIds" label={t('stations.communities')} extra={t('stations.communitiesHelp')}>
        <Select
          mode="multiple"
          allowClear
          showSearch
          optionFilterProp="label"
          loading={communities.isPending}
          options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
    </FormModal>
  );
}
