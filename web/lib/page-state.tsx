import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './error-message';

/** The heading row of every page: a real h1, an optional subtitle and actions on the right. */
export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex className="gz-page-header" justify="space-between" align="flex-start" wrap gap={12}>
      <div>
        <h1 className="gz-page-title">{props.title}</h1>
        {props.subtitle ? <div className="gz-page-subtitle">{props.subtitle}</div> : null}
      </div>
      {props.extra ? (
        <Flex gap={8} wrap>
          {props.extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <div className="gz-state" role="status" aria-live="polite">
      <Spin />
      <span className="gz-muted">{t('state.loading')}</span>
    </div>
  );
}

/** A whole-page message (error, no access, not found) with an optional action. */
export function StatusMessage(props: {
  icon?: ReactNode;
  title: ReactNode;
  body?: ReactNode;
  action?: ReactNode;
  heading?: 'h1' | 'h2';
}) {
  const H = props.heading ?? 'h2';
  return (
    <div className="gz-state gz-status" role={props.heading === 'h1' ? undefined : 'alert'}>
      <span className="gz-status-icon" aria-hidden="true">
        {props.icon ?? <ExclamationCircleOutlined />}
      </span>
      <H className="gz-status-title">{props.title}</H>
      {props.body ? <p className="gz-muted gz-status-body">{props.body}</p> : null}
      {props.action}
    </div>
  );
}

export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusMessage
      title={t('state.error')}
      body={errorMessage(props.error)}
      action={
        props.onRetry ? (
          <Button type="primary" onClick={props.onRetry}>
            {t('actions.retry')}
          </Button>
        ) : null
      }
    />
  );
}

export function EmptyState(props: { description?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty description={props.description ?? t('state.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
      {props.children}
    </Empty>
  );
}

/** Renders loading / error / content for one query result. */
export function QueryState<T>(props: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const q = props.query;
  if (q.isPending) return <LoadingState />;
  if (q.error || q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return <>{props.children(q.data)}</>;
}
