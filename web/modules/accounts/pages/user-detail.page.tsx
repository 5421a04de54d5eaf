import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { User } from '../../../../contracts/accounts';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { PageHeader, QueryState } from '../../../lib/page-state';
import { useResetPassword, useRevokeGrant, userQuery, useUpdateUser } from '../api/accounts.api';
import { GrantList } from '../components/grant-list';
import { GrantRoleForm } from '../components/grant-role.form';
import { UserProfileFields } from '../components/user-fields';

function EditUserDialog(props: { user: User; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const { message } = useFeedback();
  const [form] = Form.useForm();
  const update = useUpdateUser(props.user.id);
  return (
    <Modal
      open={props.open}
      title={t('detail.edit')}
      onCancel={props.onClose}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={props.user}
        onFinish={(v) =>
          update.mutate(
            {
              displayName: v.displayName,
              phone: v.phone || null,
              staffKind: v.staffKind,
              fundingSource: v.fundingSource ?? null,
              certificateLevel: v.certificateLevel ?? null,
              version: props.user.version,
            },
            {
              onSuccess: () => {
                void message.success(t('common:state.saved'));
                props.onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <UserProfileFields />
      </Form>
    </Modal>
  );
}

function ResetPasswordDialog(props: { userId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const { message } = useFeedback();
  const [form] = Form.useForm();
  const reset = useResetPassword(props.userId);
  return (
    <Modal
      open={props.open}
      title={t('detail.resetPassword')}
      onCancel={props.onClose}
      okText={t('common:actions.confirm')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          reset.mutate(
            { password: v.password },
            {
              onSuccess: () => {
                void message.success(t('detail.resetDone'));
                props.onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('detail.resetHelp')}
          rules={[{ required: true, min: 10, message: t('password.rule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One staff member: profile, status, password reset and roles at places. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('accounts');
  const { can } = useSession();
  const { message } = useFeedback();
  const q = useQuery(userQuery(id));
  const update = useUpdateUser(id);
  const revoke = useRevokeGrant(id);
  const [dialog, setDialog] = useState<'edit' | 'reset' | null>(null);
  const manage = can('users.manage');

  return (
    <QueryState query={q}>
      {(u) => (
        <>
          <PageHeader
            title={u.displayName}
            subtitle={`${u.username} · ${t(`staffKind.${u.staffKind}`)}`}
            extra={
              manage ? (
                <Space wrap>
                  <Button onClick={() => setDialog('edit')}>{t('detail.edit')}</Button>
                  <Button onClick={() => setDialog('reset')}>{t('detail.resetPassword')}</Button>
                  <Popconfirm
                    title={u.status === 'active' ? t('detail.disableConfirm') : t('detail.enableConfirm')}
                    okText={t('common:actions.confirm')}
                    cancelText={t('common:actions.cancel')}
                    onConfirm={() =>
                      update.mutate(
                        { status: u.status === 'active' ? 'disabled' : 'active', version: u.version },
                        { onError: (e) => void message.error(errorMessage(e)) },
                      )
                    }
                  >
                    <Button danger={u.status === 'active'} loading={update.isPending}>
                      {u.status === 'active' ? t('detail.disable') : t('detail.enable')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={<h2 className="gz-card-title">{t('detail.profile')}</h2>}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('user.status')}>
                    {u.status === 'active' ? (
                      <Tag color="green">{t('common:status.active')}</Tag>
                    ) : (
                      <Tag>{t('common:status.disabled')}</Tag>
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('user.phone')}>{u.phone ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('user.fundingSource')}>
                    {u.fundingSource ? t(`fundingSource.${u.fundingSource}`) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('user.certificateLevel')}>
                    {u.certificateLevel ? t(`certificateLevel.${u.certificateLevel}`) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('user.lastLoginAt')}>
                    {formatDateTime(u.lastLoginAt)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('user.createdAt')}>
                    {formatDateTime(u.createdAt)}
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={<h2 className="gz-card-title">{t('detail.grants')}</h2>}>
                <GrantList
                  grants={u.grants}
                  revoking={revoke.isPending ? (revoke.variables ?? null) : null}
                  onRevoke={
                    can('roles.grant')
                      ? (g) =>
                          revoke.mutate(g.id, {
                            onSuccess: () => void message.success(t('grants.revoked')),
                            onError: (e) => void message.error(errorMessage(e)),
                          })
                      : undefined
                  }
                />
              </Card>
              {can('roles.grant') ? (
                <Card title={<h2 className="gz-card-title">{t('grant.title')}</h2>} style={{ marginTop: 16 }}>
                  <GrantRoleForm userId={u.id} />
                </Card>
              ) : null}
            </Col>
          </Row>
          <EditUserDialog user={u} open={dialog === 'edit'} onClose={() => setDialog(null)} />
          <ResetPasswordDialog userId={u.id} open={dialog === 'reset'} onClose={() => setDialog(null)} />
        </>
      )}
    </QueryState>
  );
}
