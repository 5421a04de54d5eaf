import {
  DeleteOutlined,
  DownOutlined,
  EditOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  FileExcelOutlined,
  HomeOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Dropdown, Flex, Row, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Person, SensitivePersonField } from '../../../../contracts/people';
import { useSession } from '../../../app/session';
import { useFeedback } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/format';
import { PageHeader, QueryState } from '../../../lib/page-state';
import { personQuery, useAddHouseholdMember, useCreateHousehold } from '../api/people.api';
import { ConsentSection } from '../components/consent-section';
import { EditPersonDialog, StatusDialog } from '../components/edit-dialogs';
import { peopleError } from '../components/people-error';
import { PersonBadges, PersonTags } from '../components/person-badges';
import { usePlaces } from '../components/places';
import { RevealDialog } from '../components/reveal-dialog';
import { EraseDialog, SubjectExportDialog } from '../components/rights-dialogs';
import { VolunteerSection } from '../components/volunteer-section';
import '../components/people.css';

type Clear = { person: Person; purpose: string };

/** The masked person with the clear values of one reveal laid over it (same version only). */
const overlay = (p: Person, clear: Clear | null): Person => {
  if (!clear || clear.person.version !== p.version) return p;
  const c = clear.person;
  const picked = Object.fromEntries(c.revealed.map((f) => [f, c[f]]));
  return { ...p, ...picked, revealed: c.revealed };
};

