import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { PersonCreate } from '../../../contracts/people';
import { ID_TYPE_LABELS, IMPORT_COLUMNS, type ImportColumn } from '../../../contracts/people-io';
import { decide, type Principal } from '../../platform/access';
import { writeAccessMany, writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { type JobHandle, type JobOutcome, type JobRunner, tenantFilesDir } from '../../platform/jobs';
import { UploadFormatError, UploadLimitError } from '../../platform/uploads';
import { findNode, placeDirectory } from '../territory/index';
import { personPlace } from './people.policy';
import * as repo from './people.repository';
import { DUPLICATE_ELSEWHERE, DUPLICATE_PROBE } from './people.service';
import type { PersonRow, PersonTagRow, TagDefinitionRow } from './people.tables';
import { bulkInserter, ReadyRows } from './people-import.store';
import { assertHoldsSomewhere } from './people-io.policy';
import {
  excelSerialDate,
  type FileKind,
  looksLikeXlsx,
  type RowError,
  readRows,
  writeErrorReport,
} from './people-io.sheets';
import { checkTagsIn, identity, newPersonRow, phone } from './person-fields';

type Input = z.output<typeof PersonCreate>;

/** A validated row, ready to insert. */
interface Ready {
  person: PersonRow;
  tags: string[];
}

/** Which column a field error of PersonCreate / identity() / phone() belongs to. */
const COLUMN_OF: Record<string, ImportColumn> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idType: '证件类型',
  idNumber: '证件号码',
  phone: '手机号',
  ethnicity: '民族',
  unit: '单元',
  room: '房号',
  addressFree: '其他地址',
  partyMember: '党员',
  disabilityCertNo: '残疾证号',
  tags: '人群标签',
  notes: '备注',
};
const MAX_LISTED_ERRORS = 20_000;

/** Everything a file is checked against, loaded once per import. */
interface Lookup {
  tenantId: string;
  principal: Principal;
  communities: Map<string, { id: string; active: boolean }>;
  communityName: Map<string, string>;
  compounds: Map<string, { id: string; active: boolean }>;
  buildings: Map<string, { id: string; compoundId: string | null; active: boolean }[]>;
  tagByName: Map<string, TagDefinitionRow>;
  catalog: TagDefinitionRow[];
  now: Date;
}

async function lookupFor(deps: Deps, tenantId: string, principal: Principal): Promise<Lookup> {
  const dir = await placeDirectory(deps, tenantId);
  const catalog = await repo.tagCatalog(repo.narrow(deps.db), tenantId);
  const buildings = new Map<string, { id: string; compoundId: string | null; active: boolean }[]>();
  for (const b of dir.buildings) {
    const key = `${b.communityId}|${b.number}`;
    buildings.set(key, [...(buildings.get(key) ?? []), b]);
  }
  return {
    tenantId,
    principal,
    communities: new Map(dir.communities.map((c) => [c.code, c])),
    communityName: new Map(dir.communities.map((c) => [c.id, c.name])),
    compounds: new Map(dir.compounds.map((k) => [`${k.communityId}|${k.name}`, k])),
    buildings,
    tagByName: new Map(catalog.filter((t) => t.active === 1).map((t) => [t.name, t])),
    catalog,
    now: clock.now(),
  };
}

/** 1980-05-17, 1980/5/17, 1980.5.17, 19800517, 1980年5月17日 or an Excel serial → YYYY-MM-DD. */
export function parseDate(raw: string, numeric: boolean): string | null {
  const s = raw.trim();
  if (numeric && /^\d{1,5}(\.\d+)?$/.test(s)) return excelSerialDate(Number(s));
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || isoDateOf(d) !== iso ? null : iso;
}
const isoDateOf = (d: Date) => d.toISOString().slice(0, 10);

const GENDERS: Record<string, Input['gender']> = { 男: 'male', 女: 'female', 未知: 'unknown' };
const YES_NO: Record<string, boolean> = { 是: true, 否: false, Y: true, N: false };

/** A resident-style number with no type given: its 81/82/83 prefix says which permit it is. */
function guessIdType(idNumber: string): Input['idType'] {
  const s = idNumber.trim();
  if (s.length === 18 && s.startsWith('83')) return 'taiwan_permit';
  if (s.length === 18 && (s.startsWith('81') || s.startsWith('82'))) return 'hk_macao_permit';
  return 'resident_id';
}

