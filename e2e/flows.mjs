/** The main flow, one step per test; `ctx` carries the page, server and whether it is a phone. */
import assert from 'node:assert/strict';
import { checkA11y, shot } from './harness.mjs';

const h1 = (page) => page.getByRole('heading', { level: 1 }).first();

/** Opens a page from the side menu (on phones: through the drawer). */
async function go(ctx, label) {
  const { page } = ctx;
  if (ctx.phone) {
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.locator('.ant-drawer').getByRole('menuitem', { name: label }).click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
  } else {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: label }).click();
  }
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

const row = (page, text) => page.locator('.ant-table-row, .gz-list-item').filter({ hasText: text }).first();

async function coverageRow(ctx, community) {
  const { page } = ctx;
  await go(ctx, '一社区一社工');
  const r = page.locator(`[data-community="${community}"]`).first();
  await r.waitFor();
  return r;
}

async function pickOption(page, label, option) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

async function openUser(ctx, username) {
  const { page } = ctx;
  await go(ctx, '人员与角色');
  await page.getByPlaceholder('按姓名或用户名搜索').fill(username);
  await page.getByPlaceholder('按姓名或用户名搜索').press('Enter');
  await page.waitForURL(/q=/);
  const link = ctx.phone
    ? page.locator('.gz-list-item').filter({ hasText: username }).first()
    : row(page, username).getByRole('link').first();
  await link.click();
  await page.getByRole('heading', { level: 2, name: '角色与管辖位置' }).waitFor();
}

