import { CheckOutlined, DownOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Flex, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CASE_STAGE_LABELS,
  type CaseFile,
  type CaseStage,
  CLOSURE_LABELS,
  ClosureReason,
} from '../../../../contracts/cases';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime } from '../../../lib/format';
import { useDecide, useTransition } from '../api/cases.api';
import { useLabel } from '../labels';

/** The supervisor's sign-off waiting on this case, with approve / return when it is mine to decide. */
export function ApprovalBanner(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const f = props.file;
  const a = f.pendingApproval;
  const decide = useDecide(f.id);
  const [decision, setDecision] = useState<'approve' | 'return' | null>(null);
  if (!a) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        className="gz-case-banner"
        message={t(`approval.pending.${a.kind}`, { to: label(CASE_STAGE_LABELS[a.to]) })}
        description={
          <>
            <div>
              {t('approval.requested', {
                by: a.requestedBy?.name ?? '—',
                at: formatDateTime(a.requestedAt),
              })}
            </div>
            {a.closure ? (
              <div>
                {t('close.reason')}:{label(CLOSURE_LABELS[a.closure.reason])};{t('close.outcome')}:
                {a.closure.outcome}
              </div>
            ) : null}
            {a.comment ? <div>{t('approval.comment', { comment: a.comment })}</div> : null}
            {!f.canApprove ? <div className="gz-muted">{t('approval.waiting')}</div> : null}
          </>
        }
        action={
          f.canApprove ? (
            <Flex gap={8} wrap>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDecision('approve')}>
                {t('approval.approve')}
              </Button>
              <Button icon={<RollbackOutlined />} onClick={() => setDecision('return')}>
                {t('approval.return')}
              </Button>
            </Flex>
          ) : null
        }
      />
      {decision ? (
        <FormModal<{ comment?: string }>
          open
          title={decision === 'approve' ? t('approval.approveTitle') : t('approval.returnTitle')}
          okText={decision === 'approve' ? t('approval.approve') : t('approval.return')}
          onClose={() => setDecision(null)}
          onSubmit={(v) =>
            decide.mutateAsync({ approvalId: a.id, decision, comment: v.comment?.trim() || null })
          }
        >
          <Form.Item
            name="comment"
            label={t('approval.commentLabel')}
            rules={
              decision === 'return'
                ? [{ required: true, whitespace: true, message: t('approval.returnRule') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}

interface MoveValues {
  comment?: string;
  reason?: (typeof ClosureReason.options)[number];
  outcome?: string;
}

/** One button per legal move of the case (from the server's allowedMoves). */
export function MoveButtons(props: { file: CaseFile; compact?: boolean }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const f = props.file;
  const move = useTransition(f.id);
  const [to, setTo] = useState<{ to: CaseStage; kind: 'direct' | 'approval' } | null>(null);
  if (!f.canWrite || f.pendingApproval || f.allowedMoves.length === 0) return null;
  const moveLabel = (m: { to: CaseStage; kind: 'direct' | 'approval' }) =>
    m.kind === 'approval'
      ? t('move.submit', { to: label(CASE_STAGE_LABELS[m.to]) })
      : t(`move.named.${m.to}`, { defaultValue: t('move.to', { to: label(CASE_STAGE_LABELS[m.to]) }) });
  const approvals = f.allowedMoves.filter((m) => m.kind === 'approval');
  const direct = f.allowedMoves.filter((m) => m.kind === 'direct');
  return (
    <>
      {approvals.map((m) => (
        <Button
          key={m.to}
          type="primary"
          icon={<SendOutlined />}
          onClick={() => setTo(m)}
          // Opening a child-at-risk case needs the mandatory report first (the banner says so).
          disabled={m.to === 'assessment' && Boolean(f.childAtRisk) && f.mandatoryReports.length === 0}
        >
          {moveLabel(m)}
        </Button>
      ))}
      {props.compact && direct.length > 1 ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: direct.map((m) => ({ key: m.to, label: moveLabel(m) })),
            onClick: (e) => setTo(direct.find((m) => m.to === e.key) ?? null),
          }}
        >
          <Button>
            {t('move.menu')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : (
        direct.map((m) => (
          <Button key={m.to} onClick={() => setTo(m)}>
            {moveLabel(m)}
          </Button>
        ))
      )}
      {to ? (
        <FormModal<MoveValues>
          open
          title={
            to.kind === 'approval'
              ? t('move.submitTitle', { to: label(CASE_STAGE_LABELS[to.to]) })
              : t('move.toTitle', { to: label(CASE_STAGE_LABELS[to.to]) })
          }
          okText={to.kind === 'approval' ? t('move.submitOk') : t('move.ok')}
          onClose={() => setTo(null)}
          onSubmit={(v) =>
            move.mutateAsync({
              to: to.to,
              comment: v.comment?.trim() || null,
              closure: to.to === 'closed' && v.reason ? { reason: v.reason, outcome: v.outcome ?? '' } : null,
              version: f.version,
            })
          }
        >
          {to.kind === 'approval' ? (
            <Alert type="info" showIcon message={t('move.approvalNote')} style={{ marginBottom: 16 }} />
          ) : null}
          {to.to === 'closed' ? (
            <>
              <Form.Item
                name="reason"
                label={t('close.reason')}
                rules={[{ required: true, message: t('close.reasonRule') }]}
              >
                <Select
                  options={ClosureReason.options.map((r) => ({ value: r, label: label(CLOSURE_LABELS[r]) }))}
                />
              </Form.Item>
              <Form.Item
                name="outcome"
                label={t('close.outcome')}
                rules={[{ required: true, whitespace: true, message: t('close.outcomeRule') }]}
              >
                <Input.TextArea rows={4} maxLength={2000} showCount />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="comment" label={t('move.comment')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