/** Community code → compound name → building number, each of which must exist in the tenant. */
function placeOf(
  lk: Lookup,
  cell: (c: ImportColumn) => string | null,
  err: (c: ImportColumn, m: string) => void,
) {
  const code = cell('社区统计代码');
  const compoundName = cell('小区');
  const number = cell('楼栋号');
  if (!code) {
    if (compoundName || number) err('社区统计代码', '填写小区或楼栋号时须填写社区统计代码');
    return { community_id: null, compound_id: null, building_id: null };
  }
  const community = lk.communities.get(code);
  if (!community) return err('社区统计代码', `本街道没有统计代码为 ${code.slice(0, 12)} 的社区`);
  if (!community.active) return err('社区统计代码', '该社区已撤销');
  let compoundId: string | null = null;
  if (compoundName) {
    const k = lk.compounds.get(`${community.id}|${compoundName}`);
    if (!k) return err('小区', '该社区没有这个小区');
    if (!k.active) return err('小区', '该小区已撤销');
    compoundId = k.id;
  }
  if (!number) return { community_id: community.id, compound_id: compoundId, building_id: null };
  const candidates = (lk.buildings.get(`${community.id}|${number}`) ?? []).filter(
    (b) => !compoundName || b.compoundId === compoundId,
  );
  if (candidates.length === 0)
    return err('楼栋号', compoundName ? '该小区没有这个楼栋' : '该社区没有这个楼栋');
  if (candidates.length > 1) return err('楼栋号', '该社区有多个同号楼栋,请填写小区');
  const b = candidates[0]!;
  if (!b.active) return err('楼栋号', '该楼栋已撤销');
  return { community_id: community.id, compound_id: b.compoundId, building_id: b.id };
}

/** Validates one row with the same rules as the registration form; returns the row or its errors. */
function checkRow(
  deps: Deps,
  lk: Lookup,
  cells: (string | null)[],
  col: Map<ImportColumn, number>,
  numeric: Set<number> | undefined,
): { ready: Ready | null; errors: { column: string; message: string }[] } {
  const errors: { column: string; message: string }[] = [];
  const err = (column: string, message: string): undefined => {
    errors.push({ column, message });
  };
  const cell = (c: ImportColumn) => {
    const i = col.get(c);
    const v = i === undefined ? null : cells[i];
    const t = v?.trim();
    return t ? t : null;
  };
  const isNumeric = (c: ImportColumn) => numeric?.has(col.get(c) ?? -1) ?? false;

  const genderText = cell('性别');
  const gender = genderText ? GENDERS[genderText] : 'unknown';
  if (!gender) err('性别', '须为 男 或 女');
  const birthText = cell('出生日期');
  const birthDate = birthText ? parseDate(birthText, isNumeric('出生日期')) : null;
  if (birthText && !birthDate) err('出生日期', '日期格式不正确,应为 1980-05-17');
  const idNumber = cell('证件号码');
  if (idNumber && isNumeric('证件号码') && idNumber.length >= 16)
    err('证件号码', '证件号码被 Excel 存成了数字(末位已丢失),请将该列设为文本后重新填写');
  const idLabel = cell('证件类型');
  const idType = idLabel
    ? ID_TYPE_LABELS[idLabel as keyof typeof ID_TYPE_LABELS]
    : idNumber
      ? guessIdType(idNumber)
      : null;
  if (idLabel && !idType) err('证件类型', `须为 ${Object.keys(ID_TYPE_LABELS).join('/')}`);
  const partyText = cell('党员');
  const partyMember = partyText ? YES_NO[partyText] : null;
  if (partyMember === undefined) err('党员', '须为 是 或 否');
  const tagCodes: string[] = [];
  for (const name of (cell('人群标签') ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
    const t = lk.tagByName.get(name);
    if (!t) err('人群标签', `没有“${name.slice(0, 20)}”这个人群标签`);
    else if (!tagCodes.includes(t.code)) tagCodes.push(t.code);
  }
  const place = placeOf(lk, cell, err);

  const parsed = PersonCreate.safeParse({
    tenantId: lk.tenantId,
    name: cell('姓名') ?? '',
    gender: gender ?? 'unknown',
    birthDate,
    idType: idType ?? null,
    idNumber,
    phone: cell('手机号'),
    ethnicity: cell('民族'),
    unit: cell('单元'),
    room: cell('房号'),
    addressFree: cell('其他地址'),
    partyMember: partyMember ?? null,
    disabilityCertNo: cell('残疾证号'),
    notes: cell('备注'),
    tags: tagCodes.map((code) => ({ code, detail: null })),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = COLUMN_OF[String(issue.path[0])] ?? String(issue.path[0]);
      err(column, column === '姓名' && !cell('姓名') ? '姓名不能为空' : issue.message);
    }
  }
  if (errors.length > 0 || !parsed.success || !place) return { ready: null, errors };
  const input = parsed.data;
  const fields = (() => {
    try {
      checkTagsIn(lk.catalog, input.tags);
      return { ...identity(deps, input, lk.now), ...phone(deps, input.phone) };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const d of e.details ?? []) err(COLUMN_OF[d.path.split('.')[0]!] ?? d.path, d.message);
      return null;
    }
  })();
  if (!fields) return { ready: null, errors };
  if (decide(lk.principal, 'people.write', personPlace({ tenant_id: lk.tenantId, ...place })) !== 'allow') {
    const where = place.building_id ? '楼栋号' : place.community_id ? '社区统计代码' : '社区统计代码';
    return { ready: null, errors: [{ column: where, message: '您无权在该处登记居民' }] };
  }
  const person = newPersonRow(lk.tenantId, input, fields, place, null, lk.now.toISOString());
  return { ready: { person, tags: tagCodes }, errors: [] };
}

