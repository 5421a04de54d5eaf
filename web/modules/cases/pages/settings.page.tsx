import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { caseRoutes } from '../../../../contracts/cases';
import type { ResponseOf } from '../../../../contracts/common';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { PageHeader, QueryState } from '../../../lib/page-state';
import { settingsQuery, userNameQuery, useSaveSettings } from '../api/cases.api';
import { StaffPicker } from '../components/pickers';
import { fenToYuan, yuanToFen } from '../labels';
import '../components/cases.css';

type Settings = ResponseOf<typeof caseRoutes.settings>;

interface Values {
  numberPattern: string;
  serviceTypes: { code: string; name: string; active: boolean }[];
  perRequest: string;
  perCaseYear: string;
  approverIds: string[];
}

/** 个案设置: case-number pattern, service types, funding ceilings and approvers. */
export function CaseSettingsPage() {
  const { t } = useTranslation('cases');
  const { tenantId } = useSession();
  const q = useQuery(settingsQuery(tenantId));
  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <QueryState query={q}>
        {(s) => <SettingsForm key={`${s.tenantId}-${s.version}`} settings={s} />}
      </QueryState>
    </>
  );
}

function SettingsForm(props: { settings: Settings }) {
  const { t } = useTranslation('cases');
  const { message } = useFeedback();
  const save = useSaveSettings();
  const [form] = Form.useForm<Values>();
  const s = props.settings;
  const names = useQueries({ queries: s.fundingApproverIds.map((id) => userNameQuery(id)) });
  const known = names.flatMap((n) =>
    n.data ? [{ id: n.data.id, name: `${n.data.displayName}(${n.data.username})` }] : [],
  );
  const money = (optional: true) => [
    {
      validator: async (_: unknown, v: string | undefined) => {
        if (optional && !v?.trim()) return;
        const fen = yuanToFen(v ?? '');
        if (fen === null || fen < 1) throw new Error(t('funding.amountRule'));
      },
    },
  ];
  const submit = async (v: Values) => {
    try {
      await save.mutateAsync({
        tenantId: s.tenantId,
        numberPattern: v.numberPattern,
        serviceTypes: v.serviceTypes.map((x) => ({
          code: x.code.trim(),
          name: x.name.trim(),
          active: x.active,
        })),
        fundingPerRequestFen: v.perRequest?.trim() ? yuanToFen(v.perRequest) : null,
        fundingPerCaseYearFen: v.perCaseYear?.trim() ? yuanToFen(v.perCaseYear) : null,
        fundingApproverIds: v.approverIds ?? [],
        version: s.version,
      });
      void message.success(t('common:state.saved'));
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
    }
  };
  return (
    <Card className="gz-case-form">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          numberPattern: s.numberPattern,
          serviceTypes: s.serviceTypes,
          perRequest: fenToYuan(s.fundingPerRequestFen),
          perCaseYear: fenToYuan(s.fundingPerCaseYearFen),
          approverIds: s.fundingApproverIds,
        }}
      >
        <h2 className="gz-form-section">{t('settings.numbering')}</h2>
        <Form.Item
          name="numberPattern"
          label={t('settings.numberPattern')}
          extra={t('settings.numberPatternHelp')}
          rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
        >
          <Input maxLength={40} spellCheck={false} />
        </Form.Item>
        <h2 className="gz-form-section">{t('settings.serviceTypes')}</h2>
        <Form.List name="serviceTypes">
          {(fields, ops) => (
            <>
              {fields.map((field, i) => (
                <Row key={field.key} gutter={8} align="top" wrap={false}>
                  <Col flex="2">
                    <Form.Item
                      name={[field.name, 'code']}
                      rules={[
                        {
                          required: true,
                          pattern: /^[a-z][a-z0-9_]{1,31}$/,
                          message: t('settings.codeRule'),
                        },
                      ]}
                    >
                      <Input
                        aria-label={t('settings.codeN', { n: i + 1 })}
                        placeholder={t('settings.code')}
                        spellCheck={false}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="3">
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true, max: 20, message: t('rule.required') }]}
                    >
                      <Input
                        aria-label={t('settings.nameN', { n: i + 1 })}
                        placeholder={t('settings.name')}
                        maxLength={20}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Form.Item name={[field.name, 'active']} valuePropName="checked">
                      <Switch aria-label={t('settings.activeN', { n: i + 1 })} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('settings.removeN', { n: i + 1 })}
                      onClick={() => ops.remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => ops.add({ code: '', name: '', active: true })}
                style={{ marginBottom: 16 }}
              >
                {t('settings.addType')}
              </Button>
            </>
          )}
        </Form.List>
        <h2 className="gz-form-section">{t('settings.funding')}</h2>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="perRequest"
              label={t('settings.perRequest')}
              extra={t('settings.noCeiling')}
              rules={money(true)}
            >
              <Input prefix="¥" inputMode="decimal" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="perCaseYear"
              label={t('settings.perCaseYear')}
              extra={t('settings.noCeiling')}
              rules={money(true)}
            >
              <Input prefix="¥" inputMode="decimal" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="approverIds" label={t('settings.approvers')} extra={t('settings.approversHelp')}>
          <StaffPicker mode="multiple" known={known} />
        </Form.Item>
        <div className="gz-case-form-actions">
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
