import { Button, Card, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { StaffKind } from '../../../../contracts/accounts';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { PageHeader } from '../../../lib/page-state';
import { useCreateUser } from '../api/accounts.api';
import { UserProfileFields } from '../components/user-fields';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  staffKind: StaffKind;
  fundingSource?: 'self_hired' | 'shuangbai' | 'property_funded';
  certificateLevel?: 'none' | 'assistant' | 'intermediate' | 'senior';
  homeTenantId: string;
  password: string;
}

/** New staff account; roles are granted on the detail page afterwards. */
export function UserCreatePage() {
  const { t } = useTranslation('accounts');
  const { me, tenantId } = useSession();
  const { message } = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  return (
    <>
      <PageHeader title={t('create.title')} subtitle={t('create.subtitle')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 520 }}
          initialValues={{ homeTenantId: tenantId, staffKind: 'community_worker' }}
          onFinish={(v) =>
            create.mutate(
              {
                ...v,
                phone: v.phone || null,
                fundingSource: v.fundingSource ?? null,
                certificateLevel: v.certificateLevel ?? null,
              },
              {
                onSuccess: (u) => {
                  void message.success(t('create.done'));
                  navigate(`/users/${u.id}`);
                },
                onError: (e) => {
                  if (!applyServerErrors(form, e)) {
                    if ((e as { code?: string }).code === 'accounts.username_taken') {
                      form.setFields([{ name: 'username', errors: [errorMessage(e)] }]);
                    } else void message.error(errorMessage(e));
                  }
                },
              },
            )
          }
        >
          <Form.Item
            name="username"
            label={t('user.username')}
            extra={t('user.usernameRule')}
            rules={[
              { required: true, pattern: /^[a-z0-9][a-z0-9_.-]{2,31}$/, message: t('user.usernameRule') },
            ]}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
          <UserProfileFields />
          <Form.Item
            name="homeTenantId"
            label={t('user.homeTenant')}
            rules={[{ required: true, message: t('user.required') }]}
          >
            <Select options={me.tenants.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('user.initialPassword')}
            extra={t('password.rule')}
            rules={[{ required: true, min: 10, max: 128, message: t('password.rule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('create.submit')}
            </Button>
            <Button onClick={() => navigate('/users')}>{t('common:actions.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
