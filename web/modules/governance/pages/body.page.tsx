import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, InputNumber, List, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { MeetingKind, Position } from '../../../../contracts/governance';
import { useSession } from '../../../app/session';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import {
  bodyQuery,
  meetingsQuery,
  useAddMember,
  useCreateMeeting,
  useEndMember,
} from '../api/governance.api';
import { PersonPicker } from '../components/person-picker';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A body: its current members with positions and terms, former members, and its meetings. */
export function BodyPage() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation('governance');
  const { tenantId, can } = useSession();
  const navigate = useNavigate();
  const q = useQuery(bodyQuery(id));
  const meetings = useQuery(meetingsQuery(tenantId, id));
  const addMember = useAddMember();
  const endMember = useEndMember();
  const createMeeting = useCreateMeeting();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<string | null>(null);
  const [meeting, setMeeting] = useState(false);
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const b = q.data;
  const manage = can('governance.meet');
  const member = (m: (typeof b.members)[number], current: boolean) => (
    <List.Item
      actions={
        current && manage
          ? [
              <Button key="end" size="small" onClick={() => setEnding(m.id)}>
                {t('bodies.end')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={`${m.name} · ${t(`bodies.positions.${m.position}`)}${m.positionNote ? `(${m.positionNote})` : ''}`}
        description={`${m.termStart} – ${m.leftOn ?? m.termEnd ?? ''}${m.leftReason ? ` · ${m.leftReason}` : ''}`}
      />
    </List.Item>
  );
  const defaultKind =
    b.kind === 'residents_meeting'
      ? 'residents_meeting'
      : b.kind === 'think_tank'
        ? 'think_tank_forum'
        : b.kind === 'building_leaders'
          ? 'building_deliberation'
          : 'council_meeting';

  return (
    <>
      <PageHeader
        title={b.name}
        subtitle={`${t(`bodies.kinds.${b.kind}`)} · ${b.placeName}${b.propertyCompany ? ` · ${t('bodies.propertyCompany')}:${b.propertyCompany}` : ''}`}
        extra={
          manage ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('bodies.addMember')}
              </Button>
              <Button type="primary" onClick={() => setMeeting(true)}>
                {t('bodies.newMeeting')}
              </Button>
            </>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card title={<h2 className="gz-card-title">{t('bodies.members')}</h2>}>
          {b.members.length ? (
            <List dataSource={b.members} rowKey="id" renderItem={(m) => member(m, true)} />
          ) : (
            <EmptyState />
          )}
        </Card>
        <Card title={<h2 className="gz-card-title">{t('bodies.meetings')}</h2>}>
          {meetings.data?.items.length ? (
            <List
              dataSource={meetings.data.items}
              rowKey="id"
              renderItem={(m) => (
                <List.Item>
                  <List.Item.Meta
                    title={<Link to={`/governance/meetings/${m.id}`}>{m.title}</Link>}
                    description={`${formatDateTime(m.startsAt)} · ${m.location} · ${t(`meeting.statuses.${m.status}`)}`}
                  />
                </List.Item>
              )}
            />
          ) : (
            <EmptyState />
          )}
        </Card>
        {b.history.length ? (
          <Card title={<h2 className="gz-card-title">{t('bodies.history')}</h2>}>
            <List dataSource={b.history} rowKey="id" renderItem={(m) => member(m, false)} />
          </Card>
        ) : null}
      </Flex>
      <FormModal<{
        personId: string;
        position: string;
        positionNote?: string;
        termStart: string;
        termEnd?: string;
      }>
        open={adding}
        onClose={() => setAdding(false)}
        title={t('bodies.addMember')}
        initialValues={{ position: 'member', termStart: today() }}
        onSubmit={(v) =>
          addMember.mutateAsync({
            id: b.id,
            personId: v.personId,
            position: v.position as (typeof Position.options)[number],
            positionNote: v.positionNote?.trim() || undefined,
            termStart: v.termStart,
            termEnd: v.termEnd || undefined,
          })
        }
      >
        <Form.Item
          name="personId"
          label={t('bodies.person')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <PersonPicker tenantId={b.tenantId} />
        </Form.Item>
        <Form.Item
          name="position"
          label={t('bodies.position')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={Position.options.map((p) => ({ value: p, label: t(`bodies.positions.${p}`) }))} />
        </Form.Item>
        <Form.Item name="positionNote" label={t('bodies.positionNote')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="termStart"
          label={t('bodies.termStart')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="termEnd" label={t('bodies.termEnd')}>
          <Input type="date" />
        </Form.Item>
      </FormModal>
      <FormModal<{ leftOn: string; reason: string }>
        open={ending !== null}
        onClose={() => setEnding(null)}
        title={t('bodies.end')}
        initialValues={{ leftOn: today() }}
        onSubmit={(v) => endMember.mutateAsync({ id: ending!, leftOn: v.leftOn, reason: v.reason })}
      >
        <Form.Item
          name="leftOn"
          label={t('bodies.leftOn')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('bodies.leftReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
      <FormModal<{
        kind: string;
        title: string;
        startsAt: string;
        location: string;
        materials?: string;
        entitledCount?: number;
      }>
        open={meeting}
        onClose={() => setMeeting(false)}
        title={t('bodies.newMeeting')}
        initialValues={{ kind: defaultKind, title: t(`meeting.kinds.${defaultKind}`) }}
        onSubmit={async (v) => {
          const m = await createMeeting.mutateAsync({
            bodyId: b.id,
            kind: v.kind as (typeof MeetingKind.options)[number],
            title: v.title,
            startsAt: new Date(`${v.startsAt}:00+08:00`).toISOString(),
            location: v.location,
            materials: v.materials?.trim() || undefined,
            entitledCount: v.entitledCount || undefined,
          });
          navigate(`/governance/meetings/${m.id}`);
        }}
      >
        <Form.Item
          name="kind"
          label={t('meeting.kind')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={MeetingKind.options.map((k) => ({ value: k, label: t(`meeting.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('meeting.title')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="startsAt"
          label={t('meeting.startsAt')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('meeting.location')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="materials" label={t('meeting.materials')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="entitledCount" label={t('meeting.entitled')}>
          <InputNumber min={1} max={100000} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
