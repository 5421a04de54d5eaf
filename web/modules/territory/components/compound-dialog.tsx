import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Compound, CompoundKind } from '../../../../contracts/territory';
import { FormModal } from '../../../lib/form-modal';
import { communitiesQuery, useCreateCompound, useUpdateCompound } from '../api/territory.api';

interface Values {
  name: string;
  kind: 'open_old' | 'closed_modern';
  communityId: string;
  propertyCompany?: string;
  address?: string;
}

/** Add a compound to a community, or edit / move one (moving = choosing another community). */
export function CompoundDialog(props: {
  open: boolean;
  onClose: () => void;
  tenantId?: string;
  communityId: string;
  compound?: Compound;
}) {
  const { t } = useTranslation('territory');
  const create = useCreateCompound();
  const update = useUpdateCompound();
  const communities = useQuery({
    ...communitiesQuery(props.tenantId),
    enabled: props.open && !!props.compound,
  });
  const p = props.compound;
  const clean = (v: Values) => ({
    name: v.name,
    kind: v.kind,
    propertyCompany: v.propertyCompany?.trim() || null,
    address: v.address?.trim() || null,
  });
  return (
    <FormModal<Values>
      open={props.open}
      onClose={props.onClose}
      title={p ? t('compound.edit') : t('compound.create')}
      initialValues={
        p
          ? { ...p, propertyCompany: p.propertyCompany ?? undefined, address: p.address ?? undefined }
          : { kind: 'closed_modern', communityId: props.communityId }
      }
      onSubmit={(v) =>
        p
          ? update.mutateAsync({ id: p.id, ...clean(v), communityId: v.communityId, version: p.version })
          : create.mutateAsync({ ...clean(v), communityId: props.communityId })
      }
    >
      <Form.Item
        name="name"
        label={t('compound.name')}
        rules={[{ required: true, max: 60, message: t('form.required') }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('compound.kind')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select options={CompoundKind.options.map((k) => ({ value: k, label: t(`compoundKind.${k}`) }))} />
      </Form.Item>
      {p ? (
        <Form.Item name="communityId" label={t('compound.community')} extra={t('compound.moveHelp')}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={communities.isPending}
            options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="propertyCompany" label={t('compound.propertyCompany')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="address" label={t('compound.address')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
