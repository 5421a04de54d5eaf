import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, List, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session';
import { FormModal } from '../../../lib/form-modal';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { noticesQuery, publicIssuesQuery, useCreateNotice } from '../api/governance.api';
import { placeBody, StatusTag, usePlaceTree } from '../components/shared';

const day = (offset = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** Public information: notices in their display period, and issues open to everyone (no reporter). */
export function NoticesPage() {
  const { t } = useTranslation('governance');
  const { tenantId, can } = useSession();
  const q = useQuery(noticesQuery(tenantId));
  const pub = useQuery(publicIssuesQuery(tenantId));
  const places = usePlaceTree(tenantId);
  const create = useCreateNotice();
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader
        title={t('notices.title')}
        subtitle={t('notices.subtitle')}
        extra={
          can('governance.meet') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('notices.create')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card>
          {q.isPending ? (
            <LoadingState />
          ) : q.isError ? (
            <ErrorState error={q.error} onRetry={() => q.refetch()} />
          ) : q.data.items.length === 0 ? (
            <EmptyState description={t('notices.empty')} />
          ) : (
            <List
              dataSource={q.data.items}
              rowKey="id"
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta
                    title={n.title}
                    description={
                      <>
                        <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
                        <div className="gz-muted">
                          {n.placeName} · {t('notices.period')} {n.visibleFrom} – {n.visibleUntil}
                        </div>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card title={<h2 className="gz-card-title">{t('board.public')}</h2>}>
          <List
            dataSource={pub.data?.items ?? []}
            rowKey="id"
            loading={pub.isPending}
            locale={{ emptyText: <span className="gz-muted">{t('board.empty')}</span> }}
            renderItem={(i) => (
              <List.Item>
                <span>
                  {can('governance.read') ? (
                    <Link to={`/governance/issues/${i.id}`}>{i.title}</Link>
                  ) : (
                    i.title
                  )}{' '}
                  · {i.placeName}
                </span>
                <StatusTag status={i.status} />
              </List.Item>
            )}
          />
        </Card>
      </Flex>
      <FormModal<{ place: string; title: string; body: string; visibleFrom: string; visibleUntil: string }>
        open={open}
        onClose={() => setOpen(false)}
        title={t('notices.create')}
        initialValues={{ visibleFrom: day(), visibleUntil: day(7) }}
        onSubmit={(v) =>
          create.mutateAsync({
            tenantId: tenantId!,
            ...placeBody(v.place),
            title: v.title,
            body: v.body,
            visibleFrom: v.visibleFrom,
            visibleUntil: v.visibleUntil,
          })
        }
      >
        <Form.Item
          name="place"
          label={t('notices.place')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeData={places.nodes}
            loading={places.loading}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('notices.titleField')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('notices.body')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item
            name="visibleFrom"
            label={t('notices.from')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="visibleUntil"
            label={t('notices.until')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input type="date" />
          </Form.Item>
        </Flex>
      </FormModal>
    </>
  );
}
