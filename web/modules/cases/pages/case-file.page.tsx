import { EditOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Radio,
  Row,
  Tabs,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import {
  type CaseFile,
  CLOSURE_LABELS,
  REFERRAL_LABELS,
  RISK_LABELS,
  RiskLevel,
} from '../../../../contracts/cases';
import { isApiError } from '../../../lib/api';
import { FormModal } from '../../../lib/form-modal';
import { PageHeader, QueryState, StatusMessage } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { caseFileQuery, useUpdateCase } from '../api/cases.api';
import { RiskTag, StageTag } from '../components/badges';
import { ConferenceSection } from '../components/conferences';
import { FundingSection } from '../components/funding';
import { StaffPicker } from '../components/pickers';
import { RecordSection } from '../components/records';
import { CaseTimeline, MandatoryReportSection, ServiceDialog, ServiceSection } from '../components/services';
import { ApprovalBanner, MoveButtons } from '../components/stage-actions';
import { MatchesSection, TeamSection } from '../components/team';
import { useLabel } from '../labels';
import '../components/cases.css';

/** One case file. Opening it writes the access log (once per visit: see caseFileQuery). */
export function CaseFilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const q = useQuery(caseFileQuery(id));
  if (q.error && isApiError(q.error) && (q.error.status === 403 || q.error.status === 404)) {
    return (
      <StatusMessage
        heading="h1"
        title={q.error.status === 403 ? t('file.forbidden') : t('file.notFound')}
        body={q.error.status === 403 ? t('file.forbiddenBody') : undefined}
      />
    );
  }
  return <QueryState query={q}>{(f) => <CaseFileView file={f} />}</QueryState>;
}

const ENDED: readonly CaseFile['stage'][] = ['closed', 'not_opened', 'referred_out'];

const TABS = [
  'intake',
  'assessment',
  'plan',
  'services',
  'team',
  'conferences',
  'funding',
  'evaluation',
  'timeline',
] as const;
type Tab = (typeof TABS)[number];

