import { CheckOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Flex, Form, Input, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../contracts/cases';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { FormModal } from '../../../lib/form-modal';
import { type CaseAction, useAddConference, useCompleteAction } from '../api/cases.api';
import { StaffPicker } from './pickers';

interface ConferenceValues {
  heldOn: Dayjs;
  internalAttendeeIds?: string[];
  externalAttendees?: { name: string; organization?: string }[];
  discussion: string;
  decisions: string;
  actions?: { title: string; ownerId: string; dueOn: Dayjs }[];
}

/** One action item with its owner, due date and, for its owner, a "done" button. */
export function ActionItem(props: { action: CaseAction; showCase?: boolean }) {
  const { t } = useTranslation('cases');
  const { me } = useSession();
  const { message } = useFeedback();
  const done = useCompleteAction();
  const a = props.action;
  const mine = a.owner?.id === me.user.id;
  return (
    <Flex justify="space-between" align="center" gap={8} wrap data-action={a.title}>
      <span>
        {a.doneAt ? <s>{a.title}</s> : <strong>{a.title}</strong>}
        <span className="gz-muted">
          {' '}
          · {a.owner?.name ?? '—'} · {t('action.due', { date: a.dueOn })}
        </span>
      </span>
      <Flex gap={4} align="center">
        {a.doneAt ? (
          <Tag color="green">{t('action.done')}</Tag>
        ) : a.overdue ? (
          <Tag color="red">{t('action.overdue')}</Tag>
        ) : null}
        {!a.doneAt && mine ? (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={done.isPending}
            aria-label={t('action.markDoneN', { title: a.title })}
            onClick={() =>
              done
                .mutateAsync(a.id)
                .then(() => void message.success(t('action.doneMsg')))
                .catch((e) => void message.error(errorMessage(e), 5))
            }
          >
            {t('action.markDone')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}

/** 个案沟通会议: the meetings with their decisions and action items, and the meeting form. */
export function ConferenceSection(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const f = props.file;
  const add = useAddConference(f.id);
  const [open, setOpen] = useState(false);
  const list = [...f.conferences].sort((a, b) => (a.heldOn < b.heldOn ? 1 : -1));
  const team = f.team
    .filter((m) => m.kind === 'user' && m.userId && m.status !== 'removed')
    .map((m) => ({ id: m.userId!, name: m.name }));
  return (
    <section aria-labelledby="gz-conferences">
      <div className="gz-case-section-head">
        <h2 className="gz-card-title" id="gz-conferences">
          {t('conference.title')}
        </h2>
        {f.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('conference.add')}
          </Button>
        ) : null}
      </div>
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('conference.none')} />
      ) : (
        <ul className="gz-case-list">
          {list.map((c) => (
            <li key={c.id} className="gz-list-item">
              <div className="gz-case-row-head">
                <strong>{t('conference.heldOnN', { date: c.heldOn })}</strong>
                <span className="gz-muted gz-small">
                  {[
                    ...c.internalAttendees.map((a) => a.name),
                    ...c.externalAttendees.map((a) =>
                      a.organization ? `${a.name}(${a.organization})` : a.name,
                    ),
                  ].join('、')}
                </span>
              </div>
              <dl className="gz-case-dl">
                <dt>{t('conference.discussion')}</dt>
                <dd>{c.discussion}</dd>
                <dt>{t('conference.decisions')}</dt>
                <dd>{c.decisions}</dd>
              </dl>
              {c.actions.length ? (
                <>
                  <h3 className="gz-case-h3">{t('conference.actions')}</h3>
                  <ul className="gz-case-actions">
                    {c.actions.map((a) => (
                      <li key={a.id}>
                        <ActionItem action={a} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <FormModal<ConferenceValues>
          open
          title={t('conference.add')}
          onClose={() => setOpen(false)}
          initialValues={{ heldOn: dayjs(), internalAttendeeIds: team.map((m) => m.id) }}
          onSubmit={(v) =>
            add.mutateAsync({
              heldOn: v.heldOn.format('YYYY-MM-DD'),
              internalAttendeeIds: v.internalAttendeeIds ?? [],
              externalAttendees: (v.externalAttendees ?? []).map((x) => ({
                name: x.name,
                organization: x.organization?.trim() || null,
              })),
              discussion: v.discussion,
              decisions: v.decisions,
              actions: (v.actions ?? []).map((a) => ({
                title: a.title,
                ownerId: a.ownerId,
                dueOn: a.dueOn.format('YYYY-MM-DD'),
              })),
            })
          }
        >
          <Form.Item
            name="heldOn"
            label={t('conference.heldOn')}
            rules={[{ required: true, message: t('rule.required') }]}
          >
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item name="internalAttendeeIds" label={t('conference.internal')}>
            <StaffPicker mode="multiple" known={team} />
          </Form.Item>
          <Form.List name="externalAttendees">
            {(fields, ops) => (
              <fieldset className="gz-case-fieldset">
                <legend>{t('conference.external')}</legend>
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      name={[field.name, 'name']}
                      style={{ flex: 1 }}
                      rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
                    >
                      <Input
                        aria-label={t('conference.externalNameN', { n: i + 1 })}
                        placeholder={t('team.name')}
                        maxLength={50}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'organization']} style={{ flex: 1 }}>
                      <Input
                        aria-label={t('conference.externalOrgN', { n: i + 1 })}
                        placeholder={t('team.organization')}
                        maxLength={100}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('conference.removeExternalN', { n: i + 1 })}
                      onClick={() => ops.remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => ops.add()}>
                  {t('conference.addExternal')}
                </Button>
              </fieldset>
            )}
          </Form.List>
          <Form.Item
            name="discussion"
            label={t('conference.discussion')}
            rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item
            name="decisions"
            label={t('conference.decisions')}
            rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.List name="actions">
            {(fields, ops) => (
              <fieldset className="gz-case-fieldset">
                <legend>{t('conference.actions')}</legend>
                {fields.map((field, i) => (
                  <div key={field.key} className="gz-case-goal">
                    <Form.Item
                      name={[field.name, 'title']}
                      label={t('action.titleN', { n: i + 1 })}
                      rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <div className="gz-case-two">
                      <Form.Item
                        name={[field.name, 'ownerId']}
                        label={t('action.owner')}
                        rules={[{ required: true, message: t('rule.required') }]}
                      >
                        <StaffPicker known={team} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'dueOn']}
                        label={t('action.dueOn')}
                        rules={[{ required: true, message: t('rule.required') }]}
                      >
                        <DatePicker style={{ width: '100%' }} inputReadOnly />
                      </Form.Item>
                    </div>
                    <Button
                      size="small"
                      icon={<MinusCircleOutlined />}
                      onClick={() => ops.remove(field.name)}
                    >
                      {t('action.remove', { n: i + 1 })}
                    </Button>
                  </div>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  onClick={() => ops.add({ dueOn: dayjs().add(7, 'day') })}
                >
                  {t('conference.addAction')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        </FormModal>
      ) : null}
    </section>
  );
}
