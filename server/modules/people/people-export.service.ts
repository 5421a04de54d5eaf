import { rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Person, SensitivePersonField } from '../../../contracts/people';
import { ID_TYPE_LABELS, type PersonExport } from '../../../contracts/people-io';
import { decide, roleHas } from '../../platform/access';
import { writeAccess, writeAccessMany, writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { type JobHandle, type JobOutcome, type JobRunner, tenantFilesDir } from '../../platform/jobs';
import { safeRow } from '../../platform/spreadsheet-cells';
import { findNode, placeDirectory } from '../territory/index';
import { personPlace } from './people.policy';
import { ageBand, presentPerson, shanghaiToday } from './people.present';
import * as repo from './people.repository';
import { searchPeople } from './people.service';
import { assertHoldsSomewhere } from './people-io.policy';

type ExportInput = z.output<typeof PersonExport>;

const PAGE = 1000;
const ID_TYPE_NAME = Object.fromEntries(Object.entries(ID_TYPE_LABELS).map(([k, v]) => [v, k]));
const GENDER_NAME: Record<Person['gender'], string> = { male: '男', female: '女', unknown: '' };
const STATUS_NAME: Record<Person['status'], string> = {
  active: '在册',
  moved_out: '迁出',
  deceased: '去世',
  anonymized: '已匿名',
};
const COLUMNS = [
  ['编号', 38],
  ['姓名', 12],
  ['性别', 6],
  ['年龄段', 8],
  ['出生日期', 12],
  ['证件类型', 14],
  ['证件号码', 22],
  ['手机号', 14],
  ['民族', 8],
  ['社区统计代码', 15],
  ['社区', 14],
  ['小区', 14],
  ['楼栋号', 8],
  ['单元', 6],
  ['房号', 8],
  ['其他地址', 24],
  ['党员', 6],
  ['残疾证号', 20],
  ['人群标签', 20],
  ['备注', 30],
  ['状态', 8],
] as const;

/** The filter's place (community, compound or building), which must lie in the tenant. */
async function filterPlace(deps: Deps, input: ExportInput) {
  const [kind, id] = input.buildingId
    ? (['building', input.buildingId] as const)
    : input.compoundId
      ? (['compound', input.compoundId] as const)
      : input.communityId
        ? (['community', input.communityId] as const)
        : [null, null];
  if (!kind) return null;
  const node = await findNode(deps, kind, id);
  if (!node || node.tenantId !== input.tenantId) throw notFound('地点');
  // Filters naming several places must name the same one (no other place slipped in beside it).
  if (kind !== 'compound' && input.compoundId && input.compoundId !== node.place.compoundId)
    throw invalid('compoundId', '小区与所选楼栋不符');
  if (kind !== 'community' && input.communityId && input.communityId !== node.place.communityId)
    throw invalid('communityId', '社区与所选楼栋或小区不符');
  return node.place;
}

/**
 * Queues an export of the filtered resident list. The caller needs people.export where the
 * filter points (or somewhere in the tenant); revealing fields also needs people.reveal and a purpose.
 */
export async function startExport(deps: Deps, jobs: JobRunner, ctx: RequestContext, input: ExportInput) {
  const tenant = await findNode(deps, 'tenant', input.tenantId);
  if (!tenant) throw notFound('街道');
  ctx.authorize('territory.read', { tenantId: input.tenantId }, '街道');
  const place = await filterPlace(deps, input);
  const perms =
    input.reveal.length > 0 ? (['people.export', 'people.reveal'] as const) : (['people.export'] as const);
  for (const perm of perms) {
    if (place) ctx.authorize(perm, place, '地点');
    else assertHoldsSomewhere(ctx.user(), perm, input.tenantId);
  }
  const jobId = await jobs.enqueue(ctx, input.tenantId, 'people_export', (job) =>
    runExport(deps, ctx, job, input),
  );
  return { jobId };
}

class RevealRefused extends Error {}

/**
 * Streams the list to an xlsx; once the file is complete, writes the audit row, one access-log
 * row for the export and one for each person shown in the clear (so a search of the access log
 * by person finds the export).
 */
export async function runExport(
  deps: Deps,
  ctx: RequestContext,
  job: JobHandle,
  input: ExportInput,
): Promise<JobOutcome> {
  const p = ctx.user();
  // The list is searched with only the grants that carry people.export: the caller's export scope.
  const exporter = new RequestContext(ctx.requestId ?? 'job', ctx.ip ?? '127.0.0.1');
  exporter.principal = { ...p, grants: p.grants.filter((g) => roleHas(g.role, 'people.export')) };
  const reveal = new Set<SensitivePersonField>(input.reveal);
  const dir = await placeDirectory(deps, input.tenantId);
  const community = new Map(dir.communities.map((c) => [c.id, c]));
  const compound = new Map(dir.compounds.map((k) => [k.id, k.name]));
  const building = new Map(dir.buildings.map((b) => [b.id, b.number]));
  const name = `export-${job.id}.xlsx`;
  const file = join(tenantFilesDir(deps.config.dataDir, input.tenantId), name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: true,
  });
  const ws = wb.addWorksheet('居民');
  ws.columns = COLUMNS.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  const today = shanghaiToday(clock.now());
  let rows = 0;
  let minorsMasked = 0;
  /** Everyone whose fields went into the file in the clear: one access-log row each. */
  const shown: string[] = [];
  let cursor: string | undefined;
  const { reveal: _r, purpose: _p, ...filters } = input;
  try {
    do {
      const page = await searchPeople(deps, exporter, { ...filters, cursor, limit: PAGE });
      const people =
        reveal.size > 0 ? await revealed(deps, ctx, page.items, reveal, today, shown) : page.items;
      for (const person of people) {
        if (person.minor && reveal.size > 0) minorsMasked++;
        const c = person.communityId ? community.get(person.communityId) : undefined;
        // Every text cell neutralised: a note or address may start with = + - @.
        ws.addRow(
          safeRow([
            person.id,
            person.name,
            GENDER_NAME[person.gender],
            person.ageBand === 'unknown' ? '' : person.ageBand,
            person.birthDate,
            person.idType ? ID_TYPE_NAME[person.idType] : null,
            person.idNumber,
            person.phone,
            person.ethnicity,
            c?.code ?? null,
            c?.name ?? null,
            person.compoundId ? (compound.get(person.compoundId) ?? null) : null,
            person.buildingId ? (building.get(person.buildingId) ?? null) : null,
            person.unit,
            person.room,
            person.addressFree,
            person.partyMember === null
              ? null
              : person.partyMember === true
                ? '是'
                : person.partyMember === false
                  ? '否'
                  : '***',
            person.disabilityCertNo,
            person.tags.map((t) => t.name).join('、'),
            person.notes,
            STATUS_NAME[person.status],
          ]),
        ).commit();
        rows++;
      }
      cursor = page.nextCursor ?? undefined;
      await job.progress(rows);
    } while (cursor);
    ws.commit();
    await wb.commit();
  } catch (e) {
    rmSync(file, { force: true });
    if (!(e instanceof RevealRefused)) throw e;
    return {
      status: 'failed',
      summary: { message: '导出范围内有您无权查看明文的记录,请缩小范围或不选明文字段' },
    };
  }
  await job.progress(rows, rows);
  const fields = [...reveal].sort();
  await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await writeAccess(trx, ctx, {
        tenantId: input.tenantId,
        subjectKind: 'person_export',
        subjectId: job.id,
        fields,
        purpose: `${input.purpose ?? '导出名单(脱敏)'}(导出 ${rows} 行)`,
      });
      await writeAccessMany(
        trx,
        ctx,
        shown.map((subjectId) => ({
          tenantId: input.tenantId,
          subjectKind: 'person',
          subjectId,
          fields,
          purpose: `${input.purpose}(批量导出,任务 ${job.id})`,
        })),
      );
      await writeAudit(trx, ctx, {
        tenantId: input.tenantId,
        action: 'person.export',
        entity: 'person_export',
        entityId: job.id,
        // The filters by id and code only: a name or phone digits typed as a filter would identify someone.
        after: {
          rows,
          revealed: fields,
          minorsMasked,
          filters: {
            communityId: input.communityId ?? null,
            compoundId: input.compoundId ?? null,
            buildingId: input.buildingId ?? null,
            tag: input.tag ?? null,
            ageBand: input.ageBand ?? null,
            status: input.status,
            byName: !!input.name,
            byPhone: !!input.phoneLast4,
          },
        },
      });
    });
  return {
    status: 'succeeded',
    reportFile: name,
    summary: { message: '导出完成', rows, revealed: fields, minorsMasked },
  };
}

