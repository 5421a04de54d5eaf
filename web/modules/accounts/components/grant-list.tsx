import { Button, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../../../contracts/accounts';
import { formatDateTime } from '../../../lib/format';
import { EmptyState } from '../../../lib/page-state';
import { roleLabel } from '../labels';

/** A user's roles at places; with `onRevoke`, each can be taken back (with confirmation). */
export function GrantList(props: {
  grants: Grant[];
  onRevoke?: (g: Grant) => void;
  revoking?: string | null;
}) {
  const { t } = useTranslation('accounts');
  if (!props.grants.length) return <EmptyState description={t('grants.empty')} />;
  return (
    <List
      dataSource={props.grants}
      rowKey="id"
      renderItem={(g) => (
        <List.Item
          actions={
            props.onRevoke
              ? [
                  <Popconfirm
                    key="revoke"
                    title={t('grants.revokeConfirm', { role: roleLabel(g.role), place: g.scopeName })}
                    okText={t('grants.revoke')}
                    cancelText={t('common:actions.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => props.onRevoke?.(g)}
                  >
                    <Button
                      danger
                      size="small"
                      loading={props.revoking === g.id}
                      aria-label={t('grants.revokeLabel', { role: roleLabel(g.role), place: g.scopeName })}
                    >
                      {t('grants.revoke')}
                    </Button>
                  </Popconfirm>,
                ]
              : undefined
          }
        >
          <List.Item.Meta
            title={
              <Space wrap size={6}>
                <Tag color="red">{roleLabel(g.role)}</Tag>
                <Typography.Text>{g.scopeName}</Typography.Text>
                <Tag>{t(`scopeKind.${g.scopeKind}`)}</Tag>
              </Space>
            }
            description={t('grants.grantedAt', { at: formatDateTime(g.grantedAt) })}
          />
        </List.Item>
      )}
    />
  );
}
