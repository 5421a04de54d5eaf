import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { FundingDecision, FundingInput } from '../../../contracts/cases';
import { decide } from '../../platform/access';
import { writeAccess, writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { tenantFilesDir } from '../../platform/jobs';
import { addEvent, loadCase } from './case-common';
import { presentFunding } from './case-file.present';
import { namesFor } from './case-present';
import { settingsOf } from './case-settings.service';
import { casePlace } from './cases.policy';
import * as repo from './cases.repository';
import type { CaseFileRow, CaseFundingRow } from './cases.tables';

export const MAX_ATTACHMENT = 5 * 1024 * 1024;
const MAX_ATTACHMENTS = 10;
/** Accepted types and the bytes their files start with (the header alone is not trusted). */
const MAGIC: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};
export const ATTACHMENT_TYPES = Object.keys(MAGIC);

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;

async function view(deps: Deps, f: CaseFundingRow, c: CaseFileRow) {
  const db = repo.narrow(deps.db);
  const attachments = await db
    .selectFrom('case_attachment')
    .selectAll()
    .where('tenant_id', '=', f.tenant_id)
    .where('funding_id', '=', f.id)
    .orderBy('uploaded_at')
    .execute();
  const names = await namesFor(deps, [], [f.requested_by, f.decided_by]);
  return presentFunding(deps, f, c.number, attachments, names);
}

/** 资金资助申请: checked against the tenant's ceilings per request and per case per calendar year. */
export async function requestFunding(
  deps: Deps,
  ctx: RequestContext,
  caseId: string,
  input: z.output<typeof FundingInput>,
) {
  const { row: c } = await loadCase(deps, ctx, caseId, 'write');
  if (['closed', 'not_opened', 'referred_out'].includes(c.stage))
    throw new AppError('cases.record_wrong_stage', '个案已结束,不能再申请资助');
  const settings = await settingsOf(deps, c.tenant_id);
  if (settings.fundingPerRequestFen !== null && input.amountFen > settings.fundingPerRequestFen)
    throw invalid('amountFen', `超过单笔资助上限 ${yuan(settings.fundingPerRequestFen)}`);
  const db = repo.narrow(deps.db);
  const year = clock.iso().slice(0, 4);
  if (settings.fundingPerCaseYearFen !== null) {
    const used = await db
      .selectFrom('case_funding')
      .select((eb) => eb.fn.sum<string | number>('amount_fen').as('total'))
      .where('tenant_id', '=', c.tenant_id)
      .where('case_id', '=', c.id)
      .where('status', 'in', ['submitted', 'approved', 'paid'])
      .where('requested_at', '>=', `${year}-01-01`)
      .executeTakeFirst();
    const total = Number(used?.total ?? 0);
    if (total + input.amountFen > settings.fundingPerCaseYearFen)
      throw invalid(
        'amountFen',
        `本年度该个案已申请 ${yuan(total)},加上本次将超过年度上限 ${yuan(settings.fundingPerCaseYearFen)}`,
      );
  }
  const now = clock.iso();
  const row: CaseFundingRow = {
    tenant_id: c.tenant_id,
    id: uuidv7(),
    case_id: c.id,
    amount_fen: input.amountFen,
    purpose: input.purpose,
    justification_sealed: deps.crypto.seal(input.justification),
    status: 'submitted',
    requested_by: ctx.userId,
    requested_at: now,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    payment_ref: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('case_funding').values(row).execute();
    await addEvent(trx, ctx, c, 'funding_requested', `申请资助 ${yuan(input.amountFen)}:${input.purpose}`, {
      fundingId: row.id,
      amountFen: input.amountFen,
    });
    await writeAudit(trx, ctx, {
      tenantId: c.tenant_id,
      action: 'case.funding_request',
      entity: 'case_funding',
      entityId: row.id,
      after: { caseId: c.id, amountFen: input.amountFen, purpose: input.purpose },
    });
  });
  return view(deps, row, c);
}

async function loadFunding(deps: Deps, id: string) {
  const f = await repo
    .narrow(deps.db)
    .selectFrom('case_funding')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) throw notFound('资助申请');
  return f;
}

