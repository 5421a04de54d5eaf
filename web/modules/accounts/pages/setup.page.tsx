import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/error-message';
import { applyServerErrors } from '../../../lib/form-errors';
import { LoadingState } from '../../../lib/page-state';
import { setupStatusQuery, useSetup } from '../api/accounts.api';
import { AuthCard } from '../components/auth-card';
import { LangLinks } from '../components/lang-links';

interface Values {
  secret: string;
  username: string;
  displayName: string;
  password: string;
}

/** First run: create the first administrator with the one-time secret printed by the server. */
export function SetupPage() {
  const { t } = useTranslation('accounts');
  const navigate = useNavigate();
  const status = useQuery(setupStatusQuery);
  const setup = useSetup();
  const [form] = Form.useForm<Values>();
  if (status.isPending) return <LoadingState />;
  if (status.data && !status.data.needed) {
    return (
      <AuthCard title={t('setup.title')}>
        <Alert
          type="success"
          showIcon
          title={t('setup.done')}
          description={<Link to="/login">{t('setup.toLogin')}</Link>}
        />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('setup.title')} subtitle={t('setup.subtitle')}>
      {setup.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={errorMessage(setup.error)}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          setup.mutate(v, {
            onSuccess: () => navigate('/', { replace: true }),
            onError: (e) => applyServerErrors(form, e),
          })
        }
      >
        <Form.Item
          name="secret"
          label={t('setup.secret')}
          extra={t('setup.secretHelp')}
          rules={[{ required: true, message: t('setup.required') }]}
        >
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={t('user.usernameRule')}
          rules={[{ required: true, message: t('setup.required') }]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('user.displayName')}
          rules={[{ required: true, message: t('setup.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[{ required: true, min: 10, message: t('password.rule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
      <LangLinks />
    </AuthCard>
  );
}
