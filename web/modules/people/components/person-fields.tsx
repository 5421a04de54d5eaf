import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Row, Select, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IdType } from '../../../../contracts/identifiers';
import type { Person } from '../../../../contracts/people';
import { useSession } from '../../../app/session';
import { peopleQuery, tagsQuery } from '../api/people.api';
import { usePlaces } from './places';

/** What the person form holds (dates as dayjs from the DatePicker, tags as codes). */
export interface PersonValues {
  name?: string;
  gender?: Person['gender'];
  birthDate?: { format: (f: string) => string } | null;
  idType?: Person['idType'];
  idNumber?: string;
  phone?: string;
  ethnicity?: string;
  buildingId?: string | null;
  unit?: string;
  room?: string;
  addressFree?: string;
  partyMember?: 'yes' | 'no' | null;
  disabilityCertNo?: string;
  guardianId?: string | null;
  notes?: string;
  tags?: string[];
}

const Section = (props: { title: string }) => <h2 className="gz-form-section">{props.title}</h2>;

/** Picks a resident by name or pinyin initials (names come back masked). */
export function PersonPicker(props: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  exclude?: string;
  ariaLabel?: string;
}) {
  const { t } = useTranslation('people');
  const { tenantId } = useSession();
  const places = usePlaces(tenantId);
  const [term, setTerm] = useState('');
  const q = useInfiniteQuery({
    ...peopleQuery({ tenantId, name: term || undefined }),
    enabled: term.length > 0,
  });
  const options = (q.data?.pages.flatMap((p) => p.items) ?? [])
    .filter((p) => p.id !== props.exclude)
    .map((p) => ({
      value: p.id,
      label: `${p.name} · ${t(`ageBand.${p.ageBand}`)}${places.describe(p) ? ` · ${places.describe(p)}` : ''}`,
    }));
  return (
    <Select
      id={props.id}
      aria-label={props.ariaLabel}
      showSearch
      allowClear
      filterOption={false}
      onSearch={(v) => setTerm(v.trim().slice(0, 20))}
      loading={q.isFetching}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={options}
      placeholder={t('household.personSearch')}
      notFoundContent={term ? undefined : null}
    />
  );
}

/**
 * The person form's fields, for registering and for correcting. When correcting, a masked field is
 * left empty (its masked value is the placeholder): filling it in changes it, leaving it keeps it.
 */