async function attachmentCount(db: ReturnType<typeof repo.narrow>, f: CaseFundingRow): Promise<number> {
  const count = await db
    .selectFrom('case_attachment')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', f.tenant_id)
    .where('funding_id', '=', f.id)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

/** An attachment (receipt, quotation, certificate): PDF, JPEG or PNG up to 5 MB, sealed on disk. */
export async function addAttachment(
  deps: Deps,
  ctx: RequestContext,
  fundingId: string,
  name: string,
  contentType: string | undefined,
  body: unknown,
) {
  const f = await loadFunding(deps, fundingId);
  const { row: c } = await loadCase(deps, ctx, f.case_id, 'write');
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!MAGIC[type]) throw new AppError('cases.attachment_type', '附件须为 PDF、JPEG 或 PNG 文件');
  if (!Buffer.isBuffer(body) || body.length === 0) throw invalid('body', '附件为空');
  if (!MAGIC[type]!.every((b, i) => body[i] === b))
    throw new AppError('cases.attachment_type', '文件内容与类型不符(须为 PDF、JPEG 或 PNG)');
  if (f.status !== 'submitted') throw new AppError('cases.funding_decided', '申请已审批,不能再添加附件');
  const db = repo.narrow(deps.db);
  const tooMany = () => invalid('body', `每份申请最多 ${MAX_ATTACHMENTS} 个附件`);
  if ((await attachmentCount(db, f)) >= MAX_ATTACHMENTS) throw tooMany();
  const id = uuidv7();
  const fileName = `case-attachment-${id}.sealed`;
  const path = join(tenantFilesDir(deps.config.dataDir, f.tenant_id), fileName);
  await writeFile(path, deps.crypto.seal(body.toString('base64')), { mode: 0o600 });
  try {
    await db.transaction().execute(async (trx) => {
      // The limit holds under concurrent uploads (issue 9 §9): the first statement writes the
      // request's row, which PostgreSQL locks until commit (SQLite runs one writing transaction
      // at a time anyway), so the count below sees every attachment committed before ours.
      const locked = await trx
        .updateTable('case_funding')
        .set({ updated_at: clock.iso() })
        .where('tenant_id', '=', f.tenant_id)
        .where('id', '=', f.id)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      if (Number(locked.numUpdatedRows) !== 1)
        throw new AppError('cases.funding_decided', '申请已审批,不能再添加附件');
      if ((await attachmentCount(trx, f)) >= MAX_ATTACHMENTS) throw tooMany();
      await trx
        .insertInto('case_attachment')
        .values({
          tenant_id: f.tenant_id,
          id,
          case_id: c.id,
          funding_id: f.id,
          name,
          content_type: type,
          size: body.length,
          file_name: fileName,
          uploaded_by: ctx.userId,
          uploaded_at: clock.iso(),
        })
        .execute();
      await addEvent(trx, ctx, c, 'funding_attachment', '上传资助附件', { fundingId: f.id });
      await writeAudit(trx, ctx, {
        tenantId: f.tenant_id,
        action: 'case.funding_attachment',
        entity: 'case_funding',
        entityId: f.id,
        after: { attachmentId: id, contentType: type, size: body.length },
      });
    });
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return view(deps, f, c);
}

/**
 * Who may decide a request (and read its attachments to do so): someone holding cases.fund_approve
 * at the case's place — and, when the tenant names approvers, one of them. Naming narrows who
 * decides; it never lets anyone decide without the permission (issue 9 §4: a resident named as
 * approver downloaded sealed attachments). Never its requester (checked by the caller).
 */
async function checkApprover(deps: Deps, ctx: RequestContext, f: CaseFundingRow, c: CaseFileRow) {
  const p = ctx.user();
  const approvers = (await settingsOf(deps, f.tenant_id)).fundingApproverIds;
  const d = decide(p, 'cases.fund_approve', casePlace(c));
  ctx.authorizeBy(
    d === 'allow' && approvers.length && !approvers.includes(p.userId) ? 'forbidden' : d,
    '资助申请',
  );
}

export async function getAttachment(
  deps: Deps,
  ctx: RequestContext,
  fundingId: string,
  attachmentId: string,
) {
  const f = await loadFunding(deps, fundingId);
  const c = await repo.findCase(repo.narrow(deps.db), f.case_id);
  if (!c) throw notFound('资助申请');
  // The care team, and whoever decides the request, may read its attachments.
  try {
    await loadCase(deps, ctx, c.id, 'file');
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    await checkApprover(deps, ctx, f, c);
  }
  const a = await repo
    .narrow(deps.db)
    .selectFrom('case_attachment')
    .selectAll()
    .where('tenant_id', '=', f.tenant_id)
    .where('funding_id', '=', f.id)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!a) throw notFound('附件');
  const sealed = await readFile(join(tenantFilesDir(deps.config.dataDir, f.tenant_id), a.file_name), 'utf8');
  await writeAccess(deps.db, ctx, {
    tenantId: f.tenant_id,
    subjectKind: 'case_attachment',
    subjectId: a.id,
    fields: ['attachment'],
    purpose: 'case_funding',
  });
  return { attachment: a, bytes: Buffer.from(deps.crypto.open(sealed), 'base64') };
}

/** Approves or rejects a submitted request; an approved one waits for the fund to pay it. */
export async function decideFunding(
  deps: Deps,
  ctx: RequestContext,
  fundingId: string,
  input: z.output<typeof FundingDecision>,
) {
  const f = await loadFunding(deps, fundingId);
  const c = await repo.findCase(repo.narrow(deps.db), f.case_id);
  if (!c) throw notFound('资助申请');
  await checkApprover(deps, ctx, f, c);
  if (f.requested_by === ctx.userId) throw new AppError('cases.self_approval', '不能审批自己提交的申请');
  if (f.status !== 'submitted') throw new AppError('cases.funding_decided', '该申请已审批');
  if (f.version !== input.version) throw versionConflict();
  if (input.decision === 'reject' && !input.comment) throw invalid('comment', '不批准时请写明原因');
  const now = clock.iso();
  const after: CaseFundingRow = {
    ...f,
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decided_by: ctx.userId,
    decided_at: now,
    decision_comment: input.comment,
    updated_at: now,
    version: f.version + 1,
  };
  await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      const res = await trx
        .updateTable('case_funding')
        .set({
          status: after.status,
          decided_by: after.decided_by,
          decided_at: now,
          decision_comment: after.decision_comment,
          updated_at: now,
          version: after.version,
        })
        .where('tenant_id', '=', f.tenant_id)
        .where('id', '=', f.id)
        .where('version', '=', f.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw versionConflict();
      await addEvent(
        trx,
        ctx,
        c,
        'funding_decided',
        `${input.decision === 'approve' ? '批准' : '不批准'}资助 ${yuan(Number(f.amount_fen))}`,
        { fundingId: f.id, decision: input.decision },
      );
      await writeAudit(trx, ctx, {
        tenantId: f.tenant_id,
        action: `case.funding_${input.decision === 'approve' ? 'approved' : 'rejected'}`,
        entity: 'case_funding',
        entityId: f.id,
        before: { status: f.status, amountFen: Number(f.amount_fen) },
        after: { status: after.status, amountFen: Number(f.amount_fen) },
      });
    });
  return view(deps, after, c);
}
