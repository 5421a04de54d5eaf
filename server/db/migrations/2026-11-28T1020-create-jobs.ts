import type { Kysely } from 'kysely';
import { tenantTable } from '../migration-helpers';

/**
 * Long-running work (imports, exports) as jobs: status and progress live here so that any
 * request can poll them; files they produce sit under DATA_DIR/files/<tenant_id>/.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'job')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('report_file', 'text')
    .execute();
  await db.schema.createIndex('job_status_idx').on('job').columns(['status']).execute();
}
