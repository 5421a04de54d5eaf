import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Select, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { BodyKind } from '../../../../contracts/governance';
import { useSession } from '../../../app/session';
import { FormModal } from '../../../lib/form-modal';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { bodiesQuery, useCreateBody } from '../api/governance.api';
import { usePlaceTree } from '../components/shared';

const PLACE_KINDS = BodyKind.options.filter((k) => !k.startsWith('org_'));

/** The standing bodies the user can see, and setting up a new one at a place. */
export function BodiesPage() {
  const { t } = useTranslation('governance');
  const { tenantId, can } = useSession();
  const navigate = useNavigate();
  const q = useQuery(bodiesQuery(tenantId));
  const places = usePlaceTree(tenantId);
  const create = useCreateBody();
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader
        title={t('bodies.title')}
        subtitle={t('bodies.subtitle')}
        extra={
          can('governance.meet') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('bodies.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        {q.isPending ? (
          <LoadingState />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : q.data.items.length === 0 ? (
          <EmptyState description={t('bodies.empty')} />
        ) : (
          <List
            dataSource={q.data.items}
            rowKey="id"
            renderItem={(b) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/governance/bodies/${b.id}`}>{b.name}</Link>}
                  description={`${t(`bodies.kinds.${b.kind}`)} · ${b.placeName} · ${t('bodies.memberCount', { count: b.memberCount })}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <FormModal<{ name: string; kind: string; place: string }>
        open={open}
        onClose={() => setOpen(false)}
        title={t('bodies.create')}
        initialValues={{ kind: 'compound_council' }}
        onSubmit={async (v) => {
          const [ownerKind, ownerId] = v.place.split(':') as ['building' | 'compound' | 'community', string];
          const b = await create.mutateAsync({
            tenantId: tenantId!,
            name: v.name,
            kind: v.kind as (typeof PLACE_KINDS)[number],
            ownerKind,
            ownerId,
          });
          navigate(`/governance/bodies/${b.id}`);
        }}
      >
        <Form.Item
          name="name"
          label={t('bodies.name')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('form.required') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('bodies.kind')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={PLACE_KINDS.map((k) => ({ value: k, label: t(`bodies.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="place"
          label={t('bodies.owner')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeData={places.nodes}
            loading={places.loading}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
