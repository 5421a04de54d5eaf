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

/** A valid 18-digit resident ID (GB 11643 check character) from its first 17 digits. */
function residentId(first17) {
  const sum = [...first17].reduce((a, d, i) => a + Number(d) * (2 ** (17 - i) % 11), 0);
  return first17 + '10X98765432'[sum % 11];
}

async function logout(ctx) {
  const { page } = ctx;
  await page.getByRole('button', { name: '用户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
}

async function login(ctx, username) {
  const { page, server } = ctx;
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(server.password(username));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** The resident each viewport registers (different people: both runs share one server). */
const resident = (ctx) =>
  ctx.phone
    ? { name: '欧阳晓峰', id: residentId('44180219900305246'), phone: '13922205678', room: '502' }
    : { name: '欧阳晓岚', id: residentId('44180219850612123'), phone: '13922201234', room: '302' };
const purpose = (ctx) => `核实临时救助申请材料(${ctx.name})`;

/** Finds the resident by name in the list and opens their page. */
async function openResident(ctx, name) {
  const { page } = ctx;
  await go(ctx, '居民');
  const search = page.getByPlaceholder('姓名或拼音首字母');
  await search.fill(name);
  await search.press('Enter');
  await page.waitForURL(/name=/);
  const item = ctx.phone
    ? page.locator('.gz-person-card').first()
    : page.locator('.ant-table-row').first().getByRole('link');
  const rows = page.locator('.ant-table-row, .gz-person-card');
  for (let i = 0; (await rows.count()) !== 1; i++) {
    assert.ok(i < 100, 'exactly one person matches the name');
    await page.waitForTimeout(100);
  }
  await item.click();
  await page.getByRole('heading', { level: 2, name: '基本信息' }).waitFor();
}

/** Reveals the open resident's ID number with a purpose (the server logs it). */
async function revealId(ctx, why, check = false) {
  const { page } = ctx;
  await page.getByRole('button', { name: '查看明文' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByRole('checkbox', { name: '证件号码' }).check();
  await dlg.getByLabel('用途').fill(why);
  if (check) {
    await checkA11y(page, `${ctx.name} reveal dialog`);
    await shot(page, `${ctx.name}-reveal-dialog`);
  }
  await dlg.getByRole('button', { name: '查看并记录' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.getByText(`已记录访问日志:用途“${why}”`).waitFor();
}

/** The import file's headers (contracts/people-io.ts IMPORT_COLUMNS, as in the template). */
const IMPORT_COLUMNS = [
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
];
/** A CSV import file as a spreadsheet program saves it: UTF-8 with BOM, CRLF. */
const importCsv = (rows) =>
  Buffer.from(
    `\ufeff${[IMPORT_COLUMNS.join(','), ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\r\n')}\r\n`,
    'utf8',
  );
/** The two residents each viewport imports into 西湖花园 4栋. */
const imported = (ctx) =>
  (ctx.phone
    ? [
        ['上官导入甲', '44180219680917351', '601'],
        ['上官导入乙', '44180219700203352', '602'],
      ]
    : [
        ['司马导入甲', '44180219680917341', '701'],
        ['司马导入乙', '44180219700203342', '702'],
      ]
  ).map(([name, first17, room]) => ({
    姓名: name,
    证件类型: '居民身份证',
    证件号码: residentId(first17),
    手机号: `1390000${first17.slice(-4)}`,
    社区统计代码: '441802006019',
    小区: '西湖花园',
    楼栋号: '4',
    单元: '1',
    房号: room,
  }));
const importPurpose = (ctx) => `核对批量导入信息(${ctx.name})`;

async function uploadCsv(page, buffer) {
  await page.locator('.ant-upload input[type=file]').setInputFiles({
    name: '居民导入.csv',
    mimeType: 'text/csv',
    buffer,
  });
  await page.getByText('居民导入.csv').waitFor();
  await page.getByRole('button', { name: '开始导入' }).click();
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
    'residents: cw-xihu starts on 我的社区的居民',
    async (ctx) => {
      const { page } = ctx;
      await logout(ctx);
      await login(ctx, 'cw-xihu');
      await go(ctx, '居民');
      await page.getByText('我的社区的居民 · 西湖社区').first().waitFor();
      await page.locator('.ant-table-row, .gz-person-card, .ant-empty').first().waitFor();
      await checkA11y(page, `${ctx.name} residents`);
      await shot(page, `${ctx.name}-residents`);
    },
  ],
  [
    'register a resident in 西湖花园 4栋 (a wrong check digit shows on the field)',
    async (ctx) => {
      const { page } = ctx;
      const r = resident(ctx);
      await page.getByRole('button', { name: '登记居民' }).click();
      await page.getByRole('heading', { level: 1, name: '登记居民' }).waitFor();
      await page.getByLabel('姓名', { exact: true }).fill(r.name);
      const wrong = r.id.slice(0, 17) + (r.id[17] === '0' ? '1' : '0');
      await page.getByLabel('证件号码', { exact: true }).fill(wrong);
      await page.getByLabel('联系电话', { exact: true }).fill(r.phone);
      const building = page.getByLabel('楼栋', { exact: true });
      await building.click();
      await building.fill('西湖花园4栋');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="西湖花园4栋"]')
        .click();
      await page.getByLabel('单元', { exact: true }).fill('1');
      await page.getByLabel('房号', { exact: true }).fill(r.room);
      await checkA11y(page, `${ctx.name} register resident`);
      await shot(page, `${ctx.name}-resident-create`);
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.locator('.ant-form-item-explain-error').filter({ hasText: '校验位' }).waitFor();
      await page.getByLabel('证件号码', { exact: true }).fill(r.id);
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: '基本信息' }).waitFor();
      await page.getByText('已登记居民').waitFor();
    },
  ],
  [
    'find the resident by name, reveal the ID with a purpose, see it in the clear',
    async (ctx) => {
      const { page } = ctx;
      const r = resident(ctx);
      await openResident(ctx, r.name);
      const id = page.locator('[data-field="idNumber"]');
      assert.match(await id.textContent(), /^\d{6}\*+\w{4}$/, 'the ID number is masked');
      assert.ok(!(await page.locator('main').textContent()).includes(r.id), 'no clear ID on the page');
      await checkA11y(page, `${ctx.name} resident`);
      await shot(page, `${ctx.name}-resident`);
      await revealId(ctx, purpose(ctx), true);
      assert.equal(await id.textContent(), r.id);
      await checkA11y(page, `${ctx.name} resident revealed`);
      await shot(page, `${ctx.name}-resident-revealed`);
    },
  ],
  [
    'leaving the page masks it again; household and consent',
    async (ctx) => {
      const { page } = ctx;
      const r = resident(ctx);
      await openResident(ctx, r.name);
      assert.match(await page.locator('[data-field="idNumber"]').textContent(), /\*/, 'masked again');
      await page.getByRole('button', { name: '以本人为户主建户' }).click();
      await page.getByText('已建户').waitFor();
      await page.getByRole('button', { name: '登记同意' }).click();
      const dlg = page.getByRole('dialog');
      await dlg.getByLabel('具体内容').fill('社区居民信息登记与服务');
      await dlg.getByRole('button', { name: '保存' }).click();
      await dlg.waitFor({ state: 'hidden' });
      await page.locator('.gz-list-item').filter({ hasText: '个人信息处理' }).getByText('有效').waitFor();
      await page.getByRole('link', { name: '查看户信息' }).click();
      await page.getByRole('heading', { level: 1, name: '户信息' }).waitFor();
      await page.locator('.gz-person-card').filter({ hasText: '户主' }).waitFor();
      await checkA11y(page, `${ctx.name} household`);
      await shot(page, `${ctx.name}-household`);
    },
  ],
  [
    'import residents from a CSV: a bad check digit imports nothing, the fixed file imports both',
    async (ctx) => {
      const { page } = ctx;
      const rows = imported(ctx);
      await go(ctx, '居民');
      await page.getByRole('button', { name: '批量导入' }).click();
      await page.getByRole('heading', { level: 1, name: '居民导入' }).waitFor();
      const template = page.getByRole('link', { name: /下载导入模板/ });
      assert.match(await template.getAttribute('href'), /\/api\/v1\/people\/import-template\?tenantId=/);
      await checkA11y(page, `${ctx.name} import`);
      await shot(page, `${ctx.name}-import-template`);
      await page.getByRole('button', { name: '下一步' }).click();
      const bad = rows.map((r, i) =>
        i === 1 ? { ...r, 证件号码: r.证件号码.slice(0, 17) + (r.证件号码[17] === '0' ? '1' : '0') } : r,
      );
      await uploadCsv(page, importCsv(bad));
      await page.getByText('整个文件未导入,请修改错误后重新导入').waitFor();
      await page.getByText('证件号码校验位不正确').first().waitFor();
      const report = page.getByRole('link', { name: /下载错误报告/ });
      const href = await report.getAttribute('href');
      assert.match(href, /^\/api\/v1\/jobs\/[^/]+\/report$/);
      const res = await page.request.get(`${ctx.server.base}${href}`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'], /spreadsheetml/);
      await checkA11y(page, `${ctx.name} import failed`);
      await shot(page, `${ctx.name}-import-failed`);
      await page.getByRole('button', { name: '修改文件后重新导入' }).click();
      await uploadCsv(page, importCsv(rows));
      await page.getByText('导入成功:已登记 2 人').waitFor();
      await checkA11y(page, `${ctx.name} import succeeded`);
      await shot(page, `${ctx.name}-import-succeeded`);
      await openResident(ctx, rows[1].姓名);
      await revealId(ctx, importPurpose(ctx));
      assert.equal(await page.locator('[data-field="idNumber"]').textContent(), rows[1].证件号码);
    },
  ],
  [
    'fengcheng sees the reveal with its purpose in 敏感数据访问',
    async (ctx) => {
      const { page } = ctx;
      await logout(ctx);
      await login(ctx, 'fengcheng');
      await go(ctx, '敏感数据访问');
      await page
        .locator('.ant-table-row')
        .filter({ hasText: purpose(ctx) })
        .first()
        .waitFor();
      await page
        .locator('.ant-table-row')
        .filter({ hasText: importPurpose(ctx) })
        .first()
        .waitFor();
      await shot(page, `${ctx.name}-access-log-reveal`);
    },
  ],
  [
    'fengcheng: volunteer, export personal data, delete personal data; retention settings',
    async (ctx) => {
      const { page } = ctx;
      const [first] = imported(ctx);
      await openResident(ctx, first.姓名);
      await page.getByRole('button', { name: '登记为志愿者' }).click();
      let dlg = page.getByRole('dialog');
      await dlg.getByRole('checkbox', { name: '周末' }).check();
      await dlg.getByRole('button', { name: /保\s*存/ }).click();
      await dlg.waitFor({ state: 'hidden' });
      await page.getByText('已实名').waitFor();
      await checkA11y(page, `${ctx.name} resident (rights)`);
      await shot(page, `${ctx.name}-resident-rights`);
      await page.getByRole('button', { name: '导出本人信息' }).click();
      dlg = page.getByRole('dialog');
      await dlg.getByLabel('用途').fill('答复本人查阅申请');
      const download = page.waitForEvent('download');
      await dlg.getByRole('button', { name: /导\s*出/ }).click();
      assert.match((await download).suggestedFilename(), /\.xlsx$/);
      await dlg.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '删除个人信息' }).click();
      dlg = page.getByRole('dialog');
      await checkA11y(page, `${ctx.name} erase dialog`);
      await shot(page, `${ctx.name}-erase-dialog`);
      await dlg.getByLabel('删除原因').fill('本人申请删除');
      await dlg.getByRole('button', { name: /删\s*除/ }).click();
      await dlg.waitFor({ state: 'hidden' });
      await page.getByText('已匿名化').first().waitFor();
      assert.ok(!(await page.locator('main').textContent()).includes(first.姓名), 'the name is gone');
      await go(ctx, '保存期限');
      await page.locator('.ant-table-row').first().waitFor();
      await checkA11y(page, `${ctx.name} retention`);
      await shot(page, `${ctx.name}-retention`);
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