/** Maps header cells to columns; a missing 姓名 column means the file is not a resident list. */
function headerMap(cells: (string | null)[]): Map<ImportColumn, number> {
  const col = new Map<ImportColumn, number>();
  cells.forEach((c, i) => {
    const name = (c ?? '').replace(/\s+/g, '').replace(/[*＊]/g, '') as ImportColumn;
    if ((IMPORT_COLUMNS as readonly string[]).includes(name) && !col.has(name)) col.set(name, i);
  });
  return col;
}

const yieldToRequests = () => new Promise<void>((r) => setImmediate(r));

interface Checked {
  ready: ReadyRows;
  errors: RowError[];
  errorCount: number;
  rows: number;
  /** Records outside the caller's reach whose number a row repeated (logged, never shown). */
  probed: string[];
}

/** Reads and checks every row; duplicates by ID hash inside the file and against the registry. */
async function checkFile(
  deps: Deps,
  lk: Lookup,
  file: string,
  kind: FileKind,
  job: JobHandle,
): Promise<Checked> {
  const out: Checked = { ready: new ReadyRows(), errors: [], errorCount: 0, rows: 0, probed: [] };
  const add = (e: RowError) => {
    out.errorCount++;
    if (out.errors.length < MAX_LISTED_ERRORS) out.errors.push(e);
  };
  const rowOfHash = new Map<string, number>();
  let col: Map<ImportColumn, number> | null = null;
  for await (const r of readRows(file, kind)) {
    if (r.cells.every((c) => !c?.trim())) continue;
    if (!col) {
      col = headerMap(r.cells);
      if (!col.has('姓名')) {
        add({ row: r.rowNumber, column: '姓名', message: '第一行须为列名(请使用导入模板),未找到“姓名”列' });
        return out;
      }
      continue;
    }
    out.rows++;
    const { ready, errors } = checkRow(deps, lk, r.cells, col, r.numeric);
    for (const e of errors) add({ row: r.rowNumber, ...e });
    const hash = ready?.person.id_hash;
    if (ready && hash) {
      const first = rowOfHash.get(hash);
      if (first !== undefined) {
        add({ row: r.rowNumber, column: '证件号码', message: `与第 ${first} 行的证件号码重复` });
        continue;
      }
      rowOfHash.set(hash, r.rowNumber);
    }
    // Once any row is bad nothing will be inserted: keep only what duplicate checks need.
    if (out.errorCount > 0) out.ready.clear();
    else if (ready) out.ready.add(ready.person, ready.tags);
    if (out.rows % 2000 === 0) {
      await job.progress(out.rows);
      await yieldToRequests();
    }
  }
  if (!col) add({ row: 1, column: '姓名', message: '文件中没有数据' });
  const hashes = [...rowOfHash.keys()];
  const db = repo.narrow(deps.db);
  for (let i = 0; i < hashes.length; i += 500) {
    const found = await db
      .selectFrom('person')
      .select(['id', 'id_hash', 'tenant_id', 'community_id', 'compound_id', 'building_id'])
      .where('tenant_id', '=', lk.tenantId)
      .where('id_hash', 'in', hashes.slice(i, i + 500))
      .where('status', '!=', 'anonymized')
      .execute();
    // As for one registration (people.service): the record is shown only to who may see it.
    for (const f of found) {
      const row = rowOfHash.get(f.id_hash!)!;
      if (decide(lk.principal, 'people.read', personPlace(f)) === 'allow') {
        const where = (f.community_id && lk.communityName.get(f.community_id)) || '未分社区';
        add({ row, column: '证件号码', message: `该证件号码已在本街道登记(${where},编号 ${f.id})` });
      } else {
        out.probed.push(f.id);
        add({ row, column: '证件号码', message: DUPLICATE_ELSEWHERE });
      }
    }
  }
  out.errors.sort((a, b) => a.row - b.row);
  return out;
}

/** Each record whose number a row repeated outside the caller's reach gets an access-log row. */
async function logProbes(deps: Deps, ctx: RequestContext, job: JobHandle, personIds: string[]) {
  await repo
    .narrow(deps.db)
    .transaction()
    .execute((trx) =>
      writeAccessMany(
        trx,
        ctx,
        personIds.map((subjectId) => ({
          tenantId: job.tenantId,
          subjectKind: 'person',
          subjectId,
          fields: ['idNumber'],
          purpose: `${DUPLICATE_PROBE}(导入任务 ${job.id})`,
        })),
      ),
    );
}

