import type { CreateTableBuilder, Kysely } from 'kysely';
import { bool, tenantFk, tenantTable, timestamps, version } from '../migration-helpers';

/**
 * Red-steward governance: issue categories, standing bodies and their members, issues with their
 * trail, meetings (agenda, attendance, decisions, action items), public notices, and the per-tenant
 * API keys of the Open311 interface.
 */
export async function up(db: Kysely<any>): Promise<void> {
  type T = CreateTableBuilder<any, any>;
  const place = (t: T): T =>
    t
      .addColumn('community_id', 'text')
      .addColumn('compound_id', 'text')
      .addColumn('building_id', 'text')
      .addColumn('place_name', 'text', (c) => c.notNull());
  const placeFks =
    (name: string) =>
    (t: T): T =>
      tenantFk(
        tenantFk(
          tenantFk(t, 'community_id', 'community', `${name}_community_fk`),
          'compound_id',
          'compound',
          `${name}_compound_fk`,
        ),
        'building_id',
        'building',
        `${name}_building_fk`,
      );

  await tenantTable(db, 'gov_category')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('days_building', 'integer', (c) => c.notNull())
    .addColumn('days_compound', 'integer', (c) => c.notNull())
    .addColumn('days_community', 'integer', (c) => c.notNull())
    .$call((t) => bool(t, 'property_service', 0))
    .$call((t) => bool(t, 'active', 1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .$call(timestamps)
    .$call(version)
    .addUniqueConstraint('gov_category_code_uq', ['tenant_id', 'code'])
    .execute();

  await tenantTable(db, 'gov_body')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .$call(place)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .$call(timestamps)
    .$call(version)
    .$call(placeFks('gov_body'))
    .execute();
  await db.schema
    .createIndex('gov_body_owner_idx')
    .on('gov_body')
    .columns(['tenant_id', 'owner_kind', 'owner_id'])
    .execute();

  await tenantTable(db, 'gov_member')
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('position_note', 'text')
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text')
    .addColumn('left_on', 'text')
    .addColumn('left_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'body_id', 'gov_body', 'gov_member_body_fk'))
    .$call((t) => tenantFk(t, 'person_id', 'person', 'gov_member_person_fk'))
    .execute();
  await db.schema
    .createIndex('gov_member_body_idx')
    .on('gov_member')
    .columns(['tenant_id', 'body_id', 'left_on'])
    .execute();

  await tenantTable(db, 'gov_issue')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .$call(place)
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level_deadline_at', 'text')
    .addColumn('reporter_user_id', 'text')
    .addColumn('reporter_name', 'text', (c) => c.notNull())
    .$call((t) => bool(t, 'anonymous', 0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_token', 'text')
    .addColumn('address', 'text')
    .addColumn('duplicate_of', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('assigned_to', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .$call(timestamps)
    .$call(version)
    .$call(placeFks('gov_issue'))
    .$call((t) => tenantFk(t, 'category_id', 'gov_category', 'gov_issue_category_fk'))
    .$call((t) => tenantFk(t, 'duplicate_of', 'gov_issue', 'gov_issue_duplicate_fk'))
    .addUniqueConstraint('gov_issue_number_uq', ['tenant_id', 'number'])
    .execute();
  // The board: newest first within a place, filtered by status.
  for (const col of ['building_id', 'compound_id', 'community_id'])
    await db.schema
      .createIndex(`gov_issue_${col}_idx`)
      .on('gov_issue')
      .columns(['tenant_id', col, 'created_at', 'id'])
      .execute();
  await db.schema
    .createIndex('gov_issue_tenant_idx')
    .on('gov_issue')
    .columns(['tenant_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('gov_issue_reporter_idx')
    .on('gov_issue')
    .columns(['tenant_id', 'reporter_user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('gov_issue_deadline_idx')
    .on('gov_issue')
    .columns(['level_deadline_at'])
    .execute();
  await db.schema
    .createIndex('gov_issue_token_idx')
    .on('gov_issue')
    .columns(['tenant_id', 'source_token'])
    .execute();

  await tenantTable(db, 'gov_issue_event')
    .addColumn('issue_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('from_level', 'text')
    .addColumn('to_level', 'text')
    .addColumn('note', 'text')
    .$call((t) => tenantFk(t, 'issue_id', 'gov_issue', 'gov_issue_event_issue_fk'))
    .execute();
  await db.schema
    .createIndex('gov_issue_event_issue_idx')
    .on('gov_issue_event')
    .columns(['tenant_id', 'issue_id', 'at'])
    .execute();

  await tenantTable(db, 'gov_meeting')
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('materials', 'text')
    .addColumn('minutes', 'text')
    .addColumn('entitled_count', 'integer')
    .addColumn('present_count', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .$call(place)
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'body_id', 'gov_body', 'gov_meeting_body_fk'))
    .$call(placeFks('gov_meeting'))
    .execute();
  await db.schema
    .createIndex('gov_meeting_body_idx')
    .on('gov_meeting')
    .columns(['tenant_id', 'body_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('gov_meeting_tenant_idx')
    .on('gov_meeting')
    .columns(['tenant_id', 'starts_at', 'id'])
    .execute();

  await tenantTable(db, 'gov_agenda_item')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'meeting_id', 'gov_meeting', 'gov_agenda_meeting_fk'))
    .$call((t) => tenantFk(t, 'issue_id', 'gov_issue', 'gov_agenda_issue_fk'))
    .execute();
  await db.schema
    .createIndex('gov_agenda_meeting_idx')
    .on('gov_agenda_item')
    .columns(['tenant_id', 'meeting_id'])
    .execute();

  await tenantTable(db, 'gov_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'meeting_id', 'gov_meeting', 'gov_attendance_meeting_fk'))
    .$call((t) => tenantFk(t, 'person_id', 'person', 'gov_attendance_person_fk'))
    .addUniqueConstraint('gov_attendance_uq', ['tenant_id', 'meeting_id', 'person_id'])
    .execute();

  await tenantTable(db, 'gov_decision')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('agenda_item_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('votes_abstain', 'integer')
    .$call((t) => bool(t, 'adopted', 1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'meeting_id', 'gov_meeting', 'gov_decision_meeting_fk'))
    .$call((t) => tenantFk(t, 'agenda_item_id', 'gov_agenda_item', 'gov_decision_agenda_fk'))
    .execute();
  await db.schema
    .createIndex('gov_decision_meeting_idx')
    .on('gov_decision')
    .columns(['tenant_id', 'meeting_id'])
    .execute();

  await tenantTable(db, 'gov_action_item')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text')
    .addColumn('issue_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'meeting_id', 'gov_meeting', 'gov_action_meeting_fk'))
    .$call((t) => tenantFk(t, 'decision_id', 'gov_decision', 'gov_action_decision_fk'))
    .$call((t) => tenantFk(t, 'issue_id', 'gov_issue', 'gov_action_issue_fk'))
    .execute();
  await db.schema
    .createIndex('gov_action_meeting_idx')
    .on('gov_action_item')
    .columns(['tenant_id', 'meeting_id'])
    .execute();
  await db.schema
    .createIndex('gov_action_issue_idx')
    .on('gov_action_item')
    .columns(['tenant_id', 'issue_id'])
    .execute();

  await tenantTable(db, 'gov_notice')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .$call(place)
    .addColumn('issue_id', 'text')
    .addColumn('meeting_id', 'text')
    .addColumn('visible_from', 'text', (c) => c.notNull())
    .addColumn('visible_until', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(placeFks('gov_notice'))
    .$call((t) => tenantFk(t, 'issue_id', 'gov_issue', 'gov_notice_issue_fk'))
    .$call((t) => tenantFk(t, 'meeting_id', 'gov_meeting', 'gov_notice_meeting_fk'))
    .execute();
  await db.schema
    .createIndex('gov_notice_period_idx')
    .on('gov_notice')
    .columns(['tenant_id', 'visible_until', 'visible_from'])
    .execute();

  await tenantTable(db, 'interop_api_key')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('interop_api_key_hash_idx')
    .on('interop_api_key')
    .column('key_hash')
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'interop_api_key',
    'gov_notice',
    'gov_action_item',
    'gov_decision',
    'gov_attendance',
    'gov_agenda_item',
    'gov_meeting',
    'gov_issue_event',
    'gov_issue',
    'gov_member',
    'gov_body',
    'gov_category',
  ])
    await db.schema.dropTable(t).execute();
}
