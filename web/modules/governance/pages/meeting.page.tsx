import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, InputNumber, List, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime } from '../../../lib/format';
import { ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import {
  bodyQuery,
  issuesQuery,
  meetingQuery,
  useAddAction,
  useAddAgenda,
  useAddDecision,
  useCompleteAction,
  useSetAttendance,
  useSetMinutes,
} from '../api/governance.api';
import { PersonPicker } from '../components/person-picker';

const OK_TAG = { color: '#1f5f07', background: '#f6ffed', borderColor: '#1f5f07' };

/** A meeting from agenda to minutes, decisions and the action items that close issues. */
export function MeetingPage() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation('governance');
  const { tenantId, can } = useSession();
  const { message } = useFeedback();
  const q = useQuery(meetingQuery(id));
  const body = useQuery({ ...bodyQuery(q.data?.bodyId ?? ''), enabled: !!q.data });
  const openIssues = useInfiniteQuery(issuesQuery({ tenantId: tenantId!, view: 'all', open: 'true' }));
  const addAgenda = useAddAgenda();
  const setAttendance = useSetAttendance();
  const setMinutes = useSetMinutes();
  const addDecision = useAddDecision();
  const addAction = useAddAction();
  const complete = useCompleteAction();
  const [agendaOpen, setAgendaOpen] = useState(false);
  const [decisionOpen, setDecisionOpen] = useState(false);
  const [actionOpen, setActionOpen] = useState(false);
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const [attForm] = Form.useForm();
  const [minForm] = Form.useForm();
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const m = q.data;
  const manage = can('governance.meet');
  const residents = m.kind === 'residents_meeting';
  const issues = (openIssues.data?.pages.flatMap((p) => p.items) ?? []).map((i) => ({
    value: i.id,
    label: `${i.title} · ${i.placeName}`,
  }));
  const linked = m.agenda
    .filter((a) => a.issueId)
    .map((a) => ({ value: a.issueId!, label: a.issueTitle ?? a.topic }));
  const members = (body.data?.members ?? []).map((x) => ({ value: x.personId, label: x.name }));
  const save = async (p: Promise<unknown>, form?: ReturnType<typeof Form.useForm>[0]) => {
    try {
      await p;
      void message.success(t('common:state.saved'));
    } catch (e) {
      if (!form || !applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
    }
  };

  return (
    <>
      <PageHeader
        title={m.title}
        subtitle={
          <span>
            <Link to={`/governance/bodies/${m.bodyId}`}>{m.bodyName}</Link> · {t(`meeting.kinds.${m.kind}`)} ·{' '}
            {t(`meeting.statuses.${m.status}`)}
          </span>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('meeting.startsAt')}>{formatDateTime(m.startsAt)}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.location')}>{m.location}</Descriptions.Item>
            {m.materials ? (
              <Descriptions.Item label={t('meeting.materials')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{m.materials}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Card
          title={<h2 className="gz-card-title">{t('meeting.agenda')}</h2>}
          extra={manage ? <Button onClick={() => setAgendaOpen(true)}>{t('meeting.addTopic')}</Button> : null}
        >
          <List
            dataSource={m.agenda}
            rowKey="id"
            locale={{ emptyText: <span className="gz-muted">{t('meeting.empty')}</span> }}
            renderItem={(a) => (
              <List.Item>
                {a.sort}.{' '}
                {a.issueId ? <Link to={`/governance/issues/${a.issueId}`}>{a.topic}</Link> : a.topic}
              </List.Item>
            )}
          />
        </Card>
        <Card title={<h2 className="gz-card-title">{t('meeting.attendance')}</h2>}>
          {residents ? (
            <Alert
              style={{ marginBottom: 12 }}
              type={m.quorumMet ? 'success' : 'warning'}
              message={`${t('meeting.quorum')}:${m.quorumMet ? t('meeting.quorumMet') : t('meeting.quorumNotMet')}(${t('meeting.entitled')} ${m.entitledCount ?? '—'},${t('meeting.present')} ${m.presentCount ?? 0})`}
            />
          ) : null}
          <Form
            form={attForm}
            layout="vertical"
            disabled={!manage}
            initialValues={{
              personIds: m.attendees.map((a) => a.personId),
              presentCount: m.presentCount ?? undefined,
              entitledCount: m.entitledCount ?? undefined,
            }}
            onFinish={(v) =>
              save(
                setAttendance.mutateAsync({
                  id: m.id,
                  personIds: v.personIds ?? [],
                  presentCount: v.presentCount ?? undefined,
                  entitledCount: v.entitledCount ?? undefined,
                  version: m.version,
                }),
                attForm,
              )
            }
          >
            <Form.Item name="personIds" label={t('meeting.attendees')}>
              <PersonPicker
                multiple
                tenantId={m.tenantId}
                extra={[...members, ...m.attendees.map((a) => ({ value: a.personId, label: a.name }))]}
              />
            </Form.Item>
            {residents ? (
              <Flex gap={12} wrap>
                <Form.Item name="entitledCount" label={t('meeting.entitled')}>
                  <InputNumber min={1} max={100000} />
                </Form.Item>
                <Form.Item name="presentCount" label={t('meeting.present')}>
                  <InputNumber min={0} max={100000} />
                </Form.Item>
              </Flex>
            ) : null}
            {manage ? (
              <Button htmlType="submit" loading={setAttendance.isPending}>
                {t('meeting.saveAttendance')}
              </Button>
            ) : null}
          </Form>
        </Card>
        <Card title={<h2 className="gz-card-title">{t('meeting.minutes')}</h2>}>
          <Form
            form={minForm}
            layout="vertical"
            disabled={!manage}
            initialValues={{ minutes: m.minutes ?? '' }}
            onFinish={(v) =>
              save(setMinutes.mutateAsync({ id: m.id, minutes: v.minutes, version: m.version }), minForm)
            }
          >
            <Form.Item
              name="minutes"
              label={t('meeting.minutes')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={5} maxLength={20000} />
            </Form.Item>
            {manage ? (
              <Button htmlType="submit" loading={setMinutes.isPending}>
                {t('meeting.saveMinutes')}
              </Button>
            ) : null}
          </Form>
        </Card>
        <Card
          title={<h2 className="gz-card-title">{t('meeting.decisions')}</h2>}
          extra={
            manage ? <Button onClick={() => setDecisionOpen(true)}>{t('meeting.addDecision')}</Button> : null
          }
        >
          <List
            dataSource={m.decisions}
            rowKey="id"
            locale={{ emptyText: <span className="gz-muted">{t('meeting.empty')}</span> }}
            renderItem={(d) => (
              <List.Item>
                <div>
                  <div>{d.text}</div>
                  <Flex gap={6} wrap>
                    <Tag style={d.adopted ? OK_TAG : undefined}>
                      {d.adopted ? t('meeting.adopted') : t('meeting.notAdopted')}
                    </Tag>
                    {d.votesFor !== null ? (
                      <span className="gz-muted">
                        {t('meeting.votesFor')} {d.votesFor} · {t('meeting.votesAgainst')}{' '}
                        {d.votesAgainst ?? 0} · {t('meeting.votesAbstain')} {d.votesAbstain ?? 0}
                      </span>
                    ) : null}
                  </Flex>
                </div>
              </List.Item>
            )}
          />
        </Card>
        <Card
          title={<h2 className="gz-card-title">{t('meeting.actions')}</h2>}
          extra={
            manage ? <Button onClick={() => setActionOpen(true)}>{t('meeting.addAction')}</Button> : null
          }
        >
          <List
            dataSource={m.actions}
            rowKey="id"
            locale={{ emptyText: <span className="gz-muted">{t('meeting.empty')}</span> }}
            renderItem={(a) => (
              <List.Item
                actions={
                  a.status === 'open' && manage
                    ? [
                        <Button key="done" size="small" type="primary" onClick={() => setDoneFor(a.id)}>
                          {t('meeting.markDone')}
                        </Button>,
                      ]
                    : [
                        <Tag key="s" style={OK_TAG}>
                          {t('meeting.done')}
                        </Tag>,
                      ]
                }
              >
                <List.Item.Meta
                  title={a.title}
                  description={`${t('meeting.owner')}:${a.ownerName} · ${t('meeting.dueOn')}:${a.dueOn}${a.doneNote ? ` · ${a.doneNote}` : ''}`}
                />
              </List.Item>
            )}
          />
        </Card>
      </Flex>
      <FormModal<{ issueId?: string; topic?: string }>
        open={agendaOpen}
        onClose={() => setAgendaOpen(false)}
        title={t('meeting.addTopic')}
        onSubmit={(v) =>
          addAgenda.mutateAsync({
            id: m.id,
            issueId: v.issueId || undefined,
            topic: v.topic?.trim() || undefined,
          })
        }
      >
        <Form.Item name="issueId" label={t('meeting.linkIssue')}>
          <Select allowClear showSearch optionFilterProp="label" options={issues} />
        </Form.Item>
        <Form.Item name="topic" label={t('meeting.topic')}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
      <FormModal<{
        text: string;
        agendaItemId?: string;
        votesFor?: number;
        votesAgainst?: number;
        votesAbstain?: number;
      }>
        open={decisionOpen}
        onClose={() => setDecisionOpen(false)}
        title={t('meeting.addDecision')}
        onSubmit={(v) =>
          addDecision.mutateAsync({
            id: m.id,
            text: v.text,
            agendaItemId: v.agendaItemId || undefined,
            votesFor: v.votesFor ?? undefined,
            votesAgainst: v.votesAgainst ?? undefined,
            votesAbstain: v.votesAbstain ?? undefined,
          })
        }
      >
        <Form.Item name="agendaItemId" label={t('meeting.topic')}>
          <Select allowClear options={m.agenda.map((a) => ({ value: a.id, label: a.topic }))} />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('meeting.decisionText')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="votesFor" label={t('meeting.votesFor')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="votesAgainst" label={t('meeting.votesAgainst')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="votesAbstain" label={t('meeting.votesAbstain')}>
            <InputNumber min={0} />
          </Form.Item>
        </Flex>
      </FormModal>
      <FormModal<{ title: string; ownerName: string; dueOn: string; decisionId?: string; issueId?: string }>
        open={actionOpen}
        onClose={() => setActionOpen(false)}
        title={t('meeting.addAction')}
        initialValues={{ issueId: linked[0]?.value, decisionId: m.decisions.at(-1)?.id }}
        onSubmit={(v) =>
          addAction.mutateAsync({
            id: m.id,
            title: v.title,
            ownerName: v.ownerName,
            dueOn: v.dueOn,
            decisionId: v.decisionId || undefined,
            issueId: v.issueId || undefined,
          })
        }
      >
        <Form.Item
          name="title"
          label={t('meeting.actionTitle')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="ownerName"
          label={t('meeting.owner')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('meeting.dueOn')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="decisionId" label={t('meeting.decision')}>
          <Select allowClear options={m.decisions.map((d) => ({ value: d.id, label: d.text }))} />
        </Form.Item>
        <Form.Item name="issueId" label={t('meeting.linkIssue')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={[...linked, ...issues.filter((i) => !linked.some((l) => l.value === i.value))]}
          />
        </Form.Item>
      </FormModal>
      <FormModal<{ note?: string }>
        open={doneFor !== null}
        onClose={() => setDoneFor(null)}
        title={t('meeting.markDone')}
        onSubmit={(v) => complete.mutateAsync({ id: doneFor!, note: v.note?.trim() || undefined })}
      >
        <Form.Item name="note" label={t('meeting.doneNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
    </>
  );
}
