import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { tenantFilesDir } from '../../platform/jobs';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login } from '../../test/factories/accounts.factory';
import { residentId } from '../../test/factories/people.factory';
import { csvFile, importFile, waitForJob } from '../../test/factories/people-io.factory';
import { buildWorld, type World } from '../../test/world';

/**
 * Issue 9, finding 6: after an erasure the plaintext export stayed on disk and downloadable, and
 * consent scope text and volunteer skills survived in their tables and in audit images. Export
 * files and import error reports now expire (24 h by default), an erasure deletes every such file
 * of the tenant made before it, and audit images of person records carry no free text.
 */
let ta: TestApp;
let w: World;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
});
afterAll(() => ta?.close());
afterEach(() => clock.reset());

type Role = keyof World['cookies'];
const call = (role: Role, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  ta.app.inject({ method, url, headers: { cookie: w.cookies[role] }, ...(payload ? { payload } : {}) });

async function fileOf(jobId: string): Promise<string> {
  const job = await ta.database.db
    .selectFrom('job')
    .select(['tenant_id', 'report_file'])
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
  return join(tenantFilesDir(ta.config.dataDir, job.tenant_id), job.report_file);
}

async function exportRevealed(name: string) {
  const res = await call('community_worker', 'POST', '/api/v1/people/exports', {
    tenantId: w.tenantA.id,
    communityId: w.a1.id,
    name,
    reveal: ['name', 'idNumber', 'notes'],
    purpose: '走访名单',
  });
  expect(res.statusCode, res.body).toBe(202);
  const job = await waitForJob(ta.app, w.cookies.community_worker, res.json().jobId);
  expect(job.status).toBe('succeeded');
  return job;
}

describe('erasure leaves no copies (finding 6)', () => {
  it('deletes the export and error-report files made before an erasure, and the report route refuses them', async () => {
    const FREE = {
      notes: '独居,女儿在深圳打工',
      scope: '同意在楼道公示栏公开姓名与住址',
      skills: ['理发义剪', '手语翻译'],
      note: '迁往东莞市虎门镇',
    };
    const p = (
      await call('community_worker', 'POST', '/api/v1/people', {
        tenantId: w.tenantA.id,
        name: '欧阳删除',
        buildingId: w.b1.id,
        idType: 'resident_id',
        idNumber: residentId('1950-03-03'),
        notes: FREE.notes,
      })
    ).json();
    const consent = await call('community_worker', 'POST', `/api/v1/people/${p.id}/consents`, {
      purpose: 'publishing',
      givenBy: 'self',
      scope: FREE.scope,
    });
    expect(consent.statusCode).toBe(201);
    const vol = await call('community_worker', 'PUT', `/api/v1/people/${p.id}/volunteer`, {
      registeredOn: '2024-03-05',
      skills: FREE.skills,
    });
    expect(vol.statusCode).toBe(200);
    const moved = await call('community_worker', 'POST', `/api/v1/people/${p.id}/status`, {
      status: 'moved_out',
      version: p.version,
      note: FREE.note,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const back = await call('community_worker', 'POST', `/api/v1/people/${p.id}/status`, {
      status: 'active',
      version: moved.json().version,
    });

    const exported = await exportRevealed('欧阳删除');
    const exportFile = await fileOf(exported.id);
    expect(existsSync(exportFile)).toBe(true);
    const { job: failedImport } = await importFile(
      ta.app,
      w.cookies.community_worker,
      w.tenantA.id,
      csvFile([{ 姓名: '', 社区统计代码: w.a1.code }]),
    );
    expect(failedImport!.hasFile).toBe(true);
    const reportFile = await fileOf(failedImport!.id);
    expect(existsSync(reportFile)).toBe(true);

    const erased = await call('community_worker', 'POST', `/api/v1/people/${p.id}/erase`, {
      reason: '本人申请删除',
      version: back.json().version,
    });
    expect(erased.statusCode, erased.body).toBe(200);

    expect(existsSync(exportFile), 'the plaintext export is still on disk').toBe(false);
    expect(existsSync(reportFile), 'the error report is still on disk').toBe(false);
    for (const id of [exported.id, failedImport!.id]) {
      const res = await call('community_worker', 'GET', `/api/v1/jobs/${id}/report`);
      expect(res.statusCode).toBe(410);
      expect(res.json().code).toBe('jobs.file_removed');
      const job = (await call('community_worker', 'GET', `/api/v1/jobs/${id}`)).json();
      expect(job.hasFile).toBe(false);
    }
    // An export made after the erasure is unaffected.
    const later = await exportRevealed('导出后来');
    expect((await call('community_worker', 'GET', `/api/v1/jobs/${later.id}/report`)).statusCode).toBe(200);

    // The tables keep no consent scope and no volunteer skills.
    const consentRow = await ta.database.db
      .selectFrom('consent')
      .selectAll()
      .where('person_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(consentRow.scope).toBeNull();
    expect(
      await ta.database.db
        .selectFrom('volunteer_profile')
        .selectAll()
        .where('person_id', '=', p.id)
        .execute(),
    ).toEqual([]);

    // No audit row of the person or their records holds any of the free text.
    const audit = await ta.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', 'in', [p.id, consent.json().id, ...(await volunteerIds(p.id))])
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(audit);
    for (const s of [FREE.notes, FREE.scope, ...FREE.skills, FREE.note]) expect(text, s).not.toContain(s);
    // ...nor any audit row at all.
    const all = JSON.stringify(await ta.database.db.selectFrom('audit_log').selectAll().execute());
    for (const s of [FREE.notes, FREE.scope, ...FREE.skills, FREE.note]) expect(all, s).not.toContain(s);
  });

  it('expires export files and error reports after 24 hours: refused at once, deleted by the daily purge', async () => {
    const job = await exportRevealed('导出后来');
    const file = await fileOf(job.id);
    expect(job.fileExpiresAt).toBe(new Date(Date.parse(job.finishedAt!) + 24 * 3_600_000).toISOString());
    clock.advance(23 * 3_600_000);
    let cookie = await login(ta.app, w.users.community_worker.username);
    const fresh = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}/report`,
      headers: { cookie },
    });
    expect(fresh.statusCode).toBe(200);
    clock.advance(2 * 3_600_000);
    cookie = await login(ta.app, w.users.community_worker.username);
    const expired = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}/report`,
      headers: { cookie },
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('jobs.file_expired');
    const polled = await ta.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { cookie } });
    expect(polled.json().hasFile).toBe(false);
    const admin = await login(ta.app, w.users.tenant_admin.username);
    const purge = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/retention/purge',
      headers: { cookie: admin },
      payload: { tenantId: w.tenantA.id },
    });
    expect(purge.statusCode, purge.body).toBe(200);
    expect(purge.json().deletedJobFiles).toBeGreaterThanOrEqual(1);
    expect(existsSync(file)).toBe(false);
  });
});

async function volunteerIds(personId: string): Promise<string[]> {
  const rows = await ta.database.db
    .selectFrom('audit_log')
    .select('entity_id')
    .where('entity', '=', 'volunteer_profile')
    .execute();
  const ids = rows.map((r) => r.entity_id as string);
  return ids.length ? ids : [personId];
}