/**
 * The page again with the asked-for fields in the clear. Every row must be revealable by the
 * caller; a child under 14 stays masked (revealing needs the minor permission and a guardian's
 * consent, one person at a time).
 */
async function revealed(
  deps: Deps,
  ctx: RequestContext,
  page: Person[],
  fields: Set<SensitivePersonField>,
  today: string,
  shown: string[],
): Promise<Person[]> {
  if (page.length === 0) return page;
  const p = ctx.user();
  const db = repo.narrow(deps.db);
  const tenantId = page[0]!.tenantId;
  const ids = page.map((x) => x.id);
  const rows = new Map(
    (
      await db
        .selectFrom('person')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute()
    ).map((r) => [r.id, r]),
  );
  const tags = await repo.tagsOf(db, tenantId, ids);
  return page.map((masked) => {
    const row = rows.get(masked.id);
    if (!row) return masked;
    if (decide(p, 'people.reveal', personPlace(row)) !== 'allow') throw new RevealRefused();
    if (ageBand(row.birth_date, today) === '0-13') return masked;
    shown.push(row.id);
    return presentPerson(row, tags.get(row.id) ?? [], {
      revealed: fields,
      crypto: deps.crypto,
      today,
      showSensitiveTags: true,
    });
  });
}

/** Only for the job's creator: an export holds what they were allowed to see, not what others are. */
export function assertMayDownloadExport(ctx: RequestContext, createdBy: string | null) {
  const p = ctx.user();
  if (!createdBy || p.userId !== createdBy) throw new AppError('platform.not_found', '任务不存在或无权查看');
  ctx.authorizeSelf();
}
