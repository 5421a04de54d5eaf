/**
 * The Firefly case flow (issue 4), one step per test: a social worker opens a case for a demo
 * resident, the supervisor approves the opening, an assessment and a plan are written, a home visit
 * is recorded, a conference assigns an action, a funding request is approved, and the case is
 * closed with the supervisor's approval. A community worker outside the care team sees only the
 * case number and stage. `ctx` carries the page, server and whether it is a phone.
 */
import assert from 'node:assert/strict';
import { checkA11y, shot } from './harness.mjs';

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

async function logout(ctx) {
  const { page } = ctx;
  await page.getByRole('button', { name: '用户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
}

async function login(ctx, username) {
  const { page, server } = ctx;
  if (!page.url().includes('/login')) await page.goto(`${server.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(server.password(username));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

async function switchUser(ctx, username) {
  await logout(ctx);
  await login(ctx, username);
}

/** Types into a searchable antd Select (by its label) and picks the option containing `option`. */
async function searchPick(scope, page, label, term, option) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(term);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Picks an option of a plain antd Select (by its label or aria-label). */
async function pick(scope, page, label, option) {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${option}$`) })
    .first()
    .click();
}

/** Clicks an antd button-style radio or checkbox by its text. */
const choose = (scope, text) =>
  scope
    .locator('label.ant-radio-button-wrapper, label.ant-radio-wrapper, label.ant-checkbox-wrapper')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .first()
    .click();

const dialog = (page) => page.getByRole('dialog').last();

/** Saves the open dialog and waits for it to close. */
async function save(page, button = /保\s*存/) {
  const dlg = dialog(page);
  await dlg.getByRole('button', { name: button }).click();
  await dlg.waitFor({ state: 'hidden' });
}

/** Opens a section of the case file (tabs; buttons on a phone). */
async function tab(ctx, name) {
  const { page } = ctx;
  if (ctx.phone) {
    const group = page.getByRole('navigation', { name: '个案档案各部分' });
    await group.getByRole('button', { name, exact: true }).click();
    await group.locator('[aria-pressed="true"]').filter({ hasText: name }).waitFor();
  } else {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('tabpanel', { name }).waitFor();
  }
}

/**
 * A resident of 西湖社区 without a case (each viewport takes a different one: both runs share one
 * server). The worker verifies the name with a stated purpose (the reveal is logged) so it can be
 * typed into the picker.
 */
