import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../lib/error-message';
import { meQuery, setupStatusQuery, useLogin } from '../api/accounts.api';
import { AuthCard } from '../components/auth-card';
import { LangLinks } from '../components/lang-links';

interface LoginForm {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login (no open redirect). */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const setup = useQuery(setupStatusQuery);
  const login = useLogin();
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  return (
    <AuthCard title={t('login.title')} subtitle={t('login.subtitle')}>
      {setup.data?.needed ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('login.setupNeeded')}
          description={<Link to="/setup">{t('login.goSetup')}</Link>}
        />
      ) : null}
      {login.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={errorMessage(login.error)}
        />
      ) : null}
      <Form<LoginForm>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => login.mutate(v, { onSuccess: () => navigate(next, { replace: true }) })}
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
      <LangLinks />
    </AuthCard>
  );
}
