import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Form, Input, InputNumber, Select, Timeline } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../contracts/cases';
import { useSession } from '../../../app/session';
import { FormModal } from '../../../lib/form-modal';
import { formatDateTime } from '../../../lib/format';
import { settingsQuery, useAddMandatoryReport, useAddService } from '../api/cases.api';

interface ServiceValues {
  type: string;
  date: Dayjs;
  durationMin: number;
  notes: string;
  nextContactOn?: Dayjs | null;
}

/** Service records, newest first, and the quick form for a home visit. */
export function ServiceSection(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const f = props.file;
  const [open, setOpen] = useState(false);
  const rows = [...f.services].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <section aria-labelledby="gz-services">
      <div className="gz-case-section-head">
        <h2 className="gz-card-title" id="gz-services">
          {t('service.title')}
        </h2>
        {f.canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('service.add')}
          </Button>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.none')} />
      ) : (
        <ul className="gz-case-list">
          {rows.map((s) => (
            <li key={s.id} className="gz-list-item" data-service={s.type}>
              <div className="gz-case-row-head">
                <strong>{s.typeName}</strong>
                <span className="gz-muted">
                  {s.date} · {t('service.minutes', { count: s.durationMin })}
                </span>
              </div>
              <div className="gz-case-notes">{s.notes}</div>
              <div className="gz-muted gz-small">
                {s.worker?.name ?? '—'}
                {s.nextContactOn ? ` · ${t('service.nextContactOn', { date: s.nextContactOn })}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      {open ? <ServiceDialog file={f} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

/** The quick service-record form (defaults: home visit, today, 60 minutes, next contact in two weeks). */
export function ServiceDialog(props: { file: CaseFile; onClose: () => void }) {
  const { t } = useTranslation('cases');
  const { tenantId } = useSession();
  const settings = useQuery(settingsQuery(props.file.tenantId ?? tenantId));
  const add = useAddService(props.file.id);
  const types = (settings.data?.serviceTypes ?? []).filter((x) => x.active);
  return (
    <FormModal<ServiceValues>
      open
      title={t('service.add')}
      onClose={props.onClose}
      initialValues={{
        type: 'home_visit',
        date: dayjs(),
        durationMin: 60,
        nextContactOn: dayjs().add(14, 'day'),
      }}
      onSubmit={(v) =>
        add.mutateAsync({
          type: v.type,
          date: v.date.format('YYYY-MM-DD'),
          durationMin: v.durationMin,
          notes: v.notes,
          nextContactOn: v.nextContactOn ? v.nextContactOn.format('YYYY-MM-DD') : null,
        })
      }
    >
      <Form.Item
        name="type"
        label={t('service.type')}
        rules={[{ required: true, message: t('rule.required') }]}
      >
        <Select loading={settings.isPending} options={types.map((x) => ({ value: x.code, label: x.name }))} />
      </Form.Item>
      <div className="gz-case-two">
        <Form.Item
          name="date"
          label={t('service.date')}
          rules={[{ required: true, message: t('rule.required') }]}
        >
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item
          name="durationMin"
          label={t('service.duration')}
          rules={[{ required: true, message: t('rule.required') }]}
        >
          <InputNumber min={1} max={1440} step={15} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
      </div>
      <Form.Item
        name="notes"
        label={t('service.notes')}
        extra={t('service.notesHint')}
        rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
      >
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Form.Item name="nextContactOn" label={t('service.nextContact')}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
    </FormModal>
  );
}

interface ReportValues {
  reportedTo: string;
  reportedAt: Dayjs;
  reportedBy: string;
  channel: 'phone' | 'in_person' | 'written' | 'online';
  reference?: string;
}

/** 强制报告: prominent while a child at risk has none; the list of those recorded. */
export function MandatoryReportSection(props: { file: CaseFile; compact?: boolean }) {
  const { t } = useTranslation('cases');
  const f = props.file;
  const add = useAddMandatoryReport(f.id);
  const [open, setOpen] = useState(false);
  const missing = Boolean(f.childAtRisk) && f.mandatoryReports.length === 0;
  if (!f.childAtRisk && f.mandatoryReports.length === 0) return null;
  const button = f.canWrite ? (
    <Button danger={missing} type={missing ? 'primary' : 'default'} onClick={() => setOpen(true)}>
      {t('report.add')}
    </Button>
  ) : null;
  return (
    <>
      {props.compact ? (
        missing ? (
          <Alert
            type="error"
            showIcon
            icon={<WarningOutlined />}
            className="gz-case-banner"
            message={t('report.missing')}
            description={t('report.missingBody')}
            action={button}
          />
        ) : null
      ) : (
        <section aria-labelledby="gz-reports">
          <div className="gz-case-section-head">
            <h2 className="gz-card-title" id="gz-reports">
              {t('report.title')}
            </h2>
            {button}
          </div>
          {missing ? <p className="gz-case-overdue">{t('report.noneYet')}</p> : null}
          <ul className="gz-case-list">
            {f.mandatoryReports.map((r) => (
              <li key={r.id} className="gz-list-item">
                <div className="gz-case-row-head">
                  <strong>{r.reportedTo}</strong>
                  <span className="gz-muted">{formatDateTime(r.reportedAt)}</span>
                </div>
                <div>
                  {t('report.byChannel', { by: r.reportedBy, channel: t(`report.channels.${r.channel}`) })}
                  {r.reference ? ` · ${t('report.ref', { ref: r.reference })}` : ''}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {open ? (
        <FormModal<ReportValues>
          open
          title={t('report.add')}
          onClose={() => setOpen(false)}
          initialValues={{ reportedAt: dayjs(), channel: 'phone' }}
          onSubmit={(v) =>
            add.mutateAsync({
              reportedTo: v.reportedTo,
              reportedAt: v.reportedAt.toISOString(),
              reportedBy: v.reportedBy,
              channel: v.channel,
              reference: v.reference?.trim() || null,
            })
          }
        >
          <Form.Item
            name="reportedTo"
            label={t('report.to')}
            extra={t('report.toHint')}
            rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="reportedAt"
            label={t('report.at')}
            rules={[{ required: true, message: t('rule.required') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="reportedBy"
            label={t('report.by')}
            rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="channel" label={t('report.channel')}>
            <Select
              options={(['phone', 'in_person', 'written', 'online'] as const).map((c) => ({
                value: c,
                label: t(`report.channels.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="reference" label={t('report.reference')}>
            <Input maxLength={100} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}

/** Every event on the case, newest first. */
export function CaseTimeline(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const events = [...props.file.timeline].sort((a, b) => (a.at < b.at ? 1 : -1));
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.none')} />;
  return (
    <Timeline
      className="gz-case-timeline"
      items={events.map((e) => ({
        key: e.id,
        children: (
          <div data-event={e.kind}>
            <div>{e.summary}</div>
            <div className="gz-muted gz-small">
              {formatDateTime(e.at)} · {e.actor?.name ?? t('timeline.system')}
            </div>
          </div>
        ),
      }))}
    />
  );
}
