import { createReadStream, rmSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ID_TYPE_LABELS, IMPORT_COLUMNS, type Job, peopleIoRoutes as r } from '../../../contracts/people-io';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { createJobRunner, type JobFile, type JobRow, jobFile, parseSummary } from '../../platform/jobs';
import { registerRoute } from '../../platform/routes';
import { placeDirectory } from '../territory/index';
import * as repo from './people.repository';
import { startExport } from './people-export.service';
import { startImport } from './people-import.service';
import { buildTemplate } from './people-io.sheets';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_UPLOAD = 50 * 1024 * 1024;

const download = (reply: FastifyReply, filename: string) =>
  reply
    .header('content-type', XLSX)
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    );

/** The job's creator, or someone who may register people anywhere in its tenant. */
function authorizeJob(ctx: RequestContext, job: JobRow) {
  const p = ctx.user();
  if (job.created_by && job.created_by === p.userId) return ctx.authorizeSelf();
  return ctx.authorize('people.write', { tenantId: job.tenant_id }, '任务');
}

const toJob = (j: JobRow, file: JobFile): Job => ({
  id: j.id,
  tenantId: j.tenant_id,
  kind: j.kind as Job['kind'],
  status: j.status,
  progress: Number(j.progress),
  total: j.total === null ? null : Number(j.total),
  createdBy: j.created_by || null,
  createdAt: j.created_at,
  finishedAt: j.finished_at,
  summary: parseSummary(j.summary),
  hasFile: file.state === 'ready',
  fileExpiresAt: file.expiresAt,
});

/** Resident import and export as jobs, the import template, and job polling and downloads. */
export async function peopleIoRoutesPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  const jobs = createJobRunner(deps.db, app.log);
  app.addHook('onReady', async () => {
    await jobs.recover();
  });
  app.addHook('onClose', () => jobs.idle());
  // The import's body is the file itself (this plugin's routes only).
  app.addContentTypeParser(
    [XLSX, 'text/csv'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD },
    (_req, body, done) => done(null, body),
  );

  registerRoute(app, r.importTemplate, 'policy', async ({ ctx, query, reply }) => {
    const tenantId = query.tenantId ?? ctx.user().homeTenantId;
    if (!tenantId) throw notFound('街道');
    ctx.authorize('territory.read', { tenantId }, '街道');
    const catalog = await repo.tagCatalog(repo.narrow(deps.db), tenantId);
    const dir = await placeDirectory(deps, tenantId);
    const file = await buildTemplate(
      IMPORT_COLUMNS,
      catalog.filter((t) => t.active === 1).map((t) => t.name),
      Object.keys(ID_TYPE_LABELS),
      dir.communities.find((c) => c.active)?.code ?? '441900003001',
    );
    download(reply, '居民导入模板.xlsx');
    return file;
  });

  registerRoute(app, r.startImport, 'policy', ({ ctx, query, req }) =>
    startImport(deps, jobs, ctx, query.tenantId, req.body, req.headers['content-type']),
  );
  registerRoute(app, r.startExport, 'policy', ({ ctx, body }) => startExport(deps, jobs, ctx, body));

  const loadJob = async (id: string) => {
    const job = await jobs.find(id);
    if (!job) throw notFound('任务');
    return job;
  };
  const fileOf = async (job: JobRow) =>
    jobFile(
      job,
      deps.config.dataDir,
      deps.config.jobFileTtlMs,
      clock.now(),
      job.report_file ? await repo.lastErasure(repo.narrow(deps.db), job.tenant_id) : null,
    );
  registerRoute(app, r.getJob, 'policy', async ({ ctx, params }) => {
    const job = await loadJob(params.id);
    authorizeJob(ctx, job);
    return toJob(job, await fileOf(job));
  });
  registerRoute(app, r.jobFile, 'policy', async ({ ctx, params, reply }) => {
    const job = await loadJob(params.id);
    // An export holds what its creator was allowed to see (and logged): only they download it.
    if (job.kind === 'people_export') {
      if (job.created_by !== ctx.user().userId) authorizeJob(ctx, job);
      if (job.created_by !== ctx.user().userId)
        throw new AppError('platform.forbidden', '只有导出人可以下载');
      ctx.authorizeSelf();
    } else authorizeJob(ctx, job);
    const file = await fileOf(job);
    if (file.state === 'none' || !file.path) throw new AppError('jobs.no_file', '该任务没有可下载的文件');
    if (file.state !== 'ready') {
      // Whatever the daily purge has not deleted yet goes now.
      rmSync(file.path, { force: true });
      throw file.state === 'expired'
        ? new AppError('jobs.file_expired', '文件已过期删除(导出文件和错误报告只保留一段时间),请重新导出')
        : new AppError('jobs.file_removed', '文件已被清除(其中可能有已删除个人信息的居民),请重新导出');
    }
    download(
      reply,
      job.kind === 'people_export'
        ? `居民名单-${job.id.slice(-8)}.xlsx`
        : `导入错误报告-${job.id.slice(-8)}.xlsx`,
    );
    return createReadStream(file.path);
  });
}
