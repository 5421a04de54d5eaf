#!/usr/bin/env node
/**
 * End-to-end flows in Chromium against the built app (dist/web) and a fresh demo server:
 * log in, browse the tree, add a compound and a building, revoke / grant a social worker and see
 * the 一社区一社工 coverage change, switch language, log out — at desktop size and at 390×844,
 * with axe-core on every page visited; and the cases flow (e2e/cases.flow.mjs). Run with
 * `npm run test:e2e`; `E2E_ONLY=cases` (or `login`, `main`, comma-separated) runs only those.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
// node's TAP reporter ends with the standard "# pass N" / "# fail N" lines in any terminal.
if (!process.execArgv.some((a) => a.startsWith('--test-reporter'))) {
  const r = spawnSync(process.execPath, ['--test-reporter=tap', join(here, 'run.mjs')], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { after, before, describe, it } = await import('node:test');
const assert = (await import('node:assert/strict')).default;
const { checkA11y, openBrowser, root, shot, startServer } = await import('./harness.mjs');
const { mainFlow } = await import('./flows.mjs');
const { casesFlow } = await import('./cases.flow.mjs');
/** E2E_ONLY=cases runs only the flows whose name is listed (comma-separated); default all. */
const only = process.env.E2E_ONLY?.split(',').map((s) => s.trim());
const runs = (flow) => !only || only.includes(flow);
const { governanceFlow } = await import('./governance.mjs');

if (!existsSync(join(root, 'dist', 'web', 'index.html'))) {
  console.error('dist/web is not built: run `npm run build:web` first (npm run test:e2e does).');
  process.exit(1);
}

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

describe('login errors', { skip: !runs('login') }, () => {
  let b;
  before(async () => {
    b = await openBrowser({ width: 1366, height: 900 });
  });
  after(async () => b?.close());

  it('a wrong password shows the Chinese error', async () => {
    const { page } = b;
    try {
      await page.goto(`${server.base}/`);
      await page.getByLabel('用户名').fill('fengcheng');
      await page.getByLabel('密码').fill('not-the-password');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').getByText('用户名或密码不正确').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
      await checkA11y(page, 'login (error)');
      await shot(page, 'desktop-login-error');
    } catch (e) {
      await shot(page, 'fail-login-error');
      throw e;
    }
  });

  it('a signed-in user without the permission sees "no access"', async () => {
    const { page } = b;
    try {
      await page.getByLabel('用户名').fill('resident');
      await page.getByLabel('密码').fill(server.password('resident'));
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.getByRole('navigation', { name: '主菜单' }).waitFor();
      await page.goto(`${server.base}/audit/events`);
      await page.getByRole('heading', { name: '没有访问权限' }).waitFor();
      const menu = await page.getByRole('navigation', { name: '主菜单' }).textContent();
      assert.ok(!menu.includes('审计日志'), 'the menu hides what the user may not use');
      await checkA11y(page, 'no access');
    } catch (e) {
      await shot(page, 'fail-no-access');
      throw e;
    }
  });

  it('a password the subdistrict admin reset must be changed first (the server refuses anything else)', async () => {
    const { page } = b;
    try {
      const api = async (cookie, method, path, body) => {
        const r = await fetch(`${server.base}${path}`, {
          method,
          headers: { cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
        });
        return { status: r.status, body: await r.json(), cookies: r.headers.getSetCookie() };
      };
      const signIn = await api('', 'POST', '/api/v1/auth/login', {
        username: 'fengcheng',
        password: server.password('fengcheng'),
      });
      const admin = signIn.cookies.map((c) => c.split(';')[0]).join('; ');
      const idOf = async (username) =>
        (await api(admin, 'GET', `/api/v1/users?q=${username}`)).body.items.find(
          (u) => u.username === username,
        ).id;
      // The subdistrict cannot take over the station head (case files) or the platform admin.
      for (const username of ['station-head', 'admin']) {
        const refused = await api(admin, 'POST', `/api/v1/users/${await idOf(username)}/password`, {
          password: 'taken-over-password',
        });
        assert.equal(refused.status, 403, username);
        assert.equal(refused.body.code, 'accounts.target_exceeds_own');
      }
      const reset = await api(admin, 'POST', `/api/v1/users/${await idOf('volunteer')}/password`, {
        password: 'temporary-password-1',
      });
      assert.equal(reset.status, 200);

      await page.context().clearCookies();
      await page.goto(`${server.base}/`);
      await page.getByLabel('用户名').fill('volunteer');
      await page.getByLabel('密码').fill('temporary-password-1');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByText('请先修改密码').first().waitFor();
      const refused = await page.evaluate(async () => {
        const r = await fetch('/api/v1/territory/tree');
        return { status: r.status, code: (await r.json()).code };
      });
      assert.deepEqual(refused, { status: 403, code: 'accounts.password_change_required' });
      await checkA11y(page, 'forced password change');
      await page.getByLabel('当前密码', { exact: true }).fill('temporary-password-1');
      await page.getByLabel('新密码', { exact: true }).fill('my-own-password-1');
      await page.getByLabel('再次输入新密码', { exact: true }).fill('my-own-password-1');
      await page.getByRole('button', { name: '修改密码', exact: true }).click();
      await page.getByRole('navigation', { name: '主菜单' }).waitFor();
      const ok = await page.evaluate(async () => (await fetch('/api/v1/territory/tree')).status);
      assert.equal(ok, 200);
    } catch (e) {
      await shot(page, 'fail-forced-password');
      throw e;
    }
  });
});

// The cases flow runs first: the main flow revokes and re-grants sw-xihu's role on the way.
for (const [flowName, flow] of [
  ['cases', casesFlow],
  ['main', mainFlow],
]) {
  for (const [name, viewport] of [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    describe(`${flowName} flow (${name} ${viewport.width}×${viewport.height})`, {
      skip: !runs(flowName),
    }, () => {
      let b;
      const ctx = { name, phone: viewport.width < 500 };
      before(async () => {
        b = await openBrowser(viewport);
        ctx.page = b.page;
        ctx.server = server;
      });
      after(async () => {
        if (b?.errors.length) console.log(`# browser console errors (${name}):\n# ${b.errors.join('\n# ')}`);
        await b?.close();
      });
      for (const [title, step] of flow) {
        it(title, async () => {
          try {
            await step(ctx);
          } catch (e) {
            await shot(
              ctx.page,
              `fail-${flowName}-${name}-${title.replace(/[^\w\u4e00-\u9fff]+/g, '-')}`,
            ).catch(() => {});
            throw e;
          }
        });
      }
    });
  }
}

describe('red-steward loop (phone 390×844)', { skip: !runs('governance') }, () => {
  let b;
  const ctx = { name: 'phone-governance', phone: true };
  before(async () => {
    b = await openBrowser({ width: 390, height: 844 });
    ctx.page = b.page;
    ctx.server = server;
  });
  after(async () => {
    if (b?.errors.length) console.log(`# browser console errors (governance):\n# ${b.errors.join('\n# ')}`);
    await b?.close();
  });
  for (const [title, step] of governanceFlow) {
    it(title, async () => {
      try {
        await step(ctx);
      } catch (e) {
        await shot(ctx.page, `fail-governance-${title.replace(/[^\w\u4e00-\u9fff]+/g, '-')}`).catch(() => {});
        throw e;
      }
    });
  }
});
