import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import { clock } from './clock';
import type { Actor } from './context';
import { uuidv7 } from './ids';

/**
 * Long work (imports, exports) runs as a job in this process after the request returns
 * (DESIGN.md §4). Status and progress are rows in `job`, so any request can poll them. Jobs run
 * one at a time per app: a 100,000-row import holds a few hundred MB, and two at once would not
 * fit the memory bar; later jobs wait as `queued`.
 */
export interface JobRow {
  tenant_id: string;
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
  summary: string | null;
  report_file: string | null;
}

export interface JobOutcome {
  status: 'succeeded' | 'failed';
  /** Counts and messages only: never personal data. */
  summary: Record<string, unknown>;
  /** A file under the tenant's files directory (error report or export), by name. */
  reportFile?: string | null;
}

export interface JobHandle {
  id: string;
  tenantId: string;
  /** Records how far the job got; written at most a few times a second. */
  progress(done: number, total?: number | null): Promise<void>;
}

export type JobWork = (job: JobHandle) => Promise<JobOutcome>;

type JobDb = Kysely<{ job: JobRow }>;

/** Where a tenant's files live: DATA_DIR/files/<tenant_id>/ (never under the web root). */
export function tenantFilesDir(dataDir: string, tenantId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error('bad tenant id for a files directory');
  const dir = join(dataDir, 'files', tenantId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const parseSummary = (s: unknown): Record<string, unknown> | null =>
  s === null || s === undefined
    ? null
    : typeof s === 'string'
      ? JSON.parse(s)
      : (s as Record<string, unknown>);

/**
 * A job's file (an export holds people's data, an error report quotes the upload) lives only as
 * long as it must: `ttlMs` after the job finished (JOB_FILE_TTL_HOURS, default 24 h), and never
 * past an erasure in its tenant (`voidBefore`: a file of a job started before the last erasure
 * may hold the erased person). `state` says whether it may still be served.
 */
export interface JobFile {
  path: string | null;
  expiresAt: string | null;
  state: 'none' | 'ready' | 'expired' | 'removed';
}

export function jobFile(
  job: JobRow,
  dataDir: string,
  ttlMs: number,
  now: Date,
  voidBefore: string | null = null,
): JobFile {
  if (!job.report_file) return { path: null, expiresAt: null, state: 'none' };
  const path = join(tenantFilesDir(dataDir, job.tenant_id), basename(job.report_file));
  const expiresAt = job.finished_at ? new Date(Date.parse(job.finished_at) + ttlMs).toISOString() : null;
  if (expiresAt && expiresAt <= now.toISOString()) return { path, expiresAt, state: 'expired' };
  if ((voidBefore && job.created_at < voidBefore) || !existsSync(path))
    return { path, expiresAt, state: 'removed' };
  return { path, expiresAt, state: 'ready' };
}

/**
 * Deletes the files of a tenant's jobs finished before `finishedBefore` (expired) or created
 * before `createdBefore` (an erasure happened since). The rows stay, so a download says why the
 * file is gone. Returns how many files were deleted.
 */
export async function removeJobFiles(
  anyDb: Kysely<any>,
  dataDir: string,
  tenantId: string,
  opts: { finishedBefore?: string | null; createdBefore?: string | null },
): Promise<number> {
  if (!opts.finishedBefore && !opts.createdBefore) return 0;
  const db = anyDb as unknown as JobDb;
  const rows = await db
    .selectFrom('job')
    .select(['tenant_id', 'report_file'])
    .where('tenant_id', '=', tenantId)
    .where('report_file', 'is not', null)
    .where((eb) =>
      eb.or([
        ...(opts.finishedBefore ? [eb('finished_at', '<', opts.finishedBefore)] : []),
        ...(opts.createdBefore ? [eb('created_at', '<', opts.createdBefore)] : []),
      ]),
    )
    .execute();
  let removed = 0;
  for (const r of rows) {
    const path = join(tenantFilesDir(dataDir, r.tenant_id), basename(r.report_file!));
    if (!existsSync(path)) continue;
    rmSync(path, { force: true });
    removed++;
  }
  return removed;
}

export interface JobRunner {
  /** Records a queued job and runs `work` after the current request, in turn with other jobs. */
  enqueue(actor: Actor, tenantId: string, kind: string, work: JobWork): Promise<string>;
  find(id: string): Promise<JobRow | undefined>;
  /** Resolves when every queued job has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Marks jobs a previous process left unfinished as failed (they cannot resume). */
  recover(): Promise<number>;
}

export function createJobRunner(
  anyDb: Kysely<any>,
  log: { error: (o: object, msg: string) => void },
): JobRunner {
  const db = anyDb as unknown as JobDb;
  let tail: Promise<void> = Promise.resolve();

  const finish = (id: string, o: JobOutcome) =>
    db
      .updateTable('job')
      .set({
        status: o.status,
        finished_at: clock.iso(),
        summary: JSON.stringify(o.summary),
        report_file: o.reportFile ?? null,
      })
      .where('id', '=', id)
      .execute();

  async function run(id: string, tenantId: string, work: JobWork) {
    let last = 0;
    const handle: JobHandle = {
      id,
      tenantId,
      async progress(done, total) {
        const now = Date.now();
        if (now - last < 250 && total === undefined) return;
        last = now;
        await db
          .updateTable('job')
          .set({ progress: done, ...(total !== undefined ? { total } : {}) })
          .where('id', '=', id)
          .execute();
      },
    };
    try {
      await db.updateTable('job').set({ status: 'running' }).where('id', '=', id).execute();
      await finish(id, await work(handle));
    } catch (err) {
      log.error({ err, jobId: id }, 'job failed');
      await finish(id, { status: 'failed', summary: { message: '任务执行出错,请重试或联系管理员' } }).catch(
        () => {},
      );
    }
  }

  return {
    async enqueue(actor, tenantId, kind, work) {
      const id = uuidv7();
      await db
        .insertInto('job')
        .values({
          tenant_id: tenantId,
          id,
          kind,
          status: 'queued',
          progress: 0,
          total: null,
          created_by: actor.userId,
          created_at: clock.iso(),
          finished_at: null,
          summary: null,
          report_file: null,
        })
        .execute();
      // setImmediate: the 202 goes out before the work takes the event loop.
      tail = tail.then(() => new Promise<void>((r) => setImmediate(() => run(id, tenantId, work).then(r))));
      return id;
    },
    find: (id) => db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst(),
    idle: async () => {
      let seen: Promise<void> | null = null;
      while (seen !== tail) {
        seen = tail;
        await seen;
      }
    },
    async recover() {
      const r = await db
        .updateTable('job')
        .set({
          status: 'failed',
          finished_at: clock.iso(),
          summary: JSON.stringify({ message: '服务重启,任务中断,请重新提交' }),
        })
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