/** All rows in one transaction, in multi-row batches, with one summary audit row. */
async function insertAll(deps: Deps, ctx: RequestContext, tenantId: string, jobId: string, ready: ReadyRows) {
  const now = clock.iso();
  let tagCount = 0;
  await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      const insert = bulkInserter(trx);
      for (const batch of ready.batches()) {
        await insert(
          'person',
          batch.map((r) => r.person as unknown as Record<string, unknown>),
        );
        const tags: PersonTagRow[] = batch.flatMap((r) =>
          r.tags.map((code) => ({
            tenant_id: tenantId,
            id: uuidv7(),
            person_id: r.person.id,
            code,
            detail: null,
            created_at: now,
          })),
        );
        tagCount += tags.length;
        await insert('person_tag', tags as unknown as Record<string, unknown>[]);
      }
      await writeAudit(trx, ctx, {
        tenantId,
        action: 'person.import',
        entity: 'person_import',
        entityId: jobId,
        after: { rows: ready.count, tags: tagCount, perCommunity: ready.perCommunity },
      });
    });
}

/** The import job's body: check everything, then insert all rows or none. */
export async function runImport(
  deps: Deps,
  ctx: RequestContext,
  job: JobHandle,
  upload: string,
  kind: FileKind,
): Promise<JobOutcome> {
  const started = Date.now();
  try {
    const lk = await lookupFor(deps, job.tenantId, ctx.user());
    const checked = await checkFile(deps, lk, upload, kind, job).catch((e: unknown) => {
      // A damaged, foreign or oversized file is the user's to fix, never a crash.
      if (e instanceof UploadFormatError || e instanceof UploadLimitError) return e;
      throw e;
    });
    if (checked instanceof UploadFormatError)
      return { status: 'failed', summary: { message: '文件无法读取,请确认是 xlsx 或 csv 文件' } };
    if (checked instanceof UploadLimitError)
      return {
        status: 'failed',
        summary: {
          message: `文件超出读取上限,没有导入任何一行:${checked.message}`,
          limit: checked.limit,
          row: checked.row,
        },
      };
    if (checked.probed.length > 0) await logProbes(deps, ctx, job, checked.probed);
    const checkedMs = Date.now() - started;
    await job.progress(checked.rows, checked.rows);
    if (checked.errorCount > 0 || checked.rows === 0) {
      const name = `import-errors-${job.id}.xlsx`;
      await writeErrorReport(
        join(tenantFilesDir(deps.config.dataDir, job.tenantId), name),
        checked.errors,
        `共 ${checked.rows} 行,${checked.errorCount} 处问题;没有导入任何一行。请改正后重新导入整个文件。`,
      );
      return {
        status: 'failed',
        reportFile: name,
        summary: {
          message: '文件有错误,没有导入任何一行',
          rows: checked.rows,
          errors: checked.errorCount,
          firstErrors: checked.errors.slice(0, 20),
        },
      };
    }
    await insertAll(deps, ctx, job.tenantId, job.id, checked.ready);
    return {
      status: 'succeeded',
      summary: {
        message: '导入完成',
        rows: checked.rows,
        imported: checked.ready.count,
        checkMs: checkedMs,
        totalMs: Date.now() - started,
      },
    };
  } finally {
    rmSync(upload, { force: true });
  }
}

/**
 * Accepts a resident file and queues its import. The caller must be able to register people
 * somewhere in the tenant; each row is then checked against the caller's rights at its place.
 */
export async function startImport(
  deps: Deps,
  jobs: JobRunner,
  ctx: RequestContext,
  tenantId: string,
  body: unknown,
  contentType: string | undefined,
): Promise<{ jobId: string }> {
  const tenant = await findNode(deps, 'tenant', tenantId);
  if (!tenant) throw new AppError('platform.not_found', '街道不存在或无权查看');
  ctx.authorize('territory.read', { tenantId }, '街道');
  assertHoldsSomewhere(ctx.user(), 'people.write', tenantId);
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('people.import_file_type', '请上传 xlsx 或 csv 文件(请求体为文件本身)');
  const kind: FileKind = looksLikeXlsx(body) ? 'xlsx' : 'csv';
  if (kind === 'csv' && !contentType?.startsWith('text/csv'))
    throw new AppError('people.import_file_type', '文件不是有效的 xlsx');
  const id = uuidv7();
  const upload = join(tenantFilesDir(deps.config.dataDir, tenantId), `upload-${id}.${kind}`);
  writeFileSync(upload, body, { mode: 0o600 });
  const jobId = await jobs.enqueue(ctx, tenantId, 'people_import', (job) =>
    runImport(deps, ctx, job, upload, kind),
  );
  return { jobId };
}
