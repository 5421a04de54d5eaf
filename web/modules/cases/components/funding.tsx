import {
  CheckOutlined,
  CloseOutlined,
  PaperClipOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Form, Input, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseFile, FUNDING_STATUS_LABELS } from '../../../../contracts/cases';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime, formatMoney } from '../../../lib/format';
import {
  attachmentUrl,
  type Funding,
  settingsQuery,
  useDecideFunding,
  useRequestFunding,
  useUploadAttachment,
} from '../api/cases.api';
import { useLabel, yuanToFen } from '../labels';

const STATUS_COLOR = { submitted: 'blue', approved: 'green', rejected: 'red', paid: 'green' } as const;

/** Whether I may decide this request: a named approver, or (when none are named) a cases.fund_approve holder. */
export function useCanDecideFunding(tenantId: string) {
  const { can, me } = useSession();
  const settings = useQuery(settingsQuery(tenantId));
  const approvers = settings.data?.fundingApproverIds ?? [];
  return (fu: Funding) =>
    fu.status === 'submitted' &&
    fu.requestedBy?.id !== me.user.id &&
    (approvers.length ? approvers.includes(me.user.id) : can('cases.fund_approve'));
}

/** One request: amount, purpose, status, attachments; upload for the requester, decide for approvers. */
export function FundingItem(props: { funding: Funding; canWrite: boolean; canDecide: boolean }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const { message } = useFeedback();
  const fu = props.funding;
  const upload = useUploadAttachment();
  const decide = useDecideFunding();
  const [decision, setDecision] = useState<'approve' | 'reject' | null>(null);
  return (
    <div data-funding={fu.purpose}>
      <div className="gz-case-row-head">
        <strong className="gz-case-money">{formatMoney(fu.amountFen)}</strong>
        <Tag color={STATUS_COLOR[fu.status]}>{label(FUNDING_STATUS_LABELS[fu.status])}</Tag>
      </div>
      <div>
        <strong>{fu.purpose}</strong>
        <span className="gz-muted"> · {fu.caseNumber}</span>
      </div>
      <div className="gz-case-notes">{fu.justification}</div>
      <div className="gz-muted gz-small">
        {t('funding.requested', { by: fu.requestedBy?.name ?? '—', at: formatDateTime(fu.requestedAt) })}
        {fu.decidedAt
          ? ` · ${t('funding.decided', { by: fu.decidedBy?.name ?? '—', at: formatDateTime(fu.decidedAt) })}`
          : ''}
        {fu.decisionComment ? ` · ${fu.decisionComment}` : ''}
        {fu.paymentRef ? ` · ${t('funding.paymentRef', { ref: fu.paymentRef })}` : ''}
      </div>
      {fu.attachments.length ? (
        <ul className="gz-case-attachments">
          {fu.attachments.map((a) => (
            <li key={a.id}>
              <a
                href={attachmentUrl(fu.id, a.id)}
                target="_blank"
                rel="noreferrer"
                className="gz-inline-link"
              >
                <PaperClipOutlined /> {a.name}
              </a>
              <span className="gz-muted gz-small"> {Math.max(1, Math.round(a.size / 1024))} KB</span>
            </li>
          ))}
        </ul>
      ) : null}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {props.canWrite && fu.status === 'submitted' ? (
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > 5 * 1024 * 1024) {
                void message.error(t('funding.tooLarge'));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              upload
                .mutateAsync({ fundingId: fu.id, file: file as File })
                .then((r) => {
                  onSuccess?.(r);
                  void message.success(t('funding.uploaded'));
                })
                .catch((e) => {
                  onError?.(e);
                  void message.error(errorMessage(e), 5);
                });
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('funding.upload')}
            </Button>
          </Upload>
        ) : null}
        {props.canDecide ? (
          <>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => setDecision('approve')}
            >
              {t('funding.approve')}
            </Button>
            <Button size="small" danger icon={<CloseOutlined />} onClick={() => setDecision('reject')}>
              {t('funding.reject')}
            </Button>
          </>
        ) : null}
      </Flex>
      {decision ? (
        <FormModal<{ comment?: string }>
          open
          title={t(decision === 'approve' ? 'funding.approveTitle' : 'funding.rejectTitle', {
            amount: formatMoney(fu.amountFen),
          })}
          okText={t(decision === 'approve' ? 'funding.approve' : 'funding.reject')}
          onClose={() => setDecision(null)}
          onSubmit={(v) =>
            decide.mutateAsync({
              fundingId: fu.id,
              decision,
              comment: v.comment?.trim() || null,
              version: fu.version,
            })
          }
        >
          <Form.Item
            name="comment"
            label={t('funding.comment')}
            rules={
              decision === 'reject'
                ? [{ required: true, whitespace: true, message: t('funding.rejectRule') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </FormModal>
      ) : null}
    </div>
  );
}

interface RequestValues {
  amount: string;
  purpose: string;
  justification: string;
}

/** 资金资助: the case's requests and the request form (amount typed in yuan, sent in fen). */
export function FundingSection(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const f = props.file;
  const request = useRequestFunding(f.id);
  const settings = useQuery(settingsQuery(f.tenantId));
  const canDecide = useCanDecideFunding(f.tenantId);
  const [open, setOpen] = useState(false);
  const list = [...f.funding].sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1));
  const ceiling = settings.data?.fundingPerRequestFen ?? null;
  const yearCeiling = settings.data?.fundingPerCaseYearFen ?? null;
  return (
    <section aria-labelledby="gz-funding">
      <div className="gz-case-section-head">
        <h2 className="gz-card-title" id="gz-funding">
          {t('funding.title')}
        </h2>
        {f.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('funding.add')}
          </Button>
        ) : null}
      </div>
      {ceiling !== null || yearCeiling !== null ? (
        <p className="gz-muted gz-small">
          {[
            ceiling !== null ? t('funding.ceiling', { amount: formatMoney(ceiling) }) : null,
            yearCeiling !== null ? t('funding.yearCeiling', { amount: formatMoney(yearCeiling) }) : null,
          ]
            .filter(Boolean)
            .join(';')}
        </p>
      ) : null}
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funding.none')} />
      ) : (
        <ul className="gz-case-list">
          {list.map((fu) => (
            <li key={fu.id} className="gz-list-item">
              <FundingItem funding={fu} canWrite={f.canWrite} canDecide={canDecide(fu)} />
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <FormModal<RequestValues>
          open
          title={t('funding.add')}
          onClose={() => setOpen(false)}
          onSubmit={(v) =>
            request.mutateAsync({
              amountFen: yuanToFen(v.amount) ?? 0,
              purpose: v.purpose,
              justification: v.justification,
            })
          }
        >
          <Form.Item
            name="amount"
            label={t('funding.amount')}
            extra={ceiling !== null ? t('funding.ceiling', { amount: formatMoney(ceiling) }) : undefined}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  const fen = yuanToFen(v ?? '');
                  if (fen === null || fen < 1) throw new Error(t('funding.amountRule'));
                  if (ceiling !== null && fen > ceiling)
                    throw new Error(t('funding.overCeiling', { amount: formatMoney(ceiling) }));
                },
              },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" autoComplete="off" placeholder="0.00" />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t('funding.purpose')}
            rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="justification"
            label={t('funding.justification')}
            rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
          <p className="gz-muted gz-small">{t('funding.attachLater')}</p>
        </FormModal>
      ) : null}
    </section>
  );
}
