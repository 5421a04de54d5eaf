/**
 * The red-steward loop on a phone: a building leader reports an issue and escalates it to the
 * compound council; the council accepts it, meets, decides and assigns an action; the action is
 * done and the issue closes; the reporter confirms. One step per test; axe on every page.
 */
import assert from 'node:assert/strict';
import { checkA11y, shot } from './harness.mjs';

const TITLE = `4栋楼道堆放旧家具(e2e ${Date.now().toString(36)})`;

async function login(ctx, username) {
  const { page, server } = ctx;
  if (!page.url().startsWith(server.base)) await page.goto(`${server.base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(server.password(username));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

async function logout(ctx) {
  const { page } = ctx;
  await page.getByRole('button', { name: '用户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
}

/** Opens a page from the side menu (through the drawer on a phone). */
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

async function pickOption(page, label, option) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** Fills the open dialog's fields and saves it. */
async function saveDialog(page) {
  const dlg = page.getByRole('dialog');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
}

const statusIs = (page, text) => page.locator('.gz-page-subtitle').getByText(text, { exact: true }).waitFor();

async function openIssueFromBoard(ctx, tab) {
  const { page } = ctx;
  await go(ctx, '诉求看板');
  if (tab) await page.locator('.ant-segmented').getByText(tab, { exact: true }).click();
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

export const governanceFlow = [
  [
    'leader-xihu4 reports an issue at 西湖花园4栋 from the phone form',
    async (ctx) => {
      const { page } = ctx;
      await login(ctx, 'leader-xihu4');
      await go(ctx, '诉求看板');
      await checkA11y(page, 'issue board (leader)');
      await page.getByRole('button', { name: '反映诉求' }).click();
      await page.getByRole('heading', { level: 1, name: '反映诉求' }).waitFor();
      // The place starts at the leader's own building.
      await page.locator('form').getByText('西湖花园4栋', { exact: true }).first().waitFor();
      await pickOption(page, '类别', '公共空间');
      await page.getByLabel('标题').fill(TITLE);
      await page.getByLabel('具体情况').fill('3楼到5楼楼道堆放旧沙发和纸箱,堵住通道,老人上下楼很危险。');
      await checkA11y(page, 'report form');
      await shot(page, 'phone-governance-report');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await statusIs(page, '已反映');
      await statusIs(page, '楼栋');
    },
  ],
  [
    'the building leader escalates it to the compound council',
    async (ctx) => {
      const { page } = ctx;
      await page.getByRole('button', { name: '提级办理' }).click();
      await page.getByRole('dialog').getByLabel('提级理由').fill('涉及多户,需要楼长议事会协调');
      await saveDialog(page);
      await statusIs(page, '小区');
      await page.getByText('需要楼长议事会协调').first().waitFor();
      // At the compound level the building leader no longer acts on it.
      assert.equal(await page.getByRole('button', { name: '受理', exact: true }).count(), 0);
      await checkA11y(page, 'issue page (escalated)');
      await logout(ctx);
    },
  ],
  [
    'the council accepts it and calls a meeting of the 4—6栋 council',
    async (ctx) => {
      const { page } = ctx;
      await login(ctx, 'council-xihu');
      await openIssueFromBoard(ctx, '小区层级');
      await page.getByRole('button', { name: '受理', exact: true }).click();
      await statusIs(page, '已受理');
      await go(ctx, '议事机构');
      await checkA11y(page, 'bodies');
      await page.getByRole('link', { name: '西湖花园4—6栋楼长议事会' }).click();
      await page.getByRole('heading', { level: 1, name: '西湖花园4—6栋楼长议事会' }).waitFor();
      await checkA11y(page, 'body page');
      await page.getByRole('button', { name: '召集会议' }).click();
      const dlg = page.getByRole('dialog');
      await dlg.getByLabel('时间').fill('2026-12-05T19:30');
      await dlg.getByLabel('地点').fill('西湖社区党群服务站');
      await saveDialog(page);
      await page.getByRole('heading', { level: 2, name: '议程' }).waitFor();
    },
  ],
  [
    'the meeting puts the issue on the agenda, decides, and assigns an action',
    async (ctx) => {
      const { page } = ctx;
      await page.getByRole('button', { name: '增加议题' }).click();
      await pickOption(page, '关联诉求', `${TITLE} · 西湖花园4栋`);
      await saveDialog(page);
      await page.getByRole('link', { name: TITLE }).waitFor();
      await page.getByRole('button', { name: '记录决议' }).click();
      await page.getByRole('dialog').getByLabel('决议内容').fill('楼长逐户动员,三天内清理楼道旧家具');
      await page.getByRole('dialog').getByLabel('赞成').fill('9');
      await saveDialog(page);
      await page.getByText('通过', { exact: true }).waitFor();
      await page.getByRole('button', { name: '分派行动' }).click();
      const dlg = page.getByRole('dialog');
      await dlg.getByLabel('事项').fill('上门动员清理旧家具');
      await dlg.getByLabel('负责人').fill('4栋楼长');
      await dlg.getByLabel('完成期限').fill('2026-12-08');
      await saveDialog(page);
      await page.getByText('上门动员清理旧家具').waitFor();
      await page.getByLabel('会议纪要').fill('到会9人,一致同意三天内清理。');
      await page.getByRole('button', { name: '保存纪要' }).click();
      await page.locator('.gz-page-subtitle').getByText('已召开').waitFor();
      await checkA11y(page, 'meeting page');
      await shot(page, 'phone-governance-meeting');
    },
  ],
  [
    'the action is done and the issue closes as resolved',
    async (ctx) => {
      const { page } = ctx;
      await page.getByRole('button', { name: '标记完成' }).click();
      await page.getByRole('dialog').getByLabel('完成情况').fill('旧家具已全部清走');
      await saveDialog(page);
      await page.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await statusIs(page, '已办结');
      await page.getByText('会议确定的行动事项已全部完成').waitFor();
      await logout(ctx);
    },
  ],
  [
    'the reporter confirms it from "reported by me", and rates it',
    async (ctx) => {
      const { page } = ctx;
      await login(ctx, 'leader-xihu4');
      await openIssueFromBoard(ctx, '我反映的');
      await page.getByRole('button', { name: '确认解决' }).click();
      await statusIs(page, '已确认');
      await page.getByRole('button', { name: '评价办理结果' }).click();
      await saveDialog(page);
      await page.getByText('评价 5 星').waitFor();
      await checkA11y(page, 'issue page (confirmed)');
      await shot(page, 'phone-governance-confirmed');
    },
  ],
  [
    'the subdistrict admin sees public notices, sets a deadline and issues an Open311 key',
    async (ctx) => {
      const { page } = ctx;
      await logout(ctx);
      await login(ctx, 'fengcheng');
      await go(ctx, '公示公告');
      await page.getByText('防范电信诈骗提示').first().waitFor();
      await checkA11y(page, 'notices');
      await go(ctx, '诉求类别与接口');
      await page.getByRole('heading', { level: 2, name: '诉求类别与办理时限' }).waitFor();
      await checkA11y(page, 'governance settings');
      await page.getByLabel('用途').fill('12345 热线');
      await page.getByRole('button', { name: '新建密钥' }).click();
      await page.getByText('密钥只显示这一次').waitFor();
      assert.match(await page.locator('.ant-alert code').first().textContent(), /^gz311_/);
      await page.getByText('12345 热线').first().waitFor();
      await shot(page, 'phone-governance-settings');
    },
  ],
];
