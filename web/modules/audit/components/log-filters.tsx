import { useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../../app/session';
import { shanghaiDayEnd, shanghaiDayStart } from '../../../lib/format';
import { usePhone } from '../../../lib/use-phone';
import { actorOptionsQuery } from '../api/audit.api';

/** Filters kept in the URL: text fields, actor and a Beijing-time date range. */
export function useLogParams(textKeys: string[]) {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const text = Object.fromEntries(textKeys.map((k) => [k, params.get(k) || undefined]));
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  return {
    params,
    set,
    query: {
      ...text,
      actorId: params.get('actor') || undefined,
      from: from ? shanghaiDayStart(from) : undefined,
      to: to ? shanghaiDayEnd(to) : undefined,
    },
  };
}

export function LogFilters(props: {
  state: ReturnType<typeof useLogParams>;
  fields: { key: string; label: string }[];
  extra?: ReactNode;
}) {
  const { t } = useTranslation('audit');
  const { tenantId } = useSession();
  const phone = usePhone();
  const actors = useQuery(actorOptionsQuery(tenantId));
  const { params, set } = props.state;
  const from = params.get('from');
  const to = params.get('to');
  const w = phone ? '100%' : 180;
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      {props.fields.map((f) => (
        <Input.Search
          key={f.key}
          aria-label={f.label}
          placeholder={f.label}
          allowClear
          defaultValue={params.get(f.key) ?? ''}
          onSearch={(v) => set({ [f.key]: v.trim() || undefined })}
          style={{ width: w }}
        />
      ))}
      <Select
        aria-label={t('filters.actor')}
        placeholder={t('filters.actor')}
        allowClear
        showSearch
        optionFilterProp="label"
        value={params.get('actor') || undefined}
        loading={actors.isPending}
        onChange={(v) => set({ actor: v })}
        options={(actors.data?.items ?? []).map((u) => ({
          value: u.id,
          label: `${u.displayName} (${u.username})`,
        }))}
        style={{ width: w }}
      />
      <DatePicker.RangePicker
        aria-label={t('filters.dateRange')}
        placeholder={[t('filters.from'), t('filters.to')]}
        value={from && to ? [dayjs(from), dayjs(to)] : null}
        onChange={(v) =>
          set({
            from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        style={{ width: phone ? '100%' : 260 }}
      />
      {props.extra}
    </Flex>
  );
}
