import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Community } from '../../../../contracts/territory';
import { FormModal } from '../../../lib/form-modal';
import { useCreateCommunity, useUpdateCommunity } from '../api/territory.api';

interface Values {
  name: string;
  code: string;
  codeVintage: number;
}

/** Create a community in the tenant, or edit one (with its version). */
export function CommunityDialog(props: {
  open: boolean;
  onClose: () => void;
  tenantId?: string;
  community?: Community;
}) {
  const { t } = useTranslation('territory');
  const create = useCreateCommunity();
  const update = useUpdateCommunity();
  const c = props.community;
  return (
    <FormModal<Values>
      open={props.open}
      onClose={props.onClose}
      title={c ? t('community.edit') : t('community.create')}
      initialValues={c ?? { codeVintage: new Date().getFullYear() }}
      onSubmit={(v) =>
        c
          ? update.mutateAsync({ id: c.id, ...v, version: c.version })
          : create.mutateAsync({ ...v, tenantId: props.tenantId ?? '' })
      }
    >
      <Form.Item
        name="name"
        label={t('community.name')}
        rules={[{ required: true, max: 50, message: t('form.required') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('community.code')}
        extra={t('community.codeHelp')}
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
  );
}
