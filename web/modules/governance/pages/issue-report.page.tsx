import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Select, Switch, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type Permission, Roles } from '../../../../contracts/access';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { PageHeader } from '../../../lib/page-state';
import { categoriesQuery, duplicatesQuery, useReportIssue } from '../api/governance.api';
import { placeBody, StatusTag, usePlaceTree } from '../components/shared';

interface Values {
  place: string;
  categoryId: string;
  title: string;
  description: string;
  anonymous: boolean;
}

/** The phone-first report form: place (preset to the user's own building), category, text. */
export function IssueReportPage() {
  const { t } = useTranslation('governance');
  const { tenantId, me } = useSession();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const [form] = Form.useForm<Values>();
  const places = usePlaceTree(tenantId);
  const categories = useQuery(categoriesQuery(tenantId));
  const report = useReportIssue();
  const own = me.grants.find(
    (g) =>
      g.scopeId &&
      ['building', 'compound', 'community'].includes(g.scopeKind) &&
      (!tenantId || g.tenantId === tenantId) &&
      (Roles[g.role].permissions as readonly Permission[]).includes('governance.report'),
  );
  const place = Form.useWatch('place', form);
  const categoryId = Form.useWatch('categoryId', form);
  const dupQuery = place && categoryId && tenantId ? { tenantId, categoryId, ...placeBody(place) } : null;
  const dups = useQuery(duplicatesQuery(dupQuery));

  return (
    <>
      <PageHeader title={t('report.title')} subtitle={t('report.photosLater')} />
      <Card style={{ maxWidth: 640 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ anonymous: false, place: own ? `${own.scopeKind}:${own.scopeId}` : undefined }}
          onFinish={async (v) => {
            try {
              const issue = await report.mutateAsync({
                tenantId: tenantId!,
                ...placeBody(v.place),
                categoryId: v.categoryId,
                title: v.title,
                description: v.description,
                anonymous: v.anonymous,
              });
              void message.success(t('report.done'));
              navigate(`/governance/issues/${issue.id}`);
            } catch (e) {
              if (!applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
            }
          }}
        >
          <Form.Item
            name="place"
            label={t('report.place')}
            extra={t('report.placeHelp')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <TreeSelect
              showSearch
              treeNodeFilterProp="title"
              loading={places.loading}
              treeData={places.nodes}
              treeDefaultExpandAll={false}
            />
          </Form.Item>
          <Form.Item
            name="categoryId"
            label={t('report.category')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              loading={categories.isPending}
              options={(categories.data ?? [])
                .filter((c) => c.active)
                .map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          {dups.data?.length ? (
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              message={t('report.duplicates')}
              description={
                <List
                  size="small"
                  dataSource={dups.data}
                  rowKey="id"
                  renderItem={(d) => (
                    <List.Item>
                      <Link to={`/governance/issues/${d.id}`}>{d.title}</Link> <StatusTag status={d.status} />
                    </List.Item>
                  )}
                />
              }
            />
          ) : null}
          <Form.Item
            name="title"
            label={t('report.titleField')}
            rules={[{ required: true, whitespace: true, max: 60, message: t('form.required') }]}
          >
            <Input maxLength={60} placeholder={t('report.titlePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('report.description')}
            rules={[{ required: true, whitespace: true, max: 2000, message: t('form.required') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} placeholder={t('report.descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="anonymous"
            label={t('report.anonymous')}
            extra={t('report.anonymousHelp')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={report.isPending}>
            {t('report.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