/** One resident: masked fields, reveal with a stated purpose, corrections, status, household, consent. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  // A new person starts with nothing revealed.
  return <PersonDetail key={id} id={id} />;
}

function PersonDetail(props: { id: string }) {
  const q = useQuery(personQuery(props.id));
  // Clear values live only in this component's state: leaving the page drops them.
  const [clear, setClear] = useState<Clear | null>(null);
  return (
    <QueryState query={q}>
      {(p) => <PersonView person={overlay(p, clear)} clear={clear} setClear={setClear} />}
    </QueryState>
  );
}

function PersonView(props: { person: Person; clear: Clear | null; setClear: (c: Clear | null) => void }) {
  const { t } = useTranslation('people');
  const { can, tenantId } = useSession();
  const { message } = useFeedback();
  const places = usePlaces(tenantId);
  const p = props.person;
  const [dialog, setDialog] = useState<'reveal' | 'edit' | 'export' | 'erase' | null>(null);
  const [statusTo, setStatusTo] = useState<'active' | 'moved_out' | 'deceased' | null>(null);
  const createHousehold = useCreateHousehold();
  const addMember = useAddHouseholdMember();
  const write = can('people.write') && p.status !== 'anonymized';
  const shownClear = p.revealed.length > 0 && props.clear;

  const value = (field: keyof Person, text?: string | null): ReactNode => {
    const v = text !== undefined ? text : (p[field] as string | null);
    if (v === null || v === undefined || v === '') return '—';
    const sensitive = (field as string) in FIELD_SET;
    if (!sensitive) return v;
    const isClear = p.revealed.includes(field as SensitivePersonField);
    return (
      <span className={isClear ? 'gz-value-clear' : 'gz-value-masked'} data-field={field}>
        {v}
      </span>
    );
  };
  const party =
    p.partyMember === null
      ? null
      : p.partyMember === '***'
        ? '***'
        : p.partyMember
          ? t('yesNo.yes')
          : t('yesNo.no');
  const where = places.describe({ ...p, unit: null });

  const startHousehold = async () => {
    try {
      const h = await createHousehold.mutateAsync({
        tenantId: p.tenantId,
        buildingId: p.buildingId,
        unit: p.unit,
        room: p.revealed.includes('room') ? p.room : null,
        addressFree: p.buildingId ? null : p.revealed.includes('addressFree') ? p.addressFree : null,
      });
      await addMember.mutateAsync({ householdId: h.id, personId: p.id, relation: 'head' });
      void message.success(t('person.householdCreated'));
    } catch (e) {
      void message.error(peopleError(e), 5);
    }
  };

  const statusItems = (
    p.status === 'active' ? (['moved_out', 'deceased'] as const) : (['active'] as const)
  ).map((s) => ({
    key: s,
    label: t(`status_change.${s}`),
  }));

  return (
    <>
      <PageHeader
        title={value('name')}
        subtitle={
          <Flex gap={8} align="center" wrap>
            <span>{t(`gender.${p.gender}`)}</span>
            <PersonBadges person={p} showActive />
            <PersonTags tags={p.tags} />
          </Flex>
        }
        extra={
          <>
            {can('people.reveal') && p.status !== 'anonymized' ? (
              <Button type="primary" icon={<EyeOutlined />} onClick={() => setDialog('reveal')}>
                {t('reveal.button')}
              </Button>
            ) : null}
            {write ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('edit.button')}
              </Button>
            ) : null}
            {write ? (
              <Dropdown
                trigger={['click']}
                menu={{ items: statusItems, onClick: (e) => setStatusTo(e.key as typeof statusTo) }}
              >
                <Button>
                  {t('status_change.button')} <DownOutlined />
                </Button>
              </Dropdown>
            ) : null}
            {can('people.reveal') && p.status !== 'anonymized' ? (
              <Button icon={<FileExcelOutlined />} onClick={() => setDialog('export')}>
                {t('rights.export')}
              </Button>
            ) : null}
            {can('people.erase') && p.status !== 'anonymized' ? (
              <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('erase')}>
                {t('rights.erase')}
              </Button>
            ) : null}
          </>
        }
      />
      <Space direction="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
        {shownClear ? (
          <Alert
            type="warning"
            showIcon
            role="status"
            message={t('reveal.logged', { purpose: props.clear!.purpose })}
            description={t('reveal.loggedDetail', {
              fields: p.revealed.map((f) => t(`field.${f}`)).join('、'),
            })}
            action={
              <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => props.setClear(null)}>
                {t('reveal.hide')}
              </Button>
            }
          />
        ) : null}
        {p.minor ? (
          <Alert type="error" showIcon message={t('minor')} description={t('person.minorNotice')} />
        ) : null}
        {p.status !== 'active' ? (
          <Alert
            type="info"
            showIcon
            message={t('person.statusNotice', { status: t(`status.${p.status}`) })}
          />
        ) : null}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="gz-card-title">{t('person.basic')}</h2>}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('field.name')}>{value('name')}</Descriptions.Item>
              <Descriptions.Item label={t('field.gender')}>{t(`gender.${p.gender}`)}</Descriptions.Item>
              <Descriptions.Item label={t('field.idType')}>
                {p.idType ? t(`idType.${p.idType}`) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.idNumber')}>{value('idNumber')}</Descriptions.Item>
              <Descriptions.Item label={t('field.birthDate')}>{value('birthDate')}</Descriptions.Item>
              <Descriptions.Item label={t('field.ageBand')}>{t(`ageBand.${p.ageBand}`)}</Descriptions.Item>
              <Descriptions.Item label={t('field.phone')}>{value('phone')}</Descriptions.Item>
              <Descriptions.Item label={t('field.ethnicity')}>{value('ethnicity')}</Descriptions.Item>
              <Descriptions.Item label={t('field.partyMember')}>
                {value('partyMember', party)}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.disabilityCertNo')}>
                {value('disabilityCertNo')}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.guardian')}>
                {p.guardianId ? <Link to={`/people/${p.guardianId}`}>{t('common:actions.view')}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.updatedAt')}>
                {formatDateTime(p.updatedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.tags')} span={{ xs: 1, sm: 2 }}>
                <PersonTags tags={p.tags} empty />
              </Descriptions.Item>
              <Descriptions.Item label={t('field.notes')} span={{ xs: 1, sm: 2 }}>
                {value('notes')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="gz-card-title">{t('person.address')}</h2>}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('field.place')}>{where ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.unit')}>{p.unit ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.room')}>{value('room')}</Descriptions.Item>
              <Descriptions.Item label={t('field.addressFree')}>{value('addressFree')}</Descriptions.Item>
              <Descriptions.Item label={t('field.household')}>
                {p.householdId ? (
                  <Link to={`/people/households/${p.householdId}`} className="gz-inline-link">
                    <HomeOutlined /> {t('person.openHousehold')}
                  </Link>
                ) : (
                  <span className="gz-muted">{t('person.noHousehold')}</span>
                )}
              </Descriptions.Item>
            </Descriptions>
            {!p.householdId && write && (p.buildingId || p.revealed.includes('addressFree')) ? (
              <Button
                block
                icon={<HomeOutlined />}
                onClick={startHousehold}
                loading={createHousehold.isPending || addMember.isPending}
                style={{ marginTop: 8 }}
              >
                {t('person.createHousehold')}
              </Button>
            ) : null}
          </Card>
          <div style={{ marginTop: 16 }}>
            <ConsentSection person={p} canWrite={write} />
          </div>
          {p.status !== 'anonymized' ? (
            <div style={{ marginTop: 16 }}>
              <VolunteerSection person={p} canWrite={write} />
            </div>
          ) : null}
        </Col>
      </Row>
      <RevealDialog
        person={p}
        open={dialog === 'reveal'}
        onClose={() => setDialog(null)}
        onRevealed={(c, purpose) => props.setClear({ person: c, purpose })}
      />
      {dialog === 'edit' ? <EditPersonDialog person={p} open onClose={() => setDialog(null)} /> : null}
      <StatusDialog person={p} to={statusTo} onClose={() => setStatusTo(null)} />
      <SubjectExportDialog person={p} open={dialog === 'export'} onClose={() => setDialog(null)} />
      <EraseDialog person={p} open={dialog === 'erase'} onClose={() => setDialog(null)} />
    </>
  );
}

const FIELD_SET: Record<string, true> = {
  name: true,
  idNumber: true,
  phone: true,
  birthDate: true,
  room: true,
  addressFree: true,
  partyMember: true,
  disabilityCertNo: true,
  notes: true,
};
