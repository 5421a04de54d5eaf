import { z } from 'zod';
import { Id, IdParams, IsoDateTime, ref, route } from './common';
import { PersonSearch, SensitivePersonField } from './people';

const TAG = 'people';

/** The import file's columns, in order, as the template and the error report name them. */
export const IMPORT_COLUMNS = [
  '姓名',
  '性别',
  '出生日期',
  '证件类型',
  '证件号码',
  '手机号',
  '民族',
  '社区统计代码',
  '小区',
  '楼栋号',
  '单元',
  '房号',
  '其他地址',
  '党员',
  '残疾证号',
  '人群标签',
  '备注',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** 证件类型 as written in the file ↔ the stored id_type. */
export const ID_TYPE_LABELS = {
  居民身份证: 'resident_id',
  港澳居民居住证: 'hk_macao_permit',
  台湾居民居住证: 'taiwan_permit',
  护照: 'passport',
  外国人永久居留证: 'foreign_permanent',
  其他: 'other',
} as const;

export const JobKind = z.enum(['people_import', 'people_export']);
export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);

/** A long-running piece of work (import, export) and how far it got. */
export const Job = z.object({
  id: Id,
  tenantId: Id,
  kind: JobKind,
  status: JobStatus,
  progress: z.number().int(),
  total: z.number().int().nullable(),
  createdBy: Id.nullable(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** What happened: counts, the first errors, a message. Never personal data. */
  summary: z.record(z.string(), z.unknown()).nullable(),
  /** A file to download from /api/v1/jobs/:id/report (error report or export), still there. */
  hasFile: z.boolean(),
  /** When the file is deleted (JOB_FILE_TTL_HOURS after the job finished; sooner after an erasure). */
  fileExpiresAt: IsoDateTime.nullable(),
});
export type Job = z.infer<typeof Job>;

export const JobAccepted = z.object({ jobId: Id });

export const ImportQuery = z.object({ tenantId: Id });
export const TemplateQuery = z.object({ tenantId: Id.optional() });

/** The people search's filters (no paging), plus which sensitive fields to show in the clear and why. */
export const PersonExport = PersonSearch.omit({ cursor: true, limit: true })
  .extend({
    tenantId: ref('tenant'),
    // The search's place filters, as body fields naming records.
    communityId: ref('community').optional(),
    compoundId: ref('compound').optional(),
    buildingId: ref('building').optional(),
    reveal: z.array(SensitivePersonField).max(20).default([]),
    purpose: z.string().trim().min(1).max(200).optional(),
  })
  .refine((v) => v.reveal.length === 0 || !!v.purpose, {
    path: ['purpose'],
    message: '导出明文须说明用途',
  });

/** A binary download (xlsx); the body is the file itself. */
export const FileDownload = z.any().describe('xlsx 文件');

export const peopleIoRoutes = {
  importTemplate: route({
    method: 'GET',
    path: '/api/v1/people/import-template',
    tag: TAG,
    summary: '下载居民导入模板 (xlsx)',
    query: TemplateQuery,
    response: FileDownload,
  }),
  startImport: route({
    method: 'POST',
    path: '/api/v1/people/imports',
    tag: TAG,
    summary: '导入居民:请求体为 xlsx 或 csv 文件本身,作为任务运行(全部成功或全部不导入)',
    query: ImportQuery,
    response: JobAccepted,
    status: 202,
  }),
  startExport: route({
    method: 'POST',
    path: '/api/v1/people/exports',
    tag: TAG,
    summary: '导出居民名单 (xlsx,默认脱敏;明文须权限与用途,记入访问日志)',
    body: PersonExport,
    response: JobAccepted,
    status: 202,
  }),
  getJob: route({
    method: 'GET',
    path: '/api/v1/jobs/:id',
    tag: TAG,
    summary: '任务状态与进度',
    params: IdParams,
    response: Job,
  }),
  jobFile: route({
    method: 'GET',
    path: '/api/v1/jobs/:id/report',
    tag: TAG,
    summary: '下载任务文件(错误报告或导出文件)',
    params: IdParams,
    response: FileDownload,
  }),
} as const;