export function PersonFields(props: { person?: Person }) {
  const { t } = useTranslation('people');
  const { tenantId } = useSession();
  const places = usePlaces(tenantId);
  const tags = useQuery(tagsQuery(tenantId));
  const p = props.person;
  const editing = Boolean(p);
  const hint = (field: keyof Person) => {
    const v = p?.[field];
    return p && !p.revealed.includes(field as never) && typeof v === 'string'
      ? t('edit.currentMasked', { value: v })
      : undefined;
  };
  const half = { xs: 24, sm: 12 };
  return (
    <>
      <Section title={t('create.identity')} />
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="name"
            label={t('field.name')}
            rules={
              editing
                ? [{ max: 50 }]
                : [{ required: true, whitespace: true, max: 50, message: t('create.nameRule') }]
            }
          >
            <Input maxLength={50} placeholder={hint('name')} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="gender" label={t('field.gender')}>
            <Select
              options={(['male', 'female', 'unknown'] as const).map((g) => ({
                value: g,
                label: t(`gender.${g}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="idType" label={t('field.idType')}>
            <Select allowClear options={IdType.options.map((x) => ({ value: x, label: t(`idType.${x}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="idNumber"
            label={t('field.idNumber')}
            extra={editing ? undefined : t('create.idNumberHelp')}
          >
            <Input maxLength={40} placeholder={hint('idNumber')} autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="birthDate" label={t('field.birthDate')}>
            <DatePicker style={{ width: '100%' }} placeholder={hint('birthDate') ?? 'YYYY-MM-DD'} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ethnicity" label={t('field.ethnicity')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
      </Row>
      <Section title={t('create.contact')} />
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="phone"
            label={t('field.phone')}
            extra={editing ? undefined : t('create.phoneHelp')}
          >
            <Input maxLength={30} inputMode="tel" placeholder={hint('phone')} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="buildingId" label={t('field.building')}>
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              loading={places.isPending}
              treeData={places.buildingTree}
              placeholder={t('create.buildingPlaceholder')}
              listHeight={300}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="unit" label={t('field.unit')}>
            <Input maxLength={10} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="room" label={t('field.room')}>
            <Input maxLength={20} placeholder={hint('room')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="addressFree" label={t('field.addressFree')} extra={t('create.addressFreeHelp')}>
            <Input maxLength={200} placeholder={hint('addressFree')} />
          </Form.Item>
        </Col>
      </Row>
      <Section title={t('create.other')} />
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="tags" label={t('field.tags')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              loading={tags.isPending}
              options={(tags.data ?? [])
                .filter((x) => x.active)
                .map((x) => ({ value: x.code, label: x.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="partyMember" label={t('field.partyMember')}>
            <Select
              allowClear
              placeholder={hint('partyMember')}
              options={[
                { value: 'yes', label: t('yesNo.yes') },
                { value: 'no', label: t('yesNo.no') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="disabilityCertNo" label={t('field.disabilityCertNo')}>
            <Input maxLength={40} placeholder={hint('disabilityCertNo')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="guardianId" label={t('field.guardian')}>
            <PersonPicker exclude={p?.id} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('field.notes')}>
            <Input.TextArea
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              placeholder={hint('notes')}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

const blank = (s: string | undefined | null) =>
  s === undefined || s === null || s.trim() === '' ? null : s.trim();
const tri = (v: PersonValues['partyMember']) => (v === 'yes' ? true : v === 'no' ? false : null);

/** Form values → the create body (without tenantId). */
export const toCreateBody = (v: PersonValues) => ({
  name: (v.name ?? '').trim(),
  gender: v.gender ?? 'unknown',
  birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
  idType: v.idType ?? null,
  idNumber: blank(v.idNumber),
  phone: blank(v.phone),
  ethnicity: blank(v.ethnicity),
  buildingId: v.buildingId ?? null,
  unit: blank(v.unit),
  room: blank(v.room),
  addressFree: blank(v.addressFree),
  partyMember: tri(v.partyMember),
  disabilityCertNo: blank(v.disabilityCertNo),
  guardianId: v.guardianId ?? null,
  notes: blank(v.notes),
  tags: (v.tags ?? []).map((code) => ({ code, detail: null })),
});

/** The form's starting values for correcting: clear values where the page has them, else empty. */
export const toInitialValues = (
  p: Person,
  dayjsOf: (s: string) => PersonValues['birthDate'],
): PersonValues => {
  const clear = (f: keyof Person) =>
    p.revealed.includes(f as never) ? ((p[f] as string | null) ?? undefined) : undefined;
  const bd = clear('birthDate');
  return {
    name: clear('name'),
    gender: p.gender,
    birthDate: bd ? dayjsOf(bd) : undefined,
    idType: p.idType,
    idNumber: clear('idNumber'),
    phone: clear('phone'),
    ethnicity: p.ethnicity ?? undefined,
    buildingId: p.buildingId,
    unit: p.unit ?? undefined,
    room: clear('room'),
    addressFree: clear('addressFree'),
    partyMember: typeof p.partyMember === 'boolean' ? (p.partyMember ? 'yes' : 'no') : undefined,
    disabilityCertNo: clear('disabilityCertNo'),
    guardianId: p.guardianId,
    notes: clear('notes'),
    tags: p.tags.map((x) => x.code),
  };
};

/** Only what changed goes into the correction (PATCH with the version). */
export function toUpdateBody(p: Person, initial: PersonValues, v: PersonValues) {
  const created = toCreateBody({ ...v, name: v.name ?? '' });
  const before = toCreateBody({ ...initial, name: initial.name ?? '' });
  const body: Record<string, unknown> = {};
  for (const k of Object.keys(created) as (keyof typeof created)[]) {
    if (k === 'tags') continue;
    if (JSON.stringify(created[k]) !== JSON.stringify(before[k])) {
      if (k === 'name' && !created.name) continue;
      body[k] = created[k];
    }
  }
  const codes = v.tags ?? [];
  if (JSON.stringify([...codes].sort()) !== JSON.stringify([...(initial.tags ?? [])].sort())) {
    body.tags = codes.map((code) => ({ code, detail: p.tags.find((x) => x.code === code)?.detail ?? null }));
  }
  // A new ID number is checked against its type: send the type with it.
  if ('idNumber' in body && !('idType' in body)) body.idType = created.idType;
  return body;
}
