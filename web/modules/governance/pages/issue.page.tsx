import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Form, Input, List, Rate, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { IssueStatus } from '../../../../contracts/governance';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime } from '../../../lib/format';
import { ErrorState, LoadingState, PageHeader } from '../../../lib/page-state';
import { issueQuery, useAssignProperty, useEscalate, useRate, useTransition } from '../api/governance.api';
import { LevelTag, StatusTag } from '../components/shared';

/** Moves that need a written reason (or a duplicate's id) before they are made. */
const NEEDS_NOTE: IssueStatus[] = ['rejected', 'merged', 'reopened'];

/** One issue: where it is, who acts now, its whole trail, and the moves the caller may make. */
export function IssuePage() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation('governance');
  const { message } = useFeedback();
  const q = useQuery(issueQuery(id));
  const transition = useTransition();
  const escalate = useEscalate();
  const assign = useAssignProperty();
  const rate = useRate();
  const [noteFor, setNoteFor] = useState<IssueStatus | null>(null);
  const [escalating, setEscalating] = useState(false);
  const [rating, setRating] = useState(false);

  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const i = q.data;
  const run = async (p: Promise<unknown>) => {
    try {
      await p;
      void message.success(t('common:state.saved'));
    } catch (e) {
      void message.error(errorMessage(e), 5);
    }
  };
  const eventText = (e: (typeof i.trail)[number]) => {
    const head = t(`issue.events.${e.kind}`, { defaultValue: e.kind });
    const lv =
      e.fromLevel && e.toLevel
        ? ` ${t('issue.levelMove', { from: t(`level.${e.fromLevel}`), to: t(`level.${e.toLevel}`) })}`
        : '';
    return `${head}${lv}`;
  };

  return (
    <>
      <PageHeader
        title={i.title}
        subtitle={
          <Flex gap={6} wrap align="center">
            <StatusTag status={i.status} />
            <LevelTag level={i.level} />
            <span>{i.number}</span>
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.description}</Typography.Paragraph>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('issue.category')}>{i.categoryName}</Descriptions.Item>
            <Descriptions.Item label={t('issue.place')}>
              {i.placeName}
              {i.address ? ` ${i.address}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('issue.reporter')}>{i.reporterName}</Descriptions.Item>
            <Descriptions.Item label={t('issue.deadline')}>
              {formatDateTime(i.levelDeadlineAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('issue.source')}>{t(`issue.sources.${i.source}`)}</Descriptions.Item>
            {i.assignedTo ? (
              <Descriptions.Item label={t('issue.assignedTo')}>{i.assignedTo}</Descriptions.Item>
            ) : null}
            {i.rejectReason ? (
              <Descriptions.Item label={t('issue.rejectReason')}>{i.rejectReason}</Descriptions.Item>
            ) : null}
            {i.rating !== null ? (
              <Descriptions.Item label={t('issue.rating')}>
                <Rate disabled value={i.rating} aria-label={t('issue.rating')} /> {i.ratingComment ?? ''}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            {i.can.transitions.map((to) => (
              <Button
                key={to}
                type={to === 'confirmed' || to === 'accepted' ? 'primary' : 'default'}
                danger={to === 'rejected'}
                loading={transition.isPending}
                onClick={() =>
                  NEEDS_NOTE.includes(to)
                    ? setNoteFor(to)
                    : run(transition.mutateAsync({ id: i.id, to, version: i.version }))
                }
              >
                {t(`issue.moves.${to}`)}
              </Button>
            ))}
            {i.can.escalate ? (
              <Button onClick={() => setEscalating(true)}>{t('issue.escalate')}</Button>
            ) : null}
            {i.can.assignProperty ? (
              <Button onClick={() => run(assign.mutateAsync({ id: i.id, version: i.version }))}>
                {t('issue.assignProperty')}
              </Button>
            ) : null}
            {i.can.rate ? <Button onClick={() => setRating(true)}>{t('issue.rate')}</Button> : null}
          </Flex>
        </Card>
        <Card title={<h2 className="gz-card-title">{t('issue.actions')}</h2>}>
          <List
            dataSource={i.actions}
            rowKey="id"
            locale={{ emptyText: <span className="gz-muted">{t('issue.noActions')}</span> }}
            renderItem={(a) => (
              <List.Item>
                <span>
                  {a.title} · {a.ownerName} · {a.dueOn}
                </span>
                <span>{a.status === 'done' ? t('meeting.done') : ''}</span>
              </List.Item>
            )}
          />
        </Card>
        <Card title={<h2 className="gz-card-title">{t('issue.trail')}</h2>}>
          <Timeline
            items={i.trail.map((e) => ({
              key: e.id,
              children: (
                <>
                  <div>
                    <strong>{eventText(e)}</strong> · {e.actorName || t('issue.system')}
                  </div>
                  <div className="gz-muted">{formatDateTime(e.at)}</div>
                  {e.note ? <div>{e.note}</div> : null}
                </>
              ),
            }))}
          />
        </Card>
      </Flex>
      <FormModal<{ reason?: string; duplicateOf?: string }>
        open={noteFor !== null}
        onClose={() => setNoteFor(null)}
        title={noteFor ? t(`issue.moves.${noteFor}`) : ''}
        onSubmit={(v) =>
          transition.mutateAsync({
            id: i.id,
            to: noteFor!,
            version: i.version,
            reason: v.reason?.trim() || undefined,
            duplicateOf: v.duplicateOf?.trim() || undefined,
          })
        }
      >
        {noteFor === 'merged' ? (
          <Form.Item
            name="duplicateOf"
            label={t('issue.duplicateOf')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={t('issue.reason')}
          rules={[{ required: noteFor === 'rejected', max: 500, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        open={escalating}
        onClose={() => setEscalating(false)}
        title={t('issue.escalate')}
        onSubmit={(v) => escalate.mutateAsync({ id: i.id, reason: v.reason, version: i.version })}
      >
        <Form.Item
          name="reason"
          label={t('issue.escalateReason')}
          rules={[{ required: true, whitespace: true, max: 500, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
      <FormModal<{ rating: number; comment?: string }>
        open={rating}
        onClose={() => setRating(false)}
        title={t('issue.rate')}
        initialValues={{ rating: 5 }}
        onSubmit={(v) =>
          rate.mutateAsync({ id: i.id, rating: v.rating, comment: v.comment?.trim() || undefined })
        }
      >
        <Form.Item
          name="rating"
          label={t('issue.rating')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Rate />
        </Form.Item>
        <Form.Item name="comment" label={t('issue.rateComment')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
    </>
  );
}
