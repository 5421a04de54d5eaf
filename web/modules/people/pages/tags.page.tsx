import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Form, Input, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { PageHeader, QueryState } from '../../../lib/page-state';
import { tagsQuery } from '../api/people.api';
import { useCreateTag, useUpdateTag } from '../api/tags.api';

interface NewTag {
  code: string;
  name: string;
  sensitive: boolean;
  detailKeys?: string;
}

/** 人群标签: the tenant's catalog — the national categories and its own; tags are retired, never deleted. */
export function TagsPage() {
  const { t } = useTranslation('people');
  const { tenantId } = useSession();
  const { message } = useFeedback();
  const q = useQuery(tagsQuery(tenantId));
  const create = useCreateTag();
  const update = useUpdateTag(tenantId ?? '');
  const [form] = Form.useForm<NewTag>();

  const submit = async (v: NewTag) => {
    if (!tenantId) return;
    try {
      await create.mutateAsync({
        tenantId,
        code: v.code.trim(),
        name: v.name.trim(),
        sensitive: v.sensitive,
        detailKeys: (v.detailKeys ?? '')
          .split(/[,，、\s]+/)
          .map((k) => k.trim())
          .filter(Boolean),
      });
      form.resetFields();
      void message.success(t('common:state.saved'));
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
    }
  };
  const toggle = async (code: string, active: boolean) => {
    try {
      await update.mutateAsync({ code, body: { active } });
    } catch (e) {
      void message.error(errorMessage(e), 5);
    }
  };

  return (
    <>
      <PageHeader title={t('tags.title')} subtitle={t('tags.subtitle')} />
      <Flex vertical gap={16}>
        <Card>
          <QueryState query={q}>
            {(rows) => (
              <Table
                rowKey="code"
                pagination={false}
                scroll={{ x: true }}
                dataSource={rows}
                columns={[
                  { title: t('tags.name'), dataIndex: 'name' },
                  { title: t('tags.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
                  {
                    title: t('tags.sensitive'),
                    dataIndex: 'sensitive',
                    render: (v: boolean) =>
                      v ? (
                        <Tag color="red">{t('tags.sensitiveYes')}</Tag>
                      ) : (
                        <Tag>{t('tags.sensitiveNo')}</Tag>
                      ),
                  },
                  {
                    title: t('tags.detailKeys'),
                    dataIndex: 'detailKeys',
                    render: (v: string[]) => v.join('、') || '—',
                  },
                  {
                    title: t('tags.active'),
                    dataIndex: 'active',
                    render: (v: boolean, r) => (
                      <Switch
                        aria-label={`${r.name} ${t('tags.active')}`}
                        checked={v}
                        loading={update.isPending && update.variables?.code === r.code}
                        onChange={(on) => toggle(r.code, on)}
                      />
                    ),
                  },
                ]}
              />
            )}
          </QueryState>
        </Card>
        <Card title={t('tags.add')}>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ sensitive: false }}
            style={{ maxWidth: 520 }}
          >
            <Form.Item
              name="name"
              label={t('tags.name')}
              rules={[{ required: true, message: t('tags.nameRequired') }]}
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('tags.code')}
              extra={t('tags.codeHelp')}
              rules={[{ required: true, message: t('tags.codeRequired') }]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="detailKeys" label={t('tags.detailKeys')} extra={t('tags.detailKeysHelp')}>
              <Input />
            </Form.Item>
            <Form.Item name="sensitive" valuePropName="checked" extra={t('tags.sensitiveHelp')}>
              <Checkbox>{t('tags.sensitive')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
              {t('tags.add')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </>
  );
}
