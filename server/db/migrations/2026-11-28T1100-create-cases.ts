import type { Kysely } from 'kysely';
import { bool, json, money, tenantFk, tenantTable, timestamps, version } from '../migration-helpers';

/**
 * Case management (萤火虫个案服务中心): cases, their approvals, stage records, mandatory reports,
 * service records, care teams, conferences and action items, funding requests and attachments,
 * the timeline, the per-tenant settings and case-number sequences. Free text about a case is
 * sealed (`*_sealed`); codes and dates stay plain so lists and the overdue view can filter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'case_settings')
    .addColumn('number_pattern', 'text', (c) => c.notNull())
    .$call((t) => json(t, 'service_types'))
    .addColumn('funding_per_request_fen', 'bigint')
    .addColumn('funding_per_case_year_fen', 'bigint')
    .$call((t) => json(t, 'funding_approver_ids'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .$call(version)
    .addUniqueConstraint('case_settings_tenant_uq', ['tenant_id'])
    .execute();

  await tenantTable(db, 'case_number_seq')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addUniqueConstraint('case_number_seq_period_uq', ['tenant_id', 'period'])
    .execute();

  await tenantTable(db, 'case_file')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('household_id', 'text')
    .addColumn('community_id', 'text')
    .addColumn('compound_id', 'text')
    .addColumn('building_id', 'text')
    .addColumn('referral_source', 'text', (c) => c.notNull())
    .addColumn('referral_detail', 'text')
    .addColumn('presenting_sealed', 'text', (c) => c.notNull())
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .$call((t) => bool(t, 'child_at_risk'))
    .$call((t) => bool(t, 'child_case'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('pending', 'text')
    .addColumn('intake_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('worker_id', 'text', (c) => c.notNull())
    .addColumn('supervisor_id', 'text', (c) => c.notNull())
    .addColumn('next_contact_on', 'text')
    .addColumn('created_by', 'text')
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'person_id', 'person', 'case_file_person_fk'))
    .$call((t) => tenantFk(t, 'household_id', 'household', 'case_file_household_fk'))
    .addUniqueConstraint('case_file_number_uq', ['tenant_id', 'number'])
    .execute();
  for (const [name, cols] of [
    ['case_file_stage_idx', ['tenant_id', 'stage', 'id']],
    // Lists reach cases by place, by who works them, or by due date, across tenants.
    ['case_file_community_idx', ['community_id', 'stage']],
    ['case_file_next_contact_idx', ['next_contact_on']],
    ['case_file_worker_idx', ['worker_id']],
    ['case_file_supervisor_idx', ['supervisor_id', 'pending']],
    ['case_file_person_idx', ['tenant_id', 'person_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('case_file')
      .columns([...cols])
      .execute();
  }

  const child = (name: string) =>
    tenantTable(db, name)
      .addColumn('case_id', 'text', (c) => c.notNull())
      .$call((t) => tenantFk(t, 'case_id', 'case_file', `${name}_case_fk`));

  await child('case_approval')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('closure_sealed', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .execute();

  await child('case_record')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .$call((t) => json(t, 'codes'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await child('case_mandatory_report')
    .addColumn('reported_to', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await child('case_service')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('worker_id', 'text')
    .addColumn('notes_sealed', 'text', (c) => c.notNull())
    .addColumn('next_contact_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await child('case_member')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('name', 'text')
    .addColumn('organization', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .$call((t) => tenantFk(t, 'person_id', 'person', 'case_member_person_fk'))
    .execute();

  await child('case_conference')
    .addColumn('held_on', 'text', (c) => c.notNull())
    .$call((t) => json(t, 'internal_ids'))
    .addColumn('external_sealed', 'text', (c) => c.notNull())
    .addColumn('discussion_sealed', 'text', (c) => c.notNull())
    .addColumn('decisions_sealed', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await child('case_action')
    .addColumn('conference_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .$call((t) => tenantFk(t, 'conference_id', 'case_conference', 'case_action_conference_fk'))
    .execute();

  await child('case_funding')
    .$call((t) => money(t, 'amount_fen'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('justification_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('payment_ref', 'text')
    .$call(timestamps)
    .$call(version)
    .execute();

  await child('case_attachment')
    .addColumn('funding_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'funding_id', 'case_funding', 'case_attachment_funding_fk'))
    .execute();

  await child('case_event')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .$call((t) => json(t, 'data'))
    .execute();

  for (const [name, table, cols] of [
    ['case_approval_case_idx', 'case_approval', ['tenant_id', 'case_id', 'status']],
    ['case_record_case_idx', 'case_record', ['tenant_id', 'case_id', 'kind']],
    ['case_report_case_idx', 'case_mandatory_report', ['tenant_id', 'case_id']],
    ['case_service_case_idx', 'case_service', ['tenant_id', 'case_id', 'service_date']],
    ['case_member_case_idx', 'case_member', ['tenant_id', 'case_id']],
    ['case_member_user_idx', 'case_member', ['user_id', 'status', 'case_id']],
    ['case_conference_case_idx', 'case_conference', ['tenant_id', 'case_id']],
    ['case_action_case_idx', 'case_action', ['tenant_id', 'case_id']],
    ['case_action_owner_idx', 'case_action', ['owner_id', 'done_at']],
    ['case_funding_case_idx', 'case_funding', ['tenant_id', 'case_id']],
    ['case_funding_status_idx', 'case_funding', ['tenant_id', 'status']],
    ['case_attachment_funding_idx', 'case_attachment', ['tenant_id', 'funding_id']],
    ['case_event_case_idx', 'case_event', ['tenant_id', 'case_id', 'at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...cols])
      .execute();
  }
}
