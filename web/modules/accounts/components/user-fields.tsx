import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CertificateLevel, FundingSource, StaffKind } from '../../../../contracts/accounts';

/** Profile fields shared by the create and edit forms. */
export function UserProfileFields() {
  const { t } = useTranslation('accounts');
  const kind = Form.useWatch('staffKind');
  return (
    <>
      <Form.Item
        name="displayName"
        label={t('user.displayName')}
        rules={[{ required: true, max: 40, message: t('user.displayNameRule') }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('user.phone')}
        rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('user.phoneRule') }]}
      >
        <Input inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item
        name="staffKind"
        label={t('user.staffKind')}
        rules={[{ required: true, message: t('user.required') }]}
      >
        <Select options={StaffKind.options.map((k) => ({ value: k, label: t(`staffKind.${k}`) }))} />
      </Form.Item>
      {kind === 'social_worker' || kind === 'supervisor' ? (
        <>
          <Form.Item name="fundingSource" label={t('user.fundingSource')}>
            <Select
              allowClear
              options={FundingSource.options.map((k) => ({ value: k, label: t(`fundingSource.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="certificateLevel" label={t('user.certificateLevel')}>
            <Select
              allowClear
              options={CertificateLevel.options.map((k) => ({ value: k, label: t(`certificateLevel.${k}`) }))}
            />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}
