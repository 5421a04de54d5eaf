import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { verifyQuery } from '../api/audit.api';

/** Button that re-computes the hash chain on the server and shows ok / broken at seq N. */
export function VerifyChainButton() {
  const { t } = useTranslation('audit');
  const { tenantId, can } = useSession();
  const q = useQuery(verifyQuery(tenantId));
  if (!can('audit.verify')) return null;
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={q.isFetching} onClick={() => q.refetch()}>
      {t('verify.button')}
    </Button>
  );
}

export function VerifyChainResult() {
  const { t } = useTranslation('audit');
  const { tenantId } = useSession();
  const q = useQuery(verifyQuery(tenantId));
  if (q.error)
    return (
      <Alert type="error" showIcon role="alert" title={errorMessage(q.error)} style={{ marginBottom: 16 }} />
    );
  if (!q.data) return null;
  const r = q.data;
  return r.ok ? (
    <Alert
      type="success"
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      title={t('verify.ok', { checked: r.checked })}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('verify.broken', { seq: r.brokenAtSeq ?? '?' })}
      description={r.reason ?? undefined}
    />
  );
}
