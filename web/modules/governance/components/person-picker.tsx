import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleRoutes } from '../../../../contracts/people';
import { api } from '../../../lib/api';

/** Picks residents of the tenant by name or pinyin initials (masked names, as the server sends them). */
export function PersonPicker(props: {
  tenantId: string | undefined;
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  id?: string;
  extra?: { value: string; label: string }[];
}) {
  const { t } = useTranslation('governance');
  const [term, setTerm] = useState('');
  const q = useQuery({
    queryKey: ['governance', 'person-picker', props.tenantId, term],
    queryFn: ({ signal }) =>
      api(peopleRoutes.search, { query: { tenantId: props.tenantId, name: term, limit: 20 } }, signal),
    enabled: !!props.tenantId && term.length > 0,
  });
  const options = [
    ...(props.extra ?? []),
    ...(q.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.room ? ` ${p.room}` : ''}` })),
  ];
  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      showSearch
      filterOption={false}
      placeholder={t('bodies.personSearch')}
      onSearch={(v) => setTerm(v.trim())}
      loading={q.isFetching}
      value={props.value}
      onChange={props.onChange}
      options={options.filter((o, i) => options.findIndex((x) => x.value === o.value) === i)}
    />
  );
}