export const mainFlow = [
  [
    'log in as fengcheng (凤城街道 tenant admin)',
    async (ctx) => {
      const { page, server } = ctx;
      await page.goto(`${server.base}/territory/tree`);
      await page.waitForURL(/\/login/);
      await checkA11y(page, `${ctx.name} login`);
      await shot(page, `${ctx.name}-login`);
      await page.getByLabel('用户名').fill('fengcheng');
      await page.getByLabel('密码').fill(server.password('fengcheng'));
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/territory\/tree/);
      await page.getByRole('heading', { level: 1, name: '辖区结构' }).waitFor();
    },
  ],
  [
    'browse the territory tree and open 西湖社区',
    async (ctx) => {
      const { page } = ctx;
      await page.locator('.ant-tree-title').first().waitFor();
      await checkA11y(page, `${ctx.name} tree`);
      await shot(page, `${ctx.name}-tree`);
      await page.getByPlaceholder('按名称或代码搜索社区、小区、楼栋').fill('西湖');
      await page.getByPlaceholder('按名称或代码搜索社区、小区、楼栋').press('Enter');
      const node = page.locator('.ant-tree-node-content-wrapper').filter({ hasText: '西湖社区' }).first();
      await node.waitFor();
      await node.click();
      await page.getByRole('heading', { level: 1, name: /西湖社区/ }).waitFor();
      await page.getByRole('heading', { level: 2, name: /小区/ }).waitFor();
      await checkA11y(page, `${ctx.name} community`);
      await shot(page, `${ctx.name}-community`);
    },
  ],
  [
    'add a compound and a building',
    async (ctx) => {
      const { page } = ctx;
      const compound = `E2E测试小区${ctx.phone ? '乙' : '甲'}`;
      const number = ctx.phone ? 'P1' : 'D1';
      await page.getByRole('button', { name: '添加小区' }).first().click();
      const dlg = page.getByRole('dialog');
      await dlg.getByLabel('小区名称').fill(compound);
      await dlg.getByLabel('物业公司').fill('凤城物业服务有限公司');
      await checkA11y(page, `${ctx.name} add compound dialog`);
      await dlg.getByRole('button', { name: '保存' }).click();
      await dlg.waitFor({ state: 'hidden' });
      await row(page, compound).waitFor();

      await page.getByRole('button', { name: '添加楼栋' }).first().click();
      const dlg2 = page.getByRole('dialog');
      await dlg2.getByLabel('楼栋号').fill(number);
      await pickOption(page, '所属小区', compound);
      await dlg2.getByLabel('层数').fill('11');
      await dlg2.getByRole('button', { name: '保存' }).click();
      await dlg2.waitFor({ state: 'hidden' });
      const b = row(page, number);
      await b.waitFor();
      assert.match(await b.textContent(), new RegExp(compound));
      await shot(page, `${ctx.name}-community-after-add`);
    },
  ],
  [
    'coverage: 西湖社区 has a social worker',
    async (ctx) => {
      const { page } = ctx;
      const r = await coverageRow(ctx, '西湖社区');
      assert.equal(await r.locator('[data-gap]').count(), 0);
      await r.getByText('已覆盖').waitFor();
      await checkA11y(page, `${ctx.name} coverage`);
      await shot(page, `${ctx.name}-coverage`);
    },
  ],
  [
    'revoke sw-xihu’s social_worker grant → coverage shows 无驻点社工 for 西湖社区',
    async (ctx) => {
      const { page } = ctx;
      await openUser(ctx, 'sw-xihu');
      await checkA11y(page, `${ctx.name} user detail`);
      await shot(page, `${ctx.name}-user-detail`);
      await page.getByRole('button', { name: '收回西湖社区的社工角色' }).click();
      await page.locator('.ant-popover:visible').getByRole('button', { name: '收回' }).click();
      await page.getByText('已收回角色').waitFor();
      const r = await coverageRow(ctx, '西湖社区');
      await r.locator('[data-gap="no_social_worker"]').waitFor();
      assert.match(await r.textContent(), /无驻点社工/);
      await page.getByText(/缺口 1 个/).waitFor();
      await shot(page, `${ctx.name}-coverage-gap`);
    },
  ],
  [
    'grant social_worker at 西湖社区 again → the gap is gone',
    async (ctx) => {
      const { page } = ctx;
      await openUser(ctx, 'sw-xihu');
      await pickOption(page, '角色', '社工');
      await pickOption(page, '授予层级', '社区');
      const place = page.getByLabel('授予位置', { exact: true });
      await place.click();
      await place.fill('西湖社区');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="西湖社区"]')
        .click();
      await checkA11y(page, `${ctx.name} grant form`);
      await page.getByRole('button', { name: '授予', exact: true }).click();
      await page.getByText('已授予角色').waitFor();
      await page.getByRole('button', { name: '收回西湖社区的社工角色' }).waitFor();
      const r = await coverageRow(ctx, '西湖社区');
      await r.getByText('已覆盖').waitFor();
      assert.equal(await r.locator('[data-gap]').count(), 0);
    },
  ],
  [
    'other pages load without accessibility problems',
    async (ctx) => {
      const { page } = ctx;
      for (const label of ['社工站点', '人员与角色', '审计日志', '敏感数据访问']) {
        await go(ctx, label);
        await page.locator('.ant-table-row, .gz-list-item, .ant-empty').first().waitFor();
        await checkA11y(page, `${ctx.name} ${label}`);
        await shot(page, `${ctx.name}-${label}`);
      }
      await go(ctx, '审计日志');
      await page.getByRole('button', { name: '校验审计链' }).click();
      await page.getByText(/审计链完整/).waitFor();
      await checkA11y(page, `${ctx.name} audit verified`);
      await shot(page, `${ctx.name}-audit-verified`);
    },
  ],
  [
    'switch language to English',
    async (ctx) => {
      const { page } = ctx;
      await go(ctx, '一社区一社工');
      await page.getByRole('button', { name: '切换语言' }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Social worker coverage' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.match(await h1(page).textContent(), /Social worker coverage/);
      await checkA11y(page, `${ctx.name} coverage (English)`);
      await shot(page, `${ctx.name}-coverage-en`);
    },
  ],
  [
    'log out → /api/v1/auth/me is 401 and the login page shows',
    async (ctx) => {
      const { page } = ctx;
      await page.getByRole('button', { name: 'User menu' }).click();
      await page.getByRole('menuitem', { name: 'Log out' }).click();
      await page.waitForURL(/\/login/);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const status = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
      assert.equal(status, 401);
      await page.goto(`${ctx.server.base}/territory/coverage`);
      await page.waitForURL(/\/login/);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    },
  ],
];
