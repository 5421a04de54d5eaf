import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../../../contracts/governance';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import {
  apiKeysQuery,
  categoriesQuery,
  useCreateApiKey,
  useRevokeApiKey,
  useUpdateCategory,
} from '../api/governance.api';

/** One category: its name, the days it may wait at each level before escalating, and whether it is offered. */
function CategoryRow(props: { c: Category }) {
  const { t } = useTranslation('governance');
  const { message } = useFeedback();
  const update = useUpdateCategory();
  const [form] = Form.useForm();
  const c = props.c;
  return (
    <Form
      form={form}
      name={`category-${c.code}`}
      layout="inline"
      initialValues={{ name: c.name, ...c.deadlineDays, active: c.active }}
      onFinish={async (v) => {
        try {
          await update.mutateAsync({
            id: c.id,
            name: v.name,
            deadlineDays: { building: v.building, compound: v.compound, community: v.community },
            active: v.active,
            version: c.version,
          });
          void message.success(t('common:state.saved'));
        } catch (e) {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
        }
      }}
      style={{ rowGap: 8 }}
    >
      <Form.Item
        name="name"
        label={t('settings.category')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={30} style={{ width: 120 }} />
      </Form.Item>
      {(['building', 'compound', 'community'] as const).map((l) => (
        <Form.Item key={l} name={l} label={t('settings.days', { level: t(`level.${l}`) })}>
          <InputNumber min={1} max={365} style={{ width: 72 }} />
        </Form.Item>
      ))}
      <Form.Item name="active" label={t('settings.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Button htmlType="submit" loading={update.isPending}>
        {t('common:actions.save')}
      </Button>
    </Form>
  );
}

/** Categories with their deadlines per level, and the Open311 API keys of the tenant. */
export function SettingsPage() {
  const { t } = useTranslation('governance');
  const { tenantId } = useSession();
  const { message } = useFeedback();
  const categories = useQuery(categoriesQuery(tenantId));
  const keys = useQuery(apiKeysQuery(tenantId));
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Flex vertical gap={16}>
        <Card title={<h2 className="gz-card-title">{t('settings.categories')}</h2>}>
          {categories.isPending ? (
            <LoadingState />
          ) : categories.isError ? (
            <ErrorState error={categories.error} onRetry={() => categories.refetch()} />
          ) : (
            <Flex vertical gap={16}>
              {categories.data.map((c) => (
                <CategoryRow key={`${c.id}-${c.version}`} c={c} />
              ))}
            </Flex>
          )}
        </Card>
        <Card title={<h2 className="gz-card-title">{t('settings.apiKeys')}</h2>}>
          <Typography.Paragraph className="gz-muted">{t('settings.apiKeysHelp')}</Typography.Paragraph>
          {shown ? (
            <Alert
              type="success"
              style={{ marginBottom: 12 }}
              message={t('settings.keyOnce')}
              description={
                <Typography.Text copyable code>
                  {shown}
                </Typography.Text>
              }
            />
          ) : null}
          <Form
            form={form}
            name="api-key"
            layout="inline"
            onFinish={async (v) => {
              try {
                const k = await create.mutateAsync({ tenantId: tenantId!, name: v.name });
                setShown(k.key);
                form.resetFields();
              } catch (e) {
                if (!applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
              }
            }}
            style={{ marginBottom: 12, rowGap: 8 }}
          >
            <Form.Item
              name="name"
              label={t('settings.keyName')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('settings.newKey')}
            </Button>
          </Form>
          {keys.data?.length ? (
            <List
              dataSource={keys.data}
              rowKey="id"
              renderItem={(k) => (
                <List.Item
                  actions={
                    k.revokedAt
                      ? [<Tag key="r">{t('settings.revoked')}</Tag>]
                      : [
                          <Popconfirm
                            key="revoke"
                            title={t('settings.revokeConfirm')}
                            okText={t('common:actions.confirm')}
                            cancelText={t('common:actions.cancel')}
                            onConfirm={() =>
                              revoke.mutateAsync(k.id).catch((e) => message.error(errorMessage(e), 5))
                            }
                          >
                            <Button size="small" danger>
                              {t('settings.revoke')}
                            </Button>
                          </Popconfirm>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={k.name}
                    description={`${k.prefix}… · ${formatDateTime(k.createdAt)}`}
                  />
                </List.Item>
              )}
            />
          ) : keys.isPending ? null : (
            <EmptyState description={t('settings.noKeys')} />
          )}
        </Card>
      </Flex>
    </>
  );
}
