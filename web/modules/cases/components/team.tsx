import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Form, Input, Popconfirm, Radio, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseFile, NEED_LABELS, TEAM_ROLE_LABELS, TeamRole } from '../../../../contracts/cases';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';
import { FormModal } from '../../../lib/form-modal';
import { ErrorState, LoadingState } from '../../../lib/page-state';
import { matchesQuery, useAddMember, useRemoveMember } from '../api/cases.api';
import { useLabel } from '../labels';
import { ResidentPicker, StaffPicker } from './pickers';

type Kind = 'user' | 'person' | 'external';
type Role = (typeof TeamRole.options)[number];
interface MemberValues {
  kind: Kind;
  userId?: string;
  personId?: string;
  name?: string;
  organization?: string;
  role: Role;
}

/** 服务团队: who works the case and in what role; removing keeps the record. */
export function TeamSection(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const { message } = useFeedback();
  const f = props.file;
  const add = useAddMember(f.id);
  const remove = useRemoveMember(f.id);
  const [open, setOpen] = useState(false);
  const members = f.team.filter((m) => m.status !== 'removed');
  const removed = f.team.filter((m) => m.status === 'removed');
  return (
    <section aria-labelledby="gz-team">
      <div className="gz-case-section-head">
        <h2 className="gz-card-title" id="gz-team">
          {t('team.title')}
        </h2>
        {f.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('team.add')}
          </Button>
        ) : null}
      </div>
      {members.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('team.none')} />
      ) : (
        <ul className="gz-case-list">
          {members.map((m) => (
            <li key={m.id} className="gz-list-item" data-member={m.name}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <span>
                  <strong>{m.name}</strong>
                  {m.organization ? <span className="gz-muted"> · {m.organization}</span> : null}
                </span>
                <Flex gap={4} align="center" wrap>
                  <Tag>{label(TEAM_ROLE_LABELS[m.role])}</Tag>
                  {m.status === 'invited' ? <Tag color="blue">{t('team.invited')}</Tag> : null}
                  <Tag>{t(`team.kind.${m.kind}`)}</Tag>
                  {f.canWrite && m.role !== 'lead_worker' ? (
                    <Popconfirm
                      title={t('team.removeConfirm', { name: m.name })}
                      okText={t('team.remove')}
                      cancelText={t('common:actions.cancel')}
                      onConfirm={() =>
                        remove.mutateAsync(m.id).catch((e) => void message.error(errorMessage(e), 5))
                      }
                    >
                      <Button
                        size="small"
                        type="link"
                        danger
                        aria-label={t('team.removeN', { name: m.name })}
                      >
                        {t('team.remove')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Flex>
              </Flex>
            </li>
          ))}
        </ul>
      )}
      {removed.length ? (
        <p className="gz-muted gz-small" style={{ marginTop: 8 }}>
          {t('team.removedList', { names: removed.map((m) => m.name).join('、') })}
        </p>
      ) : null}
      {open ? (
        <FormModal<MemberValues>
          open
          title={t('team.add')}
          onClose={() => setOpen(false)}
          initialValues={{ kind: 'user', role: 'co_worker' }}
          onSubmit={(v) =>
            add.mutateAsync({
              kind: v.kind,
              userId: v.kind === 'user' ? (v.userId ?? null) : null,
              personId: v.kind === 'person' ? (v.personId ?? null) : null,
              name: v.kind === 'external' ? v.name?.trim() || null : null,
              organization: v.kind === 'external' ? v.organization?.trim() || null : null,
              role: v.role,
              invited: false,
            })
          }
        >
          <Form.Item name="kind" label={t('team.kindLabel')}>
            <Radio.Group
              optionType="button"
              options={(['user', 'person', 'external'] as const).map((k) => ({
                value: k,
                label: t(`team.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) =>
              getFieldValue('kind') === 'user' ? (
                <Form.Item
                  name="userId"
                  label={t('team.user')}
                  extra={t('team.userHelp')}
                  rules={[{ required: true, message: t('rule.required') }]}
                >
                  <StaffPicker />
                </Form.Item>
              ) : getFieldValue('kind') === 'person' ? (
                <Form.Item
                  name="personId"
                  label={t('team.person')}
                  extra={t('team.personHelp')}
                  rules={[{ required: true, message: t('rule.required') }]}
                >
                  <ResidentPicker />
                </Form.Item>
              ) : (
                <>
                  <Form.Item
                    name="name"
                    label={t('team.name')}
                    rules={[{ required: true, whitespace: true, message: t('rule.required') }]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item name="organization" label={t('team.organization')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
          <Form.Item
            name="role"
            label={t('team.role')}
            rules={[{ required: true, message: t('rule.required') }]}
          >
            <Select
              options={TeamRole.options
                .filter((r) => r !== 'lead_worker')
                .map((r) => ({ value: r, label: label(TEAM_ROLE_LABELS[r]) }))}
            />
          </Form.Item>
        </FormModal>
      ) : null}
    </section>
  );
}

/** Needs from the assessment, each with the volunteers (and later organizations, funds) that fit. */
export function MatchesSection(props: { file: CaseFile }) {
  const { t } = useTranslation('cases');
  const label = useLabel();
  const { message } = useFeedback();
  const f = props.file;
  const q = useQuery(matchesQuery(f.id));
  const add = useAddMember(f.id);
  const [busy, setBusy] = useState<string | null>(null);
  const invite = async (personId: string, name: string) => {
    setBusy(personId);
    try {
      await add.mutateAsync({
        kind: 'person',
        personId,
        userId: null,
        name: null,
        organization: null,
        role: 'volunteer',
        invited: true,
      });
      void message.success(t('matches.invitedMsg', { name }));
    } catch (e) {
      void message.error(errorMessage(e), 5);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="gz-matches">
      <div className="gz-case-section-head">
        <h2 className="gz-card-title" id="gz-matches">
          {t('matches.title')}
        </h2>
      </div>
      <p className="gz-muted">{t('matches.intro')}</p>
      {q.isPending ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.needs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matches.noNeeds')} />
      ) : (
        q.data.needs.map((n) => (
          <div key={n.domain} className="gz-case-match">
            <h3 className="gz-case-h3">
              {label(NEED_LABELS[n.domain])} <Tag>{t(`level.${n.level}`)}</Tag>
            </h3>
            {n.candidates.length === 0 ? (
              <p className="gz-muted">{t('matches.none')}</p>
            ) : (
              <ul className="gz-case-list">
                {n.candidates.map((c) => (
                  <li key={`${c.kind}-${c.id}`} className="gz-list-item" data-candidate={c.name}>
                    <Flex justify="space-between" align="center" gap={8} wrap>
                      <span>
                        <strong>{c.name}</strong> <Tag>{t(`matches.kind.${c.kind}`)}</Tag>
                      </span>
                      {c.onTeam ? (
                        <Tag color="green">{t('matches.onTeam')}</Tag>
                      ) : f.canWrite && c.kind === 'volunteer' ? (
                        <Button
                          size="small"
                          icon={<UserAddOutlined />}
                          loading={busy === c.id}
                          onClick={() => invite(c.id, c.name)}
                          aria-label={t('matches.inviteN', { name: c.name })}
                        >
                          {t('matches.invite')}
                        </Button>
                      ) : null}
                    </Flex>
                    {c.reasons.length ? <div className="gz-muted gz-small">{c.reasons.join(';')}</div> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))
      )}
    </section>
  );
}