function CaseFileView(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const phone = usePhone();
  const f = props.file;
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'intake';
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const setTab = (k: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', k);
    setParams(next, { replace: true });
  };
  const subject = f.subject;
  const tabItems = TABS.filter((k) => k !== 'timeline' || phone).map((k) => ({
    key: k,
    label: t(`tabs.${k}`),
    children: (
      <div className="gz-case-tab">
        {k === 'intake' ? (
          <IntakeView file={f} />
        ) : k === 'assessment' || k === 'plan' ? (
          <RecordSection file={f} kind={k} />
        ) : k === 'services' ? (
          <ServiceSection file={f} />
        ) : k === 'team' ? (
          <>
            <TeamSection file={f} />
            <div style={{ marginTop: 24 }}>
              <MatchesSection file={f} />
            </div>
          </>
        ) : k === 'conferences' ? (
          <ConferenceSection file={f} />
        ) : k === 'funding' ? (
          <FundingSection file={f} />
        ) : k === 'evaluation' ? (
          <>
            <RecordSection file={f} kind="evaluation" />
            {f.records.some((r) => r.kind === 'closure') ? <ClosureView file={f} /> : null}
          </>
        ) : (
          <CaseTimeline file={f} />
        )}
      </div>
    ),
  }));

  return (
    <>
      <PageHeader
        title={<span className="gz-case-title">{t('file.title', { number: f.number })}</span>}
        subtitle={
          <Flex gap={6} align="center" wrap>
            <StageTag stage={f.stage} />
            <RiskTag risk={f.riskLevel} prefix={t('field.riskPrefix')} />
            {f.childAtRisk ? <Tag color="red">{t('field.childAtRisk')}</Tag> : null}
            <span>
              {subject ? `${subject.name}${subject.kind === 'household' ? t('file.household') : ''}` : ''}
              {subject?.ageBand
                ? ` · ${t(`people:ageBand.${subject.ageBand}`, { defaultValue: subject.ageBand })}`
                : ''}
            </span>
          </Flex>
        }
        extra={
          <>
            {f.canWrite && !ENDED.includes(f.stage) ? (
              <Button icon={<FormOutlined />} onClick={() => setRecording(true)}>
                {t('service.add')}
              </Button>
            ) : null}
            <MoveButtons file={f} compact={phone} />
            {f.canWrite ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('edit.button')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="gz-case-banners">
        <ApprovalBanner file={f} />
        <MandatoryReportSection file={f} compact />
        {!f.canWrite ? <Alert type="info" showIcon message={t('file.readOnly')} /> : null}
      </div>
      <Card size="small" className="gz-case-people">
        <Descriptions size="small" column={{ xs: 2, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('field.worker')}>{f.worker?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.supervisor')}>{f.supervisor?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.community')}>{f.communityName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.nextContactOn')}>{f.nextContactOn ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={phone ? 24 : 17}>
          <Card className="gz-case-tabs-card">
            {phone ? (
              <>
                {/* On a phone the sections wrap as buttons (tabs would hide some behind a "more" menu). */}
                <nav aria-label={t('tabs.label')} className="gz-case-sections">
                  {tabItems.map((x) => (
                    <Button
                      key={x.key}
                      size="small"
                      autoInsertSpace={false}
                      type={x.key === tab ? 'primary' : 'default'}
                      aria-pressed={x.key === tab}
                      onClick={() => setTab(x.key)}
                    >
                      {x.label}
                    </Button>
                  ))}
                </nav>
                {tabItems.find((x) => x.key === tab)?.children}
              </>
            ) : (
              <Tabs activeKey={tab} onChange={setTab} items={tabItems} tabBarGutter={18} />
            )}
          </Card>
        </Col>
        {phone ? null : (
          <Col xs={24} xl={7}>
            <Card title={<h2 className="gz-card-title">{t('timeline.title')}</h2>}>
              <CaseTimeline file={f} />
            </Card>
          </Col>
        )}
      </Row>
      {editing ? <EditCaseDialog file={f} onClose={() => setEditing(false)} /> : null}
      {recording ? <ServiceDialog file={f} onClose={() => setRecording(false)} /> : null}
    </>
  );
}

function IntakeView(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const f = props.file;
  return (
    <>
      <h2 className="gz-card-title" style={{ marginBottom: 12 }}>
        {t('intake.title')}
      </h2>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('field.number')}>{f.number}</Descriptions.Item>
        <Descriptions.Item label={t('field.intakeOn')}>{f.intakeOn}</Descriptions.Item>
        <Descriptions.Item label={t('field.subject')}>
          {f.subject ? `${f.subject.name}${f.subject.kind === 'household' ? t('file.household') : ''}` : '—'}
          {f.subject?.minor ? (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('field.minor')}
            </Tag>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.referral')}>
          {label(REFERRAL_LABELS[f.referralSource])}
          {f.referralDetail ? ` · ${f.referralDetail}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.presentingProblem')} span={{ xs: 1, sm: 2 }}>
          <div className="gz-case-notes">{f.presentingProblem}</div>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.openedOn')}>{f.openedOn}</Descriptions.Item>
        <Descriptions.Item label={t('field.closedOn')}>{f.closedOn ?? '—'}</Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 16 }}>
        <MandatoryReportSection file={f} />
      </div>
    </>
  );
}

function ClosureView(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const rec = props.file.records.filter((r) => r.kind === 'closure').at(-1);
  if (!rec) return null;
  return (
    <section style={{ marginTop: 24 }} aria-labelledby="gz-closure">
      <h2 className="gz-card-title" id="gz-closure" style={{ marginBottom: 8 }}>
        {t('close.title')}
      </h2>
      <ClosureBody body={rec.body} />
    </section>
  );
}

function ClosureBody(props: { body: Record<string, unknown> }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const reason = props.body.reason as keyof typeof CLOSURE_LABELS | undefined;
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('close.reason')}>
        {reason ? label(CLOSURE_LABELS[reason]) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('close.outcome')}>
        {typeof props.body.outcome === 'string' ? props.body.outcome : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

interface EditValues {
  riskLevel: (typeof RiskLevel.options)[number];
  childAtRisk: boolean;
  supervisorId: string;
  nextContactOn: Dayjs | null;
}

function EditCaseDialog(props: { file: CaseFile; onClose: () => void }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const f = props.file;
  const update = useUpdateCase(f.id);
  return (
    <FormModal<EditValues>
      open
      title={t('edit.title')}
      onClose={props.onClose}
      initialValues={{
        riskLevel: f.riskLevel ?? 'low',
        childAtRisk: f.childAtRisk ?? false,
        supervisorId: f.supervisor?.id,
        nextContactOn: f.nextContactOn ? dayjs(f.nextContactOn) : null,
      }}
      onSubmit={(v) =>
        update.mutateAsync({
          riskLevel: v.riskLevel,
          childAtRisk: v.childAtRisk,
          supervisorId: v.supervisorId,
          nextContactOn: v.nextContactOn ? v.nextContactOn.format('YYYY-MM-DD') : null,
          version: f.version,
        })
      }
    >
      <Form.Item name="riskLevel" label={t('field.risk')}>
        <Radio.Group
          optionType="button"
          options={RiskLevel.options.map((r) => ({ value: r, label: label(RISK_LABELS[r]) }))}
        />
      </Form.Item>
      <Form.Item name="childAtRisk" valuePropName="checked">
        <Checkbox>{t('field.childAtRisk')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="supervisorId"
        label={t('field.supervisor')}
        rules={[{ required: true, message: t('rule.required') }]}
      >
        <StaffPicker known={f.supervisor ? [f.supervisor] : []} />
      </Form.Item>
      <Form.Item name="nextContactOn" label={t('field.nextContactOn')}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
    </FormModal>
  );
}
