import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/format';
import { PageHeader } from '../../../lib/page-state';
import { ChangePasswordForm } from '../components/change-password.form';
import { GrantList } from '../components/grant-list';

/** The signed-in user's profile, roles and password. */
export function MyAccountPage() {
  const { t } = useTranslation('accounts');
  const { me } = useSession();
  const u = me.user;
  return (
    <>
      <PageHeader title={t('myAccount.title')} subtitle={t('myAccount.subtitle')} />
      <Card title={<h2 className="gz-card-title">{t('myAccount.profile')}</h2>} className="gz-section">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('user.displayName')}>{u.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('user.username')}>{u.username}</Descriptions.Item>
          <Descriptions.Item label={t('user.staffKind')}>{t(`staffKind.${u.staffKind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('user.phone')}>{u.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('user.lastLoginAt')}>{formatDateTime(u.lastLoginAt)}</Descriptions.Item>
          <Descriptions.Item label={t('user.createdAt')}>{formatDateTime(u.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<h2 className="gz-card-title">{t('myAccount.roles')}</h2>} className="gz-section">
        <GrantList grants={me.grants} />
      </Card>
      <Card title={<h2 className="gz-card-title">{t('myAccount.password')}</h2>} className="gz-section">
        <ChangePasswordForm />
      </Card>
    </>
  );
}