async function chooseResident(ctx, ageBand = '18-59') {
  const { page, server } = ctx;
  const get = async (path) => {
    const r = await page.request.get(`${server.base}${path}`);
    assert.equal(r.status(), 200, `${path} → ${r.status()}`);
    return r.json();
  };
  const communities = await get('/api/v1/territory/communities');
  const xihu = communities.find((c) => c.name === '西湖社区');
  const taken = new Set();
  for (let cursor = null, i = 0; i < 20; i++) {
    const p = await get(`/api/v1/cases?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const c of p.items) if (c.subject?.personId) taken.add(c.subject.personId);
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  const people = await get(`/api/v1/people?communityId=${xihu.id}&ageBand=${ageBand}&limit=100`);
  const free = people.items.filter((p) => !taken.has(p.id));
  const person = free[ctx.phone ? 1 : 0];
  assert.ok(person, 'a resident of 西湖社区 without a case');
  // A minor's name needs people.reveal_minor, which the supervisor holds (not the worker).
  let cookie;
  if (ageBand === '0-13') {
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: server.password('supervisor') }),
    });
    assert.equal(login.status, 200);
    cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
  const r = await fetch(`${server.base}/api/v1/people/${person.id}/reveal`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookie ?? (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
    },
    body: JSON.stringify({ fields: ['name'], purpose: '接案前核实服务对象身份' }),
  });
  assert.equal(r.status, 200);
  return { id: person.id, name: (await r.json()).name };
}

/** A direct stage move: a button on desktop, under 推进阶段 on a phone when there are several. */
async function move(ctx, name) {
  const { page } = ctx;
  const menu = page.getByRole('button', { name: '推进阶段' });
  if (ctx.phone && (await menu.count())) {
    await menu.click();
    await page.getByRole('menuitem', { name }).click();
  } else {
    await page.getByRole('button', { name }).click();
  }
  await save(page, /确\s*定/);
}

const caseHeading = (page) => page.getByRole('heading', { level: 1, name: /^个案 / });

/** Opens the flow's case from 待我审批 (for the approvers) or by its address. */
async function openCase(ctx) {
  const { page, server } = ctx;
  await page.goto(`${server.base}/cases/${ctx.caseId}`);
  await caseHeading(page).waitFor();
}

export const casesFlow = [
  [
    'sw-xihu opens a case for a demo resident and submits it for opening',
    async (ctx) => {
      const { page, server } = ctx;
      await page.goto(`${server.base}/login`);
      await login(ctx, 'sw-xihu');
      await go(ctx, '个案看板');
      await page.locator('.gz-case-column, .ant-empty').first().waitFor();
      await checkA11y(page, `${ctx.name} caseload`);
      await shot(page, `${ctx.name}-cases-board`);
      const csv = await page.request.get(
        `${server.base}${await page.getByRole('link', { name: /导出统计表/ }).getAttribute('href')}`,
      );
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'], /text\/csv/);
      const who = await chooseResident(ctx);
      await page.getByRole('button', { name: /接\s*案/ }).click();
      await page.getByRole('heading', { level: 1, name: '接案' }).waitFor();
      await searchPick(page, page, '服务对象', who.name, who.name.slice(0, 1));
      await page.getByLabel('转介说明').fill('社区网格员入户发现');
      await page
        .getByLabel('求助/转介的主要问题')
        .fill('独居,近期失业,情绪低落,拖欠两个月房租;希望得到心理支持和临时救助。');
      await choose(page, '高');
      await searchPick(page, page, '督导', 'supervisor', '(supervisor)');
      await checkA11y(page, `${ctx.name} new case`);
      await shot(page, `${ctx.name}-cases-new`);
      await page.getByRole('button', { name: /^接\s*案$/ }).click();
      await caseHeading(page).waitFor();
      ctx.caseId = page.url().match(/\/cases\/([^/?]+)/)[1];
      ctx.caseNumber = (await caseHeading(page).textContent()).replace(/^个案 /, '').trim();
      await page.locator('[data-stage="intake"]').first().waitFor();
      await page.getByRole('button', { name: '提交审批:预估' }).click();
      await dialog(page).getByLabel('说明').fill('已完成初次面谈,申请开案');
      await save(page, /提交审批/);
      await page.getByText('开案待督导审批').waitFor();
      assert.equal(await page.getByRole('button', { name: '批准' }).count(), 0, 'the worker cannot approve');
      await checkA11y(page, `${ctx.name} case file (pending)`);
      await shot(page, `${ctx.name}-case-pending`);
    },
  ],
  [
    'the supervisor approves the opening from 待我审批',
    async (ctx) => {
      const { page } = ctx;
      await switchUser(ctx, 'supervisor');
      await go(ctx, '待我审批');
      const item = page.locator(`[data-approval="${ctx.caseNumber}"]`);
      await item.waitFor();
      await checkA11y(page, `${ctx.name} approvals`);
      await shot(page, `${ctx.name}-cases-approvals`);
      await item.click();
      await caseHeading(page).waitFor();
      await page.getByRole('button', { name: '批准' }).click();
      await dialog(page).getByLabel('审批意见').fill('同意开案,请一周内完成预估');
      await save(page, /批\s*准/);
      await page.locator('[data-stage="assessment"]').first().waitFor();
      assert.equal(await page.getByText('开案待督导审批').count(), 0);
      if (ctx.phone) await tab(ctx, '时间线');
      await page.locator('[data-event]').filter({ hasText: /预估/ }).first().waitFor();
    },
  ],
  [
    'sw-xihu writes the assessment and the plan and moves the case to intervention',
    async (ctx) => {
      const { page } = ctx;
      await switchUser(ctx, 'sw-xihu');
      await go(ctx, '个案看板');
      const card = page.locator(`[data-column="assessment"] [data-case="${ctx.caseNumber}"]`);
      if (ctx.phone) {
        await pick(page, page, '阶段', '预估');
      }
      // The column pages by 20: load more until the case shows (demo cases share the board).
      const more = page.locator('[data-column="assessment"]').getByRole('button', { name: '加载更多' });
      for (let i = 0; !(await card.isVisible()); i++) {
        assert.ok(i < 50, 'the case is on the board');
        if (await more.isVisible()) await more.click();
        else await page.waitForTimeout(200);
      }
      await card.click();
      await caseHeading(page).waitFor();
      await tab(ctx, '预估');
      await page.getByRole('button', { name: '填写预估' }).click();
      let dlg = dialog(page);
      await pick(dlg, page, '需求 1 的领域', '经济困难');
      await pick(dlg, page, '需求 1 的程度', '重');
      await dlg.getByRole('button', { name: '添加需求' }).click();
      await pick(dlg, page, '需求 2 的领域', '心理情绪');
      await pick(dlg, page, '需求 2 的程度', '中');
      await dlg.getByLabel('优势与资源').fill('有劳动能力,愿意求职;邻里关系良好');
      await dlg.getByLabel('预估小结').fill('经济压力引发情绪困扰,需链接临时救助与就业资源。');
      await checkA11y(page, `${ctx.name} assessment form`);
      await shot(page, `${ctx.name}-case-assessment-form`);
      await save(page);
      await page.getByText('优势与资源').first().waitFor();
      await move(ctx, '转入计划');
      await page.locator('[data-stage="plan"]').first().waitFor();
      await tab(ctx, '计划');
      await page.getByRole('button', { name: '制定计划' }).click();
      dlg = dialog(page);
      await dlg.getByLabel('目标 1').fill('三个月内恢复稳定收入');
      await dlg.getByLabel('衡量方式').fill('找到工作或领取救助');
      const iv = dlg.getByLabel('介入措施');
      await iv.fill('链接临时救助');
      await iv.press('Enter');
      await iv.fill('就业推荐');
      await iv.press('Enter');
      await save(page);
      await page.getByText('三个月内恢复稳定收入').waitFor();
      await move(ctx, '转入介入');
      await page.locator('[data-stage="intervention"]').first().waitFor();
      await checkA11y(page, `${ctx.name} case file (plan)`);
      await shot(page, `${ctx.name}-case-plan`);
    },
  ],
  [
    'a home visit is recorded (the quick form on the phone)',
    async (ctx) => {
      const { page } = ctx;
      await tab(ctx, '服务记录');
      // The header's 记录服务 (one tap from any section) opens the same form.
      await page.getByRole('button', { name: '记录服务' }).first().click();
      const dlg = dialog(page);
      await dlg.getByText('入户探访').first().waitFor();
      await dlg.getByLabel('服务记录').fill('入户探访:了解近况,协助准备临时救助申请材料。');
      await checkA11y(page, `${ctx.name} service form`);
      await shot(page, `${ctx.name}-case-service-form`);
      await save(page);
      await page
        .locator('[data-service="home_visit"]')
        .filter({ hasText: '协助准备临时救助申请材料' })
        .waitFor();
      await shot(page, `${ctx.name}-case-services`);
    },
  ],
  [
    'a case conference assigns an action; it is on the owner’s task list until done',
    async (ctx) => {
      const { page } = ctx;
      const title = `联系就业服务站推荐岗位(${ctx.name})`;
      await tab(ctx, '沟通会议');
      await page.getByRole('button', { name: '记录会议' }).click();
      const dlg = dialog(page);
      await dlg.getByRole('button', { name: '添加外部参会人' }).click();
      await dlg.getByLabel('外部参会人 1 姓名').fill('李主任');
      await dlg.getByLabel('外部参会人 1 单位').fill('凤城就业服务站');
      await dlg.getByLabel('讨论内容').fill('讨论服务对象的就业与临时救助安排。');
      await dlg.getByLabel('会议决定').fill('由社工对接就业服务站,两周内反馈。');
      await dlg.getByRole('button', { name: '添加行动事项' }).click();
      await dlg.getByLabel('事项 1').fill(title);
      await searchPick(dlg, page, '负责人', 'sw-xihu', '(sw-xihu)');
      await checkA11y(page, `${ctx.name} conference form`);
      await shot(page, `${ctx.name}-case-conference-form`);
      await save(page);
      await page.locator(`[data-action="${title}"]`).waitFor();
      await go(ctx, '我的待办');
      const item = page.locator(`[data-action="${title}"]`);
      await item.waitFor();
      await checkA11y(page, `${ctx.name} my tasks`);
      await shot(page, `${ctx.name}-cases-tasks`);
      await item.getByRole('button', { name: /标记完成/ }).click();
      await item.waitFor({ state: 'detached' });
    },
  ],
  [
    'a funding request (typed in yuan, with an attachment) is approved by the station head',
    async (ctx) => {
      const { page } = ctx;
      await openCase(ctx);
      await tab(ctx, '资金资助');
      await page.getByRole('button', { name: '申请资助' }).click();
      let dlg = dialog(page);
      await dlg.getByLabel('金额(元)').fill('1,234.5');
      await dlg.getByLabel('用途').fill(`临时生活救助(${ctx.name})`);
      await dlg.getByLabel('申请理由').fill('失业后无收入,拖欠房租两个月,申请一次性生活救助。');
      await save(page);
      const item = page.locator(`[data-funding="临时生活救助(${ctx.name})"]`);
      await item.getByText('¥1,234.50').waitFor();
      await item.getByText('待审批').waitFor();
      // A 1×1 PNG as the supporting document.
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      await item
        .locator('input[type=file]')
        .setInputFiles({ name: '租金催缴单.png', mimeType: 'image/png', buffer: png });
      await item.getByRole('link', { name: /租金催缴单\.png/ }).waitFor();
      await checkA11y(page, `${ctx.name} funding`);
      await shot(page, `${ctx.name}-case-funding`);

      await switchUser(ctx, 'station-head');
      await go(ctx, '待我审批');
      const pending = page.locator(`[data-funding="临时生活救助(${ctx.name})"]`);
      await pending.waitFor();
      await pending.getByText('¥1,234.50').waitFor();
      await pending.getByRole('button', { name: '批准资助' }).click();
      dlg = dialog(page);
      await dlg.getByLabel('审批意见').fill('符合资助办法,同意');
      await save(page, /批准资助/);
      await pending.waitFor({ state: 'detached' });
      await openCase(ctx);
      await tab(ctx, '资金资助');
      await page.locator(`[data-funding="临时生活救助(${ctx.name})"]`).getByText('已批准,待拨付').waitFor();
    },
  ],
  [
    'sw-xihu evaluates and submits closure; the supervisor approves → 结案',
    async (ctx) => {
      const { page } = ctx;
      await switchUser(ctx, 'sw-xihu');
      await openCase(ctx);
      await move(ctx, '转入评估');
      await page.locator('[data-stage="evaluation"]').first().waitFor();
      await tab(ctx, '评估与结案');
      await page.getByRole('button', { name: '填写评估' }).click();
      let dlg = dialog(page);
      await choose(dlg, '全部达成');
      await dlg.getByLabel('评估小结').fill('已领取临时救助并找到工作,情绪稳定。');
      await save(page);
      await page.getByRole('button', { name: '提交审批:结案' }).click();
      dlg = dialog(page);
      await pick(dlg, page, '结案原因', '目标达成');
      await dlg.getByLabel('服务成效').fill('收入恢复稳定,情绪平稳,按计划结案。');
      await checkA11y(page, `${ctx.name} closure form`);
      await shot(page, `${ctx.name}-case-closure-form`);
      await save(page, /提交审批/);
      await page.getByText('结案待督导审批').waitFor();

      await switchUser(ctx, 'supervisor');
      await go(ctx, '待我审批');
      await page.locator(`[data-approval="${ctx.caseNumber}"]`).click();
      await caseHeading(page).waitFor();
      await page.getByText('目标达成').first().waitFor();
      await page.getByRole('button', { name: '批准' }).click();
      await save(page, /批\s*准/);
      await page.locator('[data-stage="closed"]').first().waitFor();
      await checkA11y(page, `${ctx.name} case file (closed)`);
      await shot(page, `${ctx.name}-case-closed`);
    },
  ],
  [
    'cw-xihu (not on the care team) sees only number and stage; overdue contacts',
    async (ctx) => {
      const { page } = ctx;
      await switchUser(ctx, 'cw-xihu');
      await go(ctx, '个案看板');
      await page.locator('.ant-segmented-item').filter({ hasText: '已结束' }).click();
      const card = page.locator(`[data-case="${ctx.caseNumber}"]`);
      await card.waitFor();
      await card.getByText('仅可见编号与阶段').waitFor();
      assert.equal(await card.getByRole('link').count(), 0);
      await checkA11y(page, `${ctx.name} caseload (restricted)`);
      await shot(page, `${ctx.name}-cases-board-restricted`);
      await switchUser(ctx, 'station-head');
      await go(ctx, '逾期未联系');
      await page.getByRole('heading', { level: 2, name: '按社工' }).waitFor();
      await checkA11y(page, `${ctx.name} overdue`);
      await shot(page, `${ctx.name}-cases-overdue`);
    },
  ],
  [
    'fengcheng: case settings (a ceiling typed in yuan) and the board in English',
    async (ctx) => {
      const { page } = ctx;
      await switchUser(ctx, 'fengcheng');
      await go(ctx, '个案设置');
      const ceiling = page.getByLabel('单次申请上限(元)');
      await ceiling.waitFor();
      await checkA11y(page, `${ctx.name} case settings`);
      await shot(page, `${ctx.name}-cases-settings`);
      await ceiling.fill(ctx.phone ? '6000' : '5000.5');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('已保存').first().waitFor();
      await go(ctx, '个案看板');
      await page.getByRole('button', { name: '切换语言' }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Caseload' }).waitFor();
      await checkA11y(page, `${ctx.name} caseload (English)`);
      await shot(page, `${ctx.name}-cases-board-en`);
      await page.getByRole('button', { name: 'Switch language' }).click();
      await page.getByRole('menuitem', { name: '简体中文' }).click();
      await page.getByRole('heading', { level: 1, name: '个案看板' }).waitFor();
    },
  ],
  [
    'a child at risk: the file asks for the mandatory report, which clears the warning',
    async (ctx) => {
      const { page } = ctx;
      await switchUser(ctx, 'sw-xihu');
      const child = await chooseResident(ctx, '0-13');
      await go(ctx, '个案看板');
      await page.getByRole('button', { name: /接\s*案/ }).click();
      await searchPick(page, page, '服务对象', child.name, child.name.slice(0, 1));
      await page.getByText('服务对象为未成年人').waitFor();
      await page.getByLabel('求助/转介的主要问题').fill('学校反映孩子身上多处淤伤,疑似遭受家庭暴力。');
      await choose(page, '紧急');
      await page.getByRole('checkbox', { name: '儿童处于危险' }).check();
      await searchPick(page, page, '督导', 'supervisor', '(supervisor)');
      await page.getByRole('button', { name: /^接\s*案$/ }).click();
      await caseHeading(page).waitFor();
      await page.locator('.ant-alert').filter({ hasText: '儿童处于危险:尚未登记强制报告' }).waitFor();
      await checkA11y(page, `${ctx.name} case file (mandatory report missing)`);
      await shot(page, `${ctx.name}-case-report-missing`);
      await page.getByRole('button', { name: '登记强制报告' }).first().click();
      const dlg = dialog(page);
      await dlg.getByLabel('报告对象').fill('凤城派出所');
      await dlg.getByLabel('报告人').fill('陈社工');
      await save(page);
      await page.locator('.ant-alert').filter({ hasText: '尚未登记强制报告' }).waitFor({ state: 'detached' });
      await page.locator('.gz-list-item').filter({ hasText: '凤城派出所' }).first().waitFor();
      await page.getByRole('button', { name: '提交审批:预估' }).click();
      await save(page, /提交审批/);
      await page.getByText('开案待督导审批').waitFor();
    },
  ],
];
