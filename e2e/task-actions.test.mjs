// The task pages' actions where the eye is, and words that say what will happen: before the
// start the head's 确认完成 is disabled with the time it opens beside it (and 未到 is not offered);
// a withdrawal the server refuses because the task started on the way shows its message under
// the button, announced and clear of the tab bar; the completion question says who gets how
// many points and who gets nothing; a step on a roster another organiser completed meanwhile
// shows the refusal in that volunteer's row; the task form puts the keyboard on the first field
// it complains about.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, api, apiSignIn, launchPhone, postTaskToBuilding3, screenshot, shootEachWay, signIn, startServer } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Asserts `locator` is fully inside the viewport and above the tab bar, where the eye is. */
async function assertWhereTheEyeIs(page, locator, what) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is shown`);
  const viewport = page.viewportSize().height;
  const bar = await page.locator('.tab-bar').boundingBox();
  const limit = bar ? bar.y : viewport;
  assert.ok(box.y >= 0, `${what} starts inside the viewport (top ${box.y})`);
  assert.ok(box.y + box.height <= limit + 0.5, `${what} ends above the tab bar (bottom ${box.y + box.height}, tab bar at ${limit})`);
}

/** The user id of `name` on a task's roster, as its organiser sees it. */
async function rosterId(base, token, taskId, name) {
  const roster = await api(base, token, 'GET', `/tasks/${taskId}/roster`);
  return roster.volunteers.find((v) => v.name === name).user_id;
}

describe('task actions: disabled with the reason, errors at the button, completion said exactly', () => {
  let server;
  let head;
  let resident;
  let tokens;
  const n = Date.now() % 100000;
  let tomorrow; // a task tomorrow: everything before the start
  let today; // a task starting during this file: the start passes while it runs
  let todayStartsAt;

  before(async () => {
    server = await startServer();
    [head, resident] = await Promise.all([launchPhone(), launchPhone()]);
    await Promise.all([signIn(head.page, server.base, DEMO.head), signIn(resident.page, server.base, DEMO.resident)]);
    const who = ['head', 'resident', 'volunteer', 'unitHead', 'staff'];
    tokens = Object.fromEntries(await Promise.all(who.map(async (k) => [k, await apiSignIn(server.base, DEMO[k])])));
    tomorrow = await postTaskToBuilding3(server.base, tokens.head, Date.now() + 86400e3, {
      title: `楼道消防检查 ${n}`, place: '3栋楼下', points: 20,
    });
    todayStartsAt = Date.now() + 40_000;
    today = await postTaskToBuilding3(server.base, tokens.head, todayStartsAt, {
      title: `清理楼道 ${n}`, place: '3栋1单元门口', points: 20,
    });
    for (const k of ['resident', 'volunteer', 'unitHead']) {
      await api(server.base, tokens[k], 'PUT', `/tasks/${today.id}/enrollment`, {});
    }
    await api(server.base, tokens.resident, 'PUT', `/tasks/${tomorrow.id}/enrollment`, {});
  });
  after(async () => {
    await Promise.all([head, resident].map((p) => p?.close()));
    await server?.stop();
  });

  test('a withdrawal that reaches the server after the start shows its refusal under the button', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/tasks/${today.id}`);
    await page.getByRole('button', { name: '取消报名' }).click();
    const yes = page.getByRole('button', { name: '确定取消' });
    await yes.waitFor();
    // Tapped a few seconds before the start on a slow network: it arrives after.
    await sleep(Math.max(0, todayStartsAt - Date.now() - 4000));
    await page.route('**/api/v1/tasks/*/enrollment', async (route) => {
      await sleep(Math.max(0, todayStartsAt - Date.now() + 2000));
      await route.continue();
    }, { times: 1 });
    await yes.click();
    const alert = page.locator('.my-status').getByRole('alert').filter({ hasText: '活动已开始，不能再报名或取消' });
    await alert.waitFor();
    assert.equal(await alert.getAttribute('aria-live'), 'assertive');
    await assertWhereTheEyeIs(page, alert, 'the refusal');
    // The page now shows the task as it is: no withdrawal, the site code to check in.
    await page.getByLabel('签到码（6位数字）').waitFor();
    assert.equal(await page.getByRole('button', { name: '取消报名' }).count(), 0);
    await assertWhereTheEyeIs(page, alert, 'the refusal after the page caught up');
    await screenshot(page, 'tasks-withdraw-refused-zh');
    const stored = await api(server.base, tokens.resident, 'GET', `/tasks/${today.id}`);
    assert.equal(stored.my_enrollment.state, 'joined', 'the server kept her place');
  });

  test('before the start the head is told when completion opens, and 确认完成 says why it is disabled', async () => {
    const { page } = head;
    await page.goto(`${server.base}/tasks/${tomorrow.id}`);
    const note = page.locator('.actions .muted');
    await note.filter({ hasText: /^活动 \d+月\d+日 周. \d+:\d\d 开始。开始后在签到管理为志愿者签到、登记未到、确认完成。$/ }).waitFor();
    await note.scrollIntoViewIfNeeded();
    await assertWhereTheEyeIs(page, note, 'the organiser note');
    await shootEachWay(page, 'tasks-detail-head-before-start', () => page.locator('.actions .muted').waitFor());

    await page.goto(`${server.base}/tasks/${tomorrow.id}/roster`);
    const row = page.locator('.roster__row', { hasText: DEMO.resident.name });
    await row.getByRole('button', { name: `签到 ${DEMO.resident.name}` }).waitFor();
    assert.equal(await row.getByRole('button', { name: /未到/ }).count(), 0, 'no-show is not offered before the start');
    assert.ok(await page.getByText('活动开始后才能登记“未到”').isVisible());
    const complete = page.getByRole('button', { name: '确认完成', exact: true });
    assert.ok(await complete.isDisabled(), '确认完成 is disabled before the start');
    const reason = page.locator('#complete-when');
    assert.match(await reason.innerText(), /^活动开始后才能确认完成（\d+月\d+日 周. \d+:\d\d 开始）$/);
    assert.equal(await complete.getAttribute('aria-describedby'), 'complete-when');
    await reason.scrollIntoViewIfNeeded();
    await assertWhereTheEyeIs(page, reason, 'the reason');
    await assertWhereTheEyeIs(page, complete, 'the disabled button beside it');
    await shootEachWay(page, 'tasks-roster-before-start', async () => {
      await page.locator('#complete-when').scrollIntoViewIfNeeded();
    });

    // The volunteer is told when she can check in.
    await resident.page.goto(`${server.base}/tasks/${tomorrow.id}`);
    await resident.page.getByText(/^\d+月\d+日 周. \d+:\d\d 起可在这里输入现场签到码签到$/).waitFor();
  });

  test('the completion question says who gets how many points and who gets nothing', async () => {
    await sleep(Math.max(0, todayStartsAt - Date.now() + 1500));
    const [volunteer, unitHead] = await Promise.all([
      rosterId(server.base, tokens.head, today.id, DEMO.volunteer.name),
      rosterId(server.base, tokens.head, today.id, DEMO.unitHead.name),
    ]);
    // One volunteer in and out, one in and never out, one (the resident) never in.
    for (const step of [`${volunteer}/check_in`, `${volunteer}/check_out`, `${unitHead}/check_in`]) {
      await api(server.base, tokens.head, 'PUT', `/tasks/${today.id}/roster/${step}`, {});
    }
    const { page } = head;
    await page.goto(`${server.base}/tasks/${today.id}/roster`);
    const ask = async () => {
      await page.getByRole('button', { name: '确认完成', exact: true }).or(page.getByRole('button', { name: 'Confirm completion', exact: true })).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      const english = await page.evaluate(() => localStorage.getItem('linli.locale') === 'en');
      const expected = english
        ? [
          '2 checked-in volunteers get 20 points each, 40 in all (per person, whatever the hours)',
          'Hours are recorded from check-in to check-out; 1 volunteer not checked out is recorded for the whole 2 h',
          '1 volunteer signed up but did not check in: marked no-show, no points',
        ]
        : [
          '2 位已签到的志愿者每人获得 20 积分，共 40 积分（按人发放，与时长无关）',
          '服务时长按签到到签退记录；1 位没有签退，按活动全程 2小时 记录',
          '1 位报名了但没有签到，记为未到，不获得积分',
        ];
      const lines = dialog.locator('.complete-outcome li');
      await lines.filter({ hasText: expected[0] }).waitFor();
      assert.deepEqual(await lines.allInnerTexts(), expected);
      assert.doesNotMatch(await dialog.innerText(), /按服务时长|for their time/);
      await dialog.scrollIntoViewIfNeeded();
    };
    await ask();
    await shootEachWay(page, 'tasks-completion-dialog', ask);
    await page.getByRole('button', { name: '取消', exact: true }).click();
  });

  test('a step on a roster another organiser completed meanwhile shows the refusal in that row', async () => {
    const { page } = head;
    await page.goto(`${server.base}/tasks/${today.id}/roster`);
    const row = page.locator('.roster__row', { hasText: DEMO.resident.name });
    const checkIn = row.getByRole('button', { name: `签到 ${DEMO.resident.name}` });
    await checkIn.waitFor();
    // Staff confirm completion from their own phone while the head's page is open.
    const done = await api(server.base, tokens.staff, 'POST', `/tasks/${today.id}/complete`, {});
    assert.equal(done.attendees, 2);
    await checkIn.click();
    const alert = row.getByRole('alert').filter({ hasText: '活动已确认完成' });
    await alert.waitFor();
    await assertWhereTheEyeIs(page, alert, 'the row refusal');
    await screenshot(page, 'tasks-roster-error-zh');
    assert.equal((await api(server.base, tokens.head, 'GET', `/tasks/${today.id}/roster`))
      .volunteers.find((v) => v.name === DEMO.resident.name).enrollment.state, 'no_show', 'the completion stands');

    // 确认完成 on the same stale page: refused, said under it, and the page shows it completed.
    await page.getByRole('button', { name: '确认完成', exact: true }).click();
    // (The question, asked from the roster as it now is, no longer promises points.)
    await page.getByRole('alertdialog').getByRole('button', { name: /^确认完成/ }).click();
    const refused = page.locator('.actions').getByRole('alert').filter({ hasText: '活动已确认完成' });
    await refused.waitFor();
    await page.getByText('活动已确认完成，积分已发放').waitFor();
    await assertWhereTheEyeIs(page, refused, 'the completion refusal');

    // The same refusal in each language and text size, on the roster of tomorrow's task (the
    // step goes to today's, completed, so the server refuses it each time).
    await page.goto(`${server.base}/tasks/${tomorrow.id}/roster`);
    await shootEachWay(page, 'tasks-roster-error', async () => {
      await page.route(`**/api/v1/tasks/${tomorrow.id}/roster/*/check_in`,
        (route) => route.continue({ url: route.request().url().replace(`/tasks/${tomorrow.id}/`, `/tasks/${today.id}/`) }),
        { times: 1 });
      const line = page.locator('.roster__row', { hasText: DEMO.resident.name });
      await line.getByRole('button', { name: new RegExp(`^(签到|In) ${DEMO.resident.name}$`) }).click();
      const message = line.getByRole('alert').filter({ hasText: /活动已确认完成|already been completed/ });
      await message.waitFor();
      await assertWhereTheEyeIs(page, message, 'the row refusal');
    });
  });

  test('the task form puts the keyboard on the first field it complains about', async () => {
    const { page } = head;
    await page.goto(`${server.base}/tasks/new`);
    await page.getByLabel('地点').fill('3栋楼下');
    await page.getByRole('button', { name: '发布任务' }).click();
    await page.locator('#title-error').filter({ hasText: '请填写此项' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'title');
    await assertWhereTheEyeIs(page, page.getByLabel('活动名称'), 'the first field with a message');
  });

  test('nothing went wrong in the pages', () => {
    for (const phone of [head, resident]) assert.deepEqual(phone.problems, []);
  });
});
