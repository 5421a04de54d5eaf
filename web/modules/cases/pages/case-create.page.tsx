import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { REFERRAL_LABELS, ReferralSource, RISK_LABELS, RiskLevel } from '../../../../contracts/cases';
import type { Person } from '../../../../contracts/people';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { PageHeader } from '../../../lib/page-state';
import { useCreateCase } from '../api/cases.api';
import { ResidentPicker, StaffPicker } from '../components/pickers';
import { useLabel } from '../labels';
import '../components/cases.css';

interface Values {
  subjectKind: 'person' | 'household';
  personId?: string;
  referralSource: (typeof ReferralSource.options)[number];
  referralDetail?: string;
  presentingProblem: string;
  riskLevel: (typeof RiskLevel.options)[number];
  childAtRisk: boolean;
  supervisorId: string;
  intakeOn: Dayjs;
  nextContactOn?: Dayjs | null;
}

/** 接案: a new case for a resident or their household. */
export function CaseCreatePage() {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const create = useCreateCase();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<Person | null>(null);
  const kind = Form.useWatch('subjectKind', form);
  const half = { xs: 24, sm: 12 };

  const submit = async (v: Values) => {
    try {
      const household = v.subjectKind === 'household';
      const f = await create.mutateAsync({
        subjectKind: v.subjectKind,
        personId: household ? null : (v.personId ?? null),
        householdId: household ? (picked?.householdId ?? null) : null,
        referralSource: v.referralSource,
        referralDetail: v.referralDetail?.trim() || null,
        presentingProblem: v.presentingProblem,
        riskLevel: v.riskLevel,
        childAtRisk: v.childAtRisk,
        intakeOn: v.intakeOn.format('YYYY-MM-DD'),
        supervisorId: v.supervisorId,
        nextContactOn: v.nextContactOn ? v.nextContactOn.format('YYYY-MM-DD') : null,
      });
      void message.success(t('create.done', { number: f.number }));
      navigate(`/cases/${f.id}`, { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
    }
  };

  return (
    <>
      <PageHeader title={t('create.title')} subtitle={t('create.subtitle')} />
      <Card className="gz-case-form">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            subjectKind: 'person',
            referralSource: 'community_worker',
            riskLevel: 'medium',
            childAtRisk: false,
            intakeOn: dayjs(),
            nextContactOn: dayjs().add(7, 'day'),
          }}
        >
          <h2 className="gz-form-section">{t('create.subject')}</h2>
          <Form.Item name="subjectKind" label={t('create.subjectKind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'person', label: t('create.kindPerson') },
                { value: 'household', label: t('create.kindHousehold') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="personId"
            label={kind === 'household' ? t('create.householdMember') : t('field.subject')}
            extra={kind === 'household' ? t('create.householdHelp') : t('create.personHelp')}
            rules={[
              { required: true, message: t('create.subjectRule') },
              {
                validator: async () => {
                  if (form.getFieldValue('subjectKind') === 'household' && picked && !picked.householdId)
                    throw new Error(t('create.noHouseholdRule'));
                },
              },
            ]}
          >
            <ResidentPicker onPick={setPicked} />
          </Form.Item>
          {picked?.minor ? (
            <Alert type="warning" showIcon message={t('create.minorNote')} style={{ marginBottom: 16 }} />
          ) : null}
          <h2 className="gz-form-section">{t('create.intake')}</h2>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="referralSource" label={t('field.referral')} rules={[{ required: true }]}>
                <Select
                  options={ReferralSource.options.map((r) => ({
                    value: r,
                    label: label(REFERRAL_LABELS[r]),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="referralDetail" label={t('field.referralDetail')}>
                <Input maxLength={200} placeholder={t('create.referralDetailHint')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="presentingProblem"
            label={t('field.presentingProblem')}
            extra={t('create.problemHelp')}
            rules={[{ required: true, whitespace: true, message: t('create.problemRule') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="riskLevel" label={t('field.risk')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={RiskLevel.options.map((r) => ({ value: r, label: label(RISK_LABELS[r]) }))}
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="childAtRisk"
                valuePropName="checked"
                label={t('field.child')}
                extra={t('create.childHelp')}
              >
                <Checkbox>{t('field.childAtRisk')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <h2 className="gz-form-section">{t('create.people')}</h2>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name="supervisorId"
                label={t('field.supervisor')}
                extra={t('create.supervisorHelp')}
                rules={[{ required: true, message: t('create.supervisorRule') }]}
              >
                <StaffPicker />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="intakeOn" label={t('field.intakeOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="nextContactOn" label={t('field.nextContactOn')}>
                <DatePicker style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
            </Col>
          </Row>
          <div className="gz-case-form-actions">
            <Button onClick={() => navigate(-1)}>{t('common:actions.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('create.submit')}
            </Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
