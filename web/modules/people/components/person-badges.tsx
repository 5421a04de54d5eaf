import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../contracts/people';

const STATUS_COLOR: Record<Person['status'], string | undefined> = {
  active: 'green',
  moved_out: undefined,
  deceased: undefined,
  anonymized: undefined,
};

/** Age band, the under-14 mark, and the status when it is not 在册. */
export function PersonBadges(props: {
  person: Pick<Person, 'ageBand' | 'minor' | 'status'>;
  showActive?: boolean;
}) {
  const { t } = useTranslation('people');
  const p = props.person;
  return (
    <Space size={4} wrap>
      <Tag color="blue">{t(`ageBand.${p.ageBand}`)}</Tag>
      {p.minor ? <Tag color="red">{t('minor')}</Tag> : null}
      {p.status !== 'active' || props.showActive ? (
        <Tag color={STATUS_COLOR[p.status]}>{t(`status.${p.status}`)}</Tag>
      ) : null}
    </Space>
  );
}

/** Vulnerable-group tags with their details (e.g. 残疾人 · 肢体 二级). */
export function PersonTags(props: { tags: Person['tags']; empty?: boolean }) {
  const { t } = useTranslation('people');
  if (!props.tags.length) return props.empty ? <span className="gz-muted">{t('person.noTags')}</span> : null;
  return (
    <Space size={4} wrap>
      {props.tags.map((g) => (
        <Tag key={g.code} color="volcano">
          {g.name}
          {g.detail && Object.keys(g.detail).length ? ` · ${Object.values(g.detail).join(' ')}` : ''}
        </Tag>
      ))}
    </Space>
  );
}
