// Staff run the community from the app: they edit a task and cancel it with a reason, and the
// resident who joined sees 已取消 with the reason on the task and in 我的任务; they cancel an
// order with a reason, and the resident reads "社区取消：…" on the order and the points back
// (已退回) in 积分明细; they download a 台账 from 我的 → 台账导出 (an XLSX named in Chinese).
// Each new screen is photographed in Chinese, English and 特大, axe-checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO, api, apiSignIn, launchPhone, postTaskToBuilding3, shootEachWay, signIn, startServer } from './harness.mjs';

describe('staff edit and cancel tasks, cancel orders, and export the 台账', () => {
  let server;
  let staff;
  let resident;
  let tokens;
  const n = Date.now() % 100000;

  before(async () => {
    server = await startServer();
    [staff, resident] = await Promise.all([launchPhone(), launchPhone()]);
    await Promise.all([signIn(staff.page, server.base, DEMO.staff), signIn(resident.page, server.base, DEMO.resident)]);
    const who = ['head', 'resident', 'volunteer', 'staff'];
    tokens = Object.fromEntries(await Promise.all(who.map(async (k) => [k, await apiSignIn(server.base, DEMO[k])])));
  });
  after(async () => {
    for (const phone of [staff, resident]) {
      assert.deepEqual(phone?.problems ?? [], [], 'no page errors');
    }
    await Promise.all([staff, resident].map((p) => p?.close()));
    await server?.stop();
  });

  test('staff edit a task, then cancel it; the resident who joined sees 已取消 with the reason', async () => {
    const startsAt = Date.now() + 2 * 86400e3;
    const task = await postTaskToBuilding3(server.base, tokens.head, startsAt, { title: `清理楼道 ${n}`, place: '3栋楼下' });
    await api(server.base, tokens.resident, 'PUT', `/tasks/${task.id}/enrollment`, {});

    // 修改活动: the form comes filled in; the place it is for is shown, not offered.
    const { page } = staff;
    await page.goto(`${server.base}/tasks/${task.id}`);
    await page.getByRole('link', { name: '修改活动' }).click();
    await page.waitForURL(`**/tasks/${task.id}/edit`);
    const place = page.locator('#place');
    await place.waitFor();
    assert.equal(await page.locator('#title').inputValue(), `清理楼道 ${n}`);
    await shootEachWay(page, 'staff-task-edit', () => page.locator('form.compose').waitFor());
    await place.fill('3栋1单元门口');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.waitForURL(`**/tasks/${task.id}`);
    await page.getByText('3栋1单元门口').first().waitFor();

    // The time moved (by the API here): the resident who joined is told what it was.
    const draft = {
      title: task.title, description: '', category: 'environment', place: '3栋1单元门口', capacity: 5, points: 10,
      starts_at: new Date(startsAt + 3600e3).toISOString(), ends_at: new Date(startsAt + 3 * 3600e3).toISOString(),
      target: { kind: task.target.kind, id: task.target.id },
    };
    await api(server.base, tokens.staff, 'PUT', `/tasks/${task.id}`, draft);
    await resident.page.goto(`${server.base}/tasks/${task.id}`);
    await resident.page.getByText(/活动时间已调整，原定/).waitFor();

    // 取消活动 with a reason, asked in place.
    await page.reload();
    await page.getByRole('button', { name: '取消活动' }).click();
    await page.getByRole('button', { name: '确认取消活动' }).click();
    await page.locator('#cancel-reason-error').filter({ hasText: /\S/ }).waitFor();
    await page.getByLabel(/取消原因/).fill('暴雨预警，活动改期');
    await page.getByRole('button', { name: '确认取消活动' }).click();
    await page.getByText('活动已取消', { exact: true }).waitFor();

    const rp = resident.page;
    await rp.goto(`${server.base}/tasks/${task.id}`);
    await rp.getByText('活动已取消', { exact: true }).waitFor();
    await rp.getByText('原因：暴雨预警，活动改期（许各利）').waitFor();
    assert.equal(await rp.getByRole('button', { name: /报名/ }).count(), 0, 'nothing to join');
    await shootEachWay(rp, 'staff-task-cancelled', () => rp.getByText(/活动已取消|cancelled/).first().waitFor());
    await rp.goto(`${server.base}/tasks/mine`);
    const card = rp.locator('.task-card', { hasText: `清理楼道 ${n}` });
    await card.getByText('已取消').waitFor();
  });

  test('staff cancel an order with a reason; the resident reads it and sees the points back', async () => {
    const services = await api(server.base, tokens.resident, 'GET', '/services');
    const plumbing = services.groups.flatMap((g) => g.services).find((s) => s.name === '水电维修');
    const order = await api(server.base, tokens.resident, 'POST', '/orders', { service_id: plumbing.id, note: '厨房水龙头漏水' });
    await api(server.base, tokens.volunteer, 'POST', `/orders/${order.id}/claim`, {});

    const { page } = staff;
    await page.goto(`${server.base}/services/orders/${order.id}`);
    await page.getByRole('button', { name: '社区取消订单' }).click();
    await page.getByLabel(/取消原因/).fill('志愿者临时有事，社区另约时间');
    await page.getByRole('button', { name: '确认取消订单' }).click();
    await page.getByText('社区取消：志愿者临时有事，社区另约时间').waitFor();

    const rp = resident.page;
    await rp.goto(`${server.base}/services/orders/${order.id}`);
    await rp.getByText('社区取消：志愿者临时有事，社区另约时间').waitFor();
    await rp.goto(`${server.base}/points`);
    const returned = rp.locator('#ledger .ledger__row', { hasText: '取消 水电维修，积分退回' }).first();
    await returned.waitFor();
    const held = rp.locator('#ledger .ledger__row', { hasText: '预约 水电维修' }).first();
    await held.getByText('已退回').waitFor();
  });

  test('staff download a 台账 from 我的 → 台账导出', async () => {
    const { page } = staff;
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '台账导出' }).click();
    await page.waitForURL('**/me/exports');
    await shootEachWay(page, 'staff-exports', () => page.getByRole('button', { name: /服务订单评价台账|Service orders/ }).waitFor());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '服务订单评价台账' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^井湘社区_服务订单评价台账_\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a ZIP');
    await page.getByText(/^已下载：井湘社区_服务订单评价台账/).waitFor();
  });
});
