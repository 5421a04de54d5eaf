import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Descriptions, Empty, Form, Input, Radio, Row, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CaseFile,
  NEED_LABELS,
  type NeedDomain,
  NeedDomain as NeedDomainEnum,
  RISK_LABELS,
  RiskLevel,
} from '../../../../contracts/cases';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime } from '../../../lib/format';
import { useAddRecord } from '../api/cases.api';
import { useLabel } from '../labels';
import { RiskTag } from './badges';

type Kind = 'assessment' | 'plan' | 'evaluation';
type Rec = CaseFile['records'][number];
type Level = 'low' | 'medium' | 'high';
type Risk = (typeof RiskLevel.options)[number];

interface NeedBody {
  domain: NeedDomain;
  level: Level;
  note?: string | null;
}
interface GoalBody {
  goal: string;
  measure?: string | null;
  interventions?: string[];
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : '—');
const arr = <T,>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);

/** The latest record of a kind, with its history count. */
export const latest = (f: CaseFile, kind: Rec['kind']) => {
  const all = f.records.filter((r) => r.kind === kind);
  return { last: all.at(-1) ?? null, count: all.length };
};

/** Shows one assessment / plan / evaluation / closure record. */
export function RecordView(props: { record: Rec }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const { kind, body } = props.record;
  const meta = (
    <div className="gz-muted gz-small" style={{ marginBottom: 8 }}>
      {t('record.by', {
        by: props.record.createdBy?.name ?? '—',
        at: formatDateTime(props.record.createdAt),
      })}
    </div>
  );
  if (kind === 'assessment') {
    return (
      <>
        {meta}
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('assessment.needs')}>
            <ul className="gz-case-needs">
              {arr<NeedBody>(body.needs).map((n) => (
                <li key={n.domain}>
                  <strong>{label(NEED_LABELS[n.domain])}</strong>{' '}
                  <Tag color={n.level === 'high' ? 'red' : n.level === 'medium' ? 'blue' : undefined}>
                    {t(`level.${n.level}`)}
                  </Tag>
                  {n.note ? <span className="gz-muted">{n.note}</span> : null}
                </li>
              ))}
            </ul>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.risk')}>
            <RiskTag risk={(body.riskLevel as Risk) ?? null} />
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.strengths')}>{str(body.strengths)}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.summary')}>{str(body.summary)}</Descriptions.Item>
        </Descriptions>
      </>
    );
  }
  if (kind === 'plan') {
    return (
      <>
        {meta}
        <ol className="gz-case-goals">
          {arr<GoalBody>(body.goals).map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: goals are an ordered list without ids
            <li key={i}>
              <strong>{g.goal}</strong>
              {g.measure ? (
                <div>
                  {t('plan.measure')}:{g.measure}
                </div>
              ) : null}
              {g.interventions?.length ? (
                <div>
                  {t('plan.interventions')}:{g.interventions.join(';')}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('plan.reviewOn')}>{str(body.reviewOn)}</Descriptions.Item>
          <Descriptions.Item label={t('plan.summary')}>{str(body.summary)}</Descriptions.Item>
        </Descriptions>
      </>
    );
  }
  if (kind === 'evaluation') {
    return (
      <>
        {meta}
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('evaluation.goalsMet')}>
            {typeof body.goalsMet === 'string' ? t(`evaluation.met.${body.goalsMet}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluation.summary')}>{str(body.summary)}</Descriptions.Item>
        </Descriptions>
      </>
    );
  }
  return (
    <>
      {meta}
      <Descriptions column={1} size="small">
        {Object.entries(body).map(([k, v]) => (
          <Descriptions.Item key={k} label={t(`recordField.${k}`, { defaultValue: k })}>
            {typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </>
  );
}

/** Stages in which each record can be written (as the server checks). */
const RECORD_STAGES: Record<Kind, readonly CaseFile['stage'][]> = {
  assessment: ['assessment', 'plan', 'intervention', 'evaluation', 'reopened'],
  plan: ['plan', 'intervention', 'evaluation'],
  evaluation: ['evaluation'],
};

/** A stage's record section: the latest record and a button to write a new one. */
export function RecordSection(props: { file: CaseFile; kind: Kind }) {
  const { t } = useTranslation('cases');
  const { last, count } = latest(props.file, props.kind);
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby={`gz-rec-${props.kind}`}>
      <div className="gz-case-section-head">
        <h2 className="gz-card-title" id={`gz-rec-${props.kind}`}>
          {t(`${props.kind}.title`)}
          {count > 1 ? <span className="gz-muted gz-small"> {t('record.versions', { count })}</span> : null}
        </h2>
        {props.file.canWrite && RECORD_STAGES[props.kind].includes(props.file.stage) ? (
          <Button type={last ? 'default' : 'primary'} icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {last ? t(`${props.kind}.redo`) : t(`${props.kind}.write`)}
          </Button>
        ) : null}
      </div>
      {last ? (
        <RecordView record={last} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${props.kind}.none`)} />
      )}
      {open ? <RecordDialog file={props.file} kind={props.kind} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

interface RecordValues {
  needs?: { domain: NeedDomain; level: Level; note?: string }[];
  riskLevel?: Risk;
  strengths?: string;
  summary?: string;
  goals?: { goal: string; measure?: string; interventions?: string[] }[];
  reviewOn?: Dayjs;
  goalsMet?: 'all' | 'partly' | 'none';
}

function RecordDialog(props: { file: CaseFile; kind: Kind; onClose: () => void }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const add = useAddRecord(props.file.id);
  const f = props.file;
  const prev = latest(f, props.kind).last?.body;
  const submit = (v: RecordValues) => {
    if (props.kind === 'assessment') {
      return add.mutateAsync({
        kind: 'assessment',
        needs: (v.needs ?? []).map((n) => ({
          domain: n.domain,
          level: n.level,
          note: n.note?.trim() || null,
        })),
        riskLevel: v.riskLevel!,
        strengths: v.strengths ?? '',
        summary: v.summary ?? '',
      });
    }
    if (props.kind === 'plan') {
      return add.mutateAsync({
        kind: 'plan',
        goals: (v.goals ?? []).map((g) => ({
          goal: g.goal,
          measure: g.measure?.trim() || null,
          interventions: (g.interventions ?? []).map((s) => s.trim()).filter(Boolean),
        })),
        reviewOn: v.reviewOn!.format('YYYY-MM-DD'),
        summary: v.summary?.trim() || null,
      });
    }
    return add.mutateAsync({ kind: 'evaluation', goalsMet: v.goalsMet!, summary: v.summary ?? '' });
  };
  const req = (message: string) => [{ required: true, whitespace: true, message }];
  const initial: Partial<RecordValues> =
    props.kind === 'assessment'
      ? {
          needs: prev
            ? arr<NeedBody>(prev.needs).map((n) => ({ ...n, note: n.note ?? undefined }))
            : [{} as never],
          riskLevel: (prev?.riskLevel as Risk) ?? f.riskLevel ?? undefined,
          strengths: typeof prev?.strengths === 'string' ? prev.strengths : undefined,
        }
      : props.kind === 'plan'
        ? {
            goals: prev
              ? arr<GoalBody>(prev.goals).map((g) => ({ ...g, measure: g.measure ?? undefined }))
              : [{} as never],
            reviewOn: typeof prev?.reviewOn === 'string' ? dayjs(prev.reviewOn) : dayjs().add(3, 'month'),
          }
        : {};
  return (
    <FormModal<RecordValues>
      open
      title={t(`${props.kind}.write`)}
      onClose={props.onClose}
      initialValues={initial}
      onSubmit={submit}
    >
      {props.kind === 'assessment' ? (
        <>
          <Form.List
            name="needs"
            rules={[
              {
                validator: async (_, v) => {
                  if (!v?.length) throw new Error(t('assessment.needsRule'));
                },
              },
            ]}
          >
            {(fields, ops, { errors }) => (
              <fieldset className="gz-case-fieldset">
                <legend>{t('assessment.needs')}</legend>
                {fields.map((field, i) => (
                  <Row key={field.key} gutter={8} align="top" wrap={false}>
                    <Col flex="auto">
                      <Row gutter={8}>
                        <Col xs={14} sm={9}>
                          <Form.Item
                            name={[field.name, 'domain']}
                            rules={[{ required: true, message: t('assessment.domainRule') }]}
                          >
                            <Select
                              aria-label={t('assessment.domainN', { n: i + 1 })}
                              placeholder={t('assessment.domain')}
                              options={NeedDomainEnum.options.map((d) => ({
                                value: d,
                                label: label(NEED_LABELS[d]),
                              }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={10} sm={6}>
                          <Form.Item
                            name={[field.name, 'level']}
                            rules={[{ required: true, message: t('assessment.levelRule') }]}
                          >
                            <Select
                              aria-label={t('assessment.levelN', { n: i + 1 })}
                              placeholder={t('assessment.level')}
                              options={(['low', 'medium', 'high'] as const).map((l) => ({
                                value: l,
                                label: t(`level.${l}`),
                              }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={9}>
                          <Form.Item name={[field.name, 'note']}>
                            <Input
                              aria-label={t('assessment.noteN', { n: i + 1 })}
                              placeholder={t('assessment.note')}
                              maxLength={500}
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Col>
                    <Col flex="none">
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('assessment.removeN', { n: i + 1 })}
                        onClick={() => ops.remove(field.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => ops.add()}>
                  {t('assessment.addNeed')}
                </Button>
                <Form.ErrorList errors={errors} />
              </fieldset>
            )}
          </Form.List>
          <Form.Item
            name="riskLevel"
            label={t('field.risk')}
            rules={[{ required: true, message: t('create.riskRule') }]}
          >
            <Radio.Group
              optionType="button"
              options={RiskLevel.options.map((r) => ({ value: r, label: label(RISK_LABELS[r]) }))}
            />
          </Form.Item>
          <Form.Item name="strengths" label={t('assessment.strengths')} rules={req(t('rule.required'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="summary" label={t('assessment.summary')} rules={req(t('rule.required'))}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </>
      ) : props.kind === 'plan' ? (
        <>
          <Form.List
            name="goals"
            rules={[
              {
                validator: async (_, v) => {
                  if (!v?.length) throw new Error(t('plan.goalsRule'));
                },
              },
            ]}
          >
            {(fields, ops, { errors }) => (
              <fieldset className="gz-case-fieldset">
                <legend>{t('plan.goals')}</legend>
                {fields.map((field, i) => (
                  <div key={field.key} className="gz-case-goal">
                    <Form.Item
                      name={[field.name, 'goal']}
                      label={t('plan.goalN', { n: i + 1 })}
                      rules={req(t('plan.goalRule'))}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'measure']} label={t('plan.measure')}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'interventions']}
                      label={t('plan.interventions')}
                      extra={t('plan.interventionsHint')}
                    >
                      <Select mode="tags" open={false} maxCount={10} aria-label={t('plan.interventions')} />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button
                        size="small"
                        icon={<MinusCircleOutlined />}
                        onClick={() => ops.remove(field.name)}
                      >
                        {t('plan.removeGoal', { n: i + 1 })}
                      </Button>
                    ) : null}
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => ops.add()}>
                  {t('plan.addGoal')}
                </Button>
                <Form.ErrorList errors={errors} />
              </fieldset>
            )}
          </Form.List>
          <Form.Item
            name="reviewOn"
            label={t('plan.reviewOn')}
            rules={[{ required: true, message: t('plan.reviewRule') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="summary" label={t('plan.summary')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item
            name="goalsMet"
            label={t('evaluation.goalsMet')}
            rules={[{ required: true, message: t('rule.required') }]}
          >
            <Radio.Group
              optionType="button"
              options={(['all', 'partly', 'none'] as const).map((g) => ({
                value: g,
                label: t(`evaluation.met.${g}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="summary" label={t('evaluation.summary')} rules={req(t('rule.required'))}>
            <Input.TextArea rows={5} maxLength={4000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
