import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Descriptions, Form, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Person, VolunteerAvailability } from '../../../../contracts/people';
import { FormModal } from '../../../lib/form-modal';
import { ErrorState, LoadingState } from '../../../lib/page-state';
import { useSaveVolunteer, volunteerQuery } from '../api/rights.api';

type VolunteerStatus = 'active' | 'paused' | 'left';
interface Values {
  registeredOn: Dayjs;
  skills: string[];
  availability: string[];
  insuranceUntil: Dayjs | null;
  status: VolunteerStatus;
}

/** 志愿者: real-name registration, skills, when they can help, insurance and status. */
export function VolunteerSection(props: { person: Person; canWrite: boolean }) {
  const { t } = useTranslation('people');
  const q = useQuery(volunteerQuery(props.person.id));
  const save = useSaveVolunteer(props.person.id);
  const [open, setOpen] = useState(false);
  const v = q.data;
  const title = <h2 className="gz-card-title">{t('volunteer.title')}</h2>;
  const extra =
    props.canWrite && q.isSuccess ? (
      <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(true)}>
        {v ? t('volunteer.edit') : t('volunteer.register')}
      </Button>
    ) : null;

  return (
    <Card title={title} extra={extra}>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !v ? (
        <span className="gz-muted">{t('volunteer.none')}</span>
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('volunteer.status')}>
            {t(`volunteer.statuses.${v.status}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteer.realName')}>
            {v.realNameVerified ? (
              <Tag color="green" icon={<SafetyCertificateOutlined />}>
                {t('volunteer.realNameYes')}
              </Tag>
            ) : (
              <Tag color="orange">{t('volunteer.realNameNo')}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteer.registeredOn')}>{v.registeredOn}</Descriptions.Item>
          <Descriptions.Item label={t('volunteer.skills')}>
            {v.skills.length ? v.skills.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteer.availability')}>
            {v.availability.length ? v.availability.map((a) => t(`volunteer.slots.${a}`)).join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteer.insuranceUntil')}>
            {v.insuranceUntil ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
      {open ? (
        <FormModal<Values>
          open
          title={v ? t('volunteer.edit') : t('volunteer.register')}
          onClose={() => setOpen(false)}
          initialValues={{
            registeredOn: v ? dayjs(v.registeredOn) : dayjs(),
            skills: v?.skills ?? [],
            availability: v?.availability ?? [],
            insuranceUntil: v?.insuranceUntil ? dayjs(v.insuranceUntil) : null,
            status: v?.status ?? 'active',
          }}
          onSubmit={(f) =>
            save.mutateAsync({
              registeredOn: f.registeredOn.format('YYYY-MM-DD'),
              skills: (f.skills ?? []).map((s) => s.trim()).filter(Boolean),
              availability: (f.availability ?? []) as (typeof VolunteerAvailability.options)[number][],
              insuranceUntil: f.insuranceUntil ? f.insuranceUntil.format('YYYY-MM-DD') : null,
              status: f.status,
              version: v?.version,
            })
          }
        >
          <Form.Item name="registeredOn" label={t('volunteer.registeredOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="skills" label={t('volunteer.skills')} extra={t('volunteer.skillsHint')}>
            <Select mode="tags" open={false} maxCount={20} aria-label={t('volunteer.skills')} />
          </Form.Item>
          <Form.Item name="availability" label={t('volunteer.availability')}>
            <Checkbox.Group
              options={VolunteerAvailability.options.map((a) => ({
                value: a,
                label: t(`volunteer.slots.${a}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="insuranceUntil" label={t('volunteer.insuranceUntil')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label={t('volunteer.status')}>
            <Select
              options={(['active', 'paused', 'left'] as const).map((s) => ({
                value: s,
                label: t(`volunteer.statuses.${s}`),
              }))}
            />
          </Form.Item>
        </FormModal>
      ) : null}
    </Card>
  );
}
