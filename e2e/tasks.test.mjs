// Volunteer tasks and the love bank end to end: the building head posts a task; a full task
// offers the waitlist and promotes from it; a resident joins a task, checks in with the site
// code, is checked out and confirmed by the organiser, and sees the credit in 积分; she redeems
// a reward for a voucher that staff mark used; the leaderboard shows her rank.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, api, apiSignIn, expectAccessible, postTaskToBuilding3, launchPhone, screenshot, setElderMode, signIn, startServer } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A Shanghai wall-clock time `days` from now at `hh:mm`, as a datetime-local input holds it. */
function shanghaiInput(days, hhmm) {
  const day = new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
  return `${day}T${hhmm}`;
}

/** The balance shown big on 积分. */
async function balance(page, base) {
  await page.goto(`${base}/points`);
  const number = page.locator('.balance-card__number');
  await number.waitFor();
  return Number(await number.innerText());
}

describe('tasks and points: post, join, waitlist, check in, credit, redeem', () => {
  let server;
  let head;
  let resident;
  let volunteer;
  let staff;
  const n = Date.now() % 100000;
  const waitTitle = `四点半课堂助教 ${n}`;
  const creditTitle = `清理楼道 ${n}`;
  let waitUrl;
  let creditId;
  let creditStartsAt;

  before(async () => {
    server = await startServer();
    [head, resident, volunteer, staff] = await Promise.all([launchPhone(), launchPhone(), launchPhone(), launchPhone()]);
    await Promise.all([
      signIn(head.page, server.base, DEMO.head),
      signIn(resident.page, server.base, DEMO.resident),
      signIn(volunteer.page, server.base, DEMO.volunteer),
      signIn(staff.page, server.base, DEMO.staff),
    ]);
  });
  after(async () => {
    await Promise.all([head, resident, volunteer, staff].map((p) => p?.close()));
    await server?.stop();
  });

  test('the building head posts a task; the draft survives a reload; errors show at the field', async () => {
    const { page } = head;
    await page.goto(`${server.base}/tasks`);
    await page.getByRole('link', { name: '发布任务' }).click();
    await page.waitForURL(`${server.base}/tasks/new`);
    await page.getByLabel('活动名称').fill(waitTitle);
    await page.getByLabel('类别').selectOption('children');
    await page.getByLabel('地点').fill('社区党群服务中心 二楼');
    await page.getByLabel('开始时间').fill(shanghaiInput(1, '16:30'));
    await page.getByLabel('结束时间').fill(shanghaiInput(1, '18:00'));
    await page.getByLabel('名额（人）').fill('1');
    await page.getByLabel('每人奖励积分').fill('30');
    await page.locator('#target option').filter({ hasText: /3栋$/ }).first().waitFor({ state: 'attached' });
    const building = await page.locator('#target option').filter({ hasText: /3栋$/ }).first().getAttribute('value');
    await page.getByLabel('面向范围').selectOption(building);
    await page.getByLabel('活动说明').fill('辅导三年级孩子写作业，请带一支红笔。');
    await page.reload();
    await page.getByRole('status').filter({ hasText: '已恢复您上次未发送的内容' }).waitFor();
    assert.equal(await page.getByLabel('活动名称').inputValue(), waitTitle);
    assert.equal(await page.getByLabel('名额（人）').inputValue(), '1');
    await page.locator('#target').waitFor();
    assert.equal(await page.getByLabel('面向范围').inputValue(), building);
    await expectAccessible(page, 'task compose');
    await screenshot(page, 'tasks-compose-zh');

    await page.getByLabel('活动名称').fill('');
    await page.getByLabel('结束时间').fill(shanghaiInput(1, '15:00'));
    await page.getByRole('button', { name: '发布任务' }).click();
    await page.locator('#title-error').filter({ hasText: '请填写此项' }).waitFor();
    await page.locator('#ends_at-error').filter({ hasText: '结束时间要晚于开始时间' }).waitFor();
    await page.getByLabel('活动名称').fill(waitTitle);
    await page.getByLabel('结束时间').fill(shanghaiInput(1, '18:00'));
    await page.getByRole('button', { name: '发布任务' }).click();
    await page.waitForURL(/\/tasks\/\d+$/);
    waitUrl = page.url();
    await page.getByRole('heading', { level: 2, name: waitTitle }).waitFor();
    assert.match(await page.locator('.task-facts').innerText(), /16:30–18:00/);
    assert.ok(await page.getByRole('link', { name: '签到管理' }).isVisible(), 'the organiser may run it');
  });

  test('a full task offers the waitlist, and a withdrawal promotes from it', async () => {
    await volunteer.page.goto(waitUrl);
    await volunteer.page.getByRole('button', { name: '报名', exact: true }).click();
    await volunteer.page.locator('.my-status__line').filter({ hasText: '已报名' }).waitFor();

    const { page } = resident;
    await page.goto(`${server.base}/tasks`);
    const card = page.locator('.task-card', { hasText: waitTitle });
    await card.waitFor();
    assert.match(await card.innerText(), /已满，可候补/);
    await card.click();
    await page.getByRole('heading', { level: 2, name: waitTitle }).waitFor();
    await page.getByRole('button', { name: '候补报名' }).click();
    await page.locator('.my-status__line').filter({ hasText: '候补第 1 位' }).waitFor();
    await expectAccessible(page, 'task on the waitlist');
    await screenshot(page, 'tasks-waitlist-zh');

    await volunteer.page.getByRole('button', { name: '取消报名' }).click();
    await volunteer.page.getByRole('button', { name: '确定取消' }).click();
    await volunteer.page.locator('.my-status__line').filter({ hasText: '您已取消报名' }).waitFor();
    await page.reload();
    await page.locator('.my-status__line').filter({ hasText: '已报名' }).waitFor();
  });

  test('the list shows time, place, organiser, reward and places; filters narrow it', async () => {
    const token = await apiSignIn(server.base, DEMO.head);
    // Starts in half a minute: joins close at the start, check-in and confirmation open then.
    creditStartsAt = Date.now() + 30_000;
    const task = await postTaskToBuilding3(server.base, token, creditStartsAt, {
      title: creditTitle, description: '3栋1单元到6单元楼道杂物清理，请戴手套。', place: '3栋楼下', points: 20,
    });
    creditId = task.id;

    const { page } = resident;
    await page.goto(`${server.base}/tasks`);
    const card = page.locator('.task-card', { hasText: creditTitle });
    await card.waitFor();
    const text = await card.innerText();
    // "11月25日 周三 9:00–11:00", or with the end's own day when it runs past midnight.
    assert.match(text, /\d+月\d+日 周. \d+:\d\d ?– ?(\d+月\d+日 周. )?\d+:\d\d/);
    assert.match(text, /3栋楼下/);
    assert.match(text, /组织者：刘伟忠/);
    assert.match(text, /20 积分/);
    assert.match(text, /还剩 5 个名额/);
    await expectAccessible(page, 'task list');
    await screenshot(page, 'tasks-list-zh');

    await page.getByRole('button', { name: '关爱儿童' }).click();
    await page.locator('.task-card', { hasText: waitTitle }).waitFor();
    await page.locator('.task-card', { hasText: creditTitle }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.locator('.task-card', { hasText: creditTitle }).waitFor();

    await card.click();
    await page.getByRole('button', { name: '报名', exact: true }).click();
    await page.locator('.my-status__line').filter({ hasText: '已报名' }).waitFor();
    await expectAccessible(page, 'task joined');
    await screenshot(page, 'tasks-detail-zh');
    await page.goto(`${server.base}/tasks/mine`);
    await page.locator('.task-card', { hasText: creditTitle }).waitFor();
  });

  test('the resident checks in with the site code; the organiser checks her out and confirms', async () => {
    const before = await balance(resident.page, server.base);
    await sleep(Math.max(0, creditStartsAt - Date.now() + 1500));

    await head.page.goto(`${server.base}/tasks/${creditId}/roster`);
    const code = head.page.locator('.big-code');
    await code.filter({ hasText: /^\d{6}$/ }).waitFor();
    const digits = await code.innerText();
    await expectAccessible(head.page, 'roster');

    const { page } = resident;
    await page.goto(`${server.base}/tasks/${creditId}`);
    await page.getByLabel('签到码（6位数字）').fill(digits);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.locator('.my-status__line').filter({ hasText: '已签到' }).waitFor();

    await head.page.getByRole('button', { name: '刷新' }).click();
    await head.page.getByRole('button', { name: `签退 ${DEMO.resident.name}` }).click();
    await head.page.locator('.roster__row', { hasText: DEMO.resident.name }).filter({ hasText: '已签退' }).waitFor();
    await screenshot(head.page, 'tasks-roster-zh');
    await head.page.getByRole('button', { name: '确认完成', exact: true }).click();
    await head.page.getByRole('button', { name: '确认完成并发放积分' }).click();
    await head.page.getByRole('status').filter({ hasText: /1 位志愿者共获得 20 积分/ }).waitFor();

    const after = await balance(page, server.base);
    assert.equal(after, before + 20);
    const first = page.locator('.ledger__row').first();
    await first.waitFor();
    const line = await first.innerText();
    assert.match(line, new RegExp(`参加 ${creditTitle} 志愿活动 \\d+ 分钟`));
    assert.match(line, /\+20/);
    assert.equal(await first.getByRole('link', { name: '查看活动' }).getAttribute('href'), `/tasks/${creditId}`);
    await expectAccessible(page, 'points');
    await screenshot(page, 'points-balance-zh');
  });

  test('the resident redeems a reward and sees her voucher; staff mark it used', async () => {
    const { page } = resident;
    const before = await balance(page, server.base);
    await page.getByRole('link', { name: '爱心超市' }).click();
    await page.waitForURL(`${server.base}/points/rewards`);
    await page.locator('.reward-card').first().waitFor();
    const affordable = page.locator('.reward-card').filter({ has: page.getByRole('button', { name: /^兑换 /, disabled: false }) }).first();
    const name = await affordable.locator('.reward-card__name').innerText();
    const price = Number((await affordable.locator('.reward-card__price').innerText()).match(/\d+/)[0]);
    await expectAccessible(page, 'rewards');
    await screenshot(page, 'points-rewards-zh');
    await affordable.getByRole('button', { name: /^兑换 / }).click();
    const sheet = page.getByRole('dialog');
    await sheet.waitFor();
    assert.match(await sheet.innerText(), new RegExp(`兑换后剩 ${before - price} 积分`));
    await expectAccessible(page, 'redeem sheet');
    await screenshot(page, 'points-redeem-zh');
    await sheet.getByRole('button', { name: '确认兑换' }).click();
    await page.waitForURL(/\/points\/vouchers\/\d+$/);
    const code = (await page.locator('.voucher__code').innerText()).trim();
    assert.ok(code.length >= 4, `voucher code ${code}`);
    assert.match(await page.locator('.voucher').innerText(), new RegExp(name));
    assert.match(await page.locator('.voucher').innerText(), /未使用/);
    await expectAccessible(page, 'voucher');
    await screenshot(page, 'points-voucher-zh');
    assert.equal(await balance(page, server.base), before - price);

    await staff.page.goto(`${server.base}/points`);
    await staff.page.getByRole('link', { name: '积分管理' }).click();
    await staff.page.getByLabel('兑换码').fill(code);
    await staff.page.getByRole('button', { name: '查询兑换券' }).click();
    await staff.page.getByRole('button', { name: '核销', exact: true }).click();
    await staff.page.getByRole('status').filter({ hasText: '已核销' }).waitFor();
    await expectAccessible(staff.page, 'points desk');

    await page.goto(`${server.base}/points/vouchers`);
    await page.locator('.voucher-row', { hasText: code }).filter({ hasText: '已使用' }).waitFor();
  });

  test('the leaderboard masks names and shows my rank', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/points/leaderboard`);
    await page.locator('.my-rank').filter({ hasText: /我的排名：第 \d+ 名/ }).waitFor();
    await page.locator('.leaderboard__row').first().waitFor();
    for (const row of await page.locator('.leaderboard__row').allInnerTexts()) assert.match(row, /\*/, `masked: ${row}`);
    assert.equal(await page.locator('.leaderboard__row', { hasText: '王秀英' }).count(), 0);
    await page.getByRole('button', { name: '总榜' }).click();
    await page.locator('.leaderboard__row').first().waitFor();
    await expectAccessible(page, 'leaderboard');
    await screenshot(page, 'points-leaderboard-zh');
  });

  test('in elder mode the pages are large and clear', async () => {
    const { page } = resident;
    await setElderMode(page, server.base, true);
    await page.goto(`${server.base}/tasks`);
    await page.locator('.task-card').first().waitFor();
    const height = await page.evaluate(() => document.querySelector('.toggle').getBoundingClientRect().height);
    assert.ok(height >= 60, `filter buttons are ${height}px tall`);
    await expectAccessible(page, 'tasks in elder mode');
    await screenshot(page, 'tasks-list-elder');
    await page.goto(waitUrl);
    await page.getByRole('button', { name: '取消报名' }).waitFor();
    const button = await page.evaluate(() => document.querySelector('.my-status .button').getBoundingClientRect().height);
    assert.ok(button >= 60, `the button is ${button}px tall`);
    await screenshot(page, 'tasks-detail-elder');
    await page.goto(`${server.base}/points`);
    await page.locator('.ledger__row').first().waitFor();
    await expectAccessible(page, 'points in elder mode');
    await screenshot(page, 'points-elder');
    await page.goto(`${server.base}/points/rewards`);
    await page.locator('.reward-card').first().waitFor();
    await screenshot(page, 'points-rewards-elder');
    await setElderMode(page, server.base, false);
  });

  test('nothing went wrong in the pages', () => {
    for (const phone of [head, resident, volunteer, staff]) assert.deepEqual(phone.problems, []);
  });
});
