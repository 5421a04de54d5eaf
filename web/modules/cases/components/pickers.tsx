import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../contracts/people';
import { useSession } from '../../../app/session';
import { residentsQuery, staffQuery } from '../api/cases.api';

/** Picks a staff member (user) by name or username. */
export function StaffPicker(props: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  /** Names already known for ids (shown before a search loads them). */
  known?: { id: string; name: string }[];
  mode?: 'multiple';
}) {
  const { t } = useTranslation('cases');
  const { tenantId } = useSession();
  const [term, setTerm] = useState('');
  const q = useQuery(staffQuery(tenantId, term));
  const options = new Map<string, string>();
  for (const k of props.known ?? []) options.set(k.id, k.name);
  for (const u of q.data?.items ?? []) options.set(u.id, `${u.displayName}(${u.username})`);
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      mode={props.mode}
      showSearch
      allowClear
      filterOption={false}
      onSearch={(v) => setTerm(v.trim().slice(0, 40))}
      loading={q.isFetching}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.((v as string | null) ?? null)}
      options={[...options].map(([value, label]) => ({ value, label }))}
      placeholder={props.placeholder ?? t('picker.staff')}
    />
  );
}

/** Picks a resident by name or pinyin initials (names come back masked). */
export function ResidentPicker(props: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  onPick?: (p: Person | null) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation('cases');
  const { tenantId } = useSession();
  const [term, setTerm] = useState('');
  const q = useQuery(residentsQuery(tenantId, term));
  const items = q.data?.items ?? [];
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      showSearch
      allowClear
      filterOption={false}
      onSearch={(v) => setTerm(v.trim().slice(0, 20))}
      loading={q.isFetching}
      value={props.value ?? undefined}
      onChange={(v) => {
        props.onChange?.(v ?? null);
        props.onPick?.(items.find((p) => p.id === v) ?? null);
      }}
      options={items.map((p) => ({
        value: p.id,
        label: `${p.name} · ${t(`people:ageBand.${p.ageBand}`)}${p.householdId ? '' : ` · ${t('picker.noHousehold')}`}`,
      }))}
      placeholder={t('picker.resident')}
      notFoundContent={term ? undefined : null}
    />
  );
}
