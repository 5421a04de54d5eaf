import { QuestionCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Permission } from '../../contracts/access';
import { LoadingState, StatusMessage } from '../lib/page-state';
import { useSession } from './session';

/** Shows the page only when the user holds its permission; otherwise a clear "no access" page. */
export function Guard(props: { permission?: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (props.permission && !can(props.permission)) return <NoAccessPage />;
  return <Suspense fallback={<LoadingState />}>{props.children}</Suspense>;
}

function HomeButton() {
  const { t } = useTranslation('app');
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('noAccess.home')}
    </Button>
  );
}

export function NoAccessPage() {
  const { t } = useTranslation('app');
  return (
    <StatusMessage
      heading="h1"
      icon={<StopOutlined />}
      title={t('noAccess.title')}
      body={t('noAccess.body')}
      action={<HomeButton />}
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation('app');
  return (
    <StatusMessage
      heading="h1"
      icon={<QuestionCircleOutlined />}
      title={t('notFound.title')}
      body={t('notFound.body')}
      action={<HomeButton />}
    />
  );
}
