import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLogout } from '../api/accounts.api';
import { AuthCard } from '../components/auth-card';
import { ChangePasswordForm } from '../components/change-password.form';

/** Shown instead of the app while `me.mustChangePassword` is set. */
export function ForcedPasswordPage() {
  const { t } = useTranslation('accounts');
  const logout = useLogout();
  return (
    <AuthCard title={t('password.forcedTitle')}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('password.forcedBody')} />
      <ChangePasswordForm />
      <Button type="link" onClick={() => logout.mutate()} style={{ marginTop: 8, paddingInline: 0 }}>
        {t('password.logoutInstead')}
      </Button>
    </AuthCard>
  );
}
