// 服务管理 and 礼品管理: staff edit the menu in the app (rename a service, change its price and
// opening hours, pause another) and a resident on another phone sees the menu change at once;
// staff retire a reward and the resident can no longer redeem it. The management list, the
// service form and the rewards list are photographed in Chinese, English and the largest size.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, apiSignIn, launchPhone, shootEachWay, signIn, startServer } from './harness.mjs';

describe('staff run the service menu and the rewards from the app', () => {
  let server;
  let staff;
  let resident;

  before(async () => {
    server = await startServer();
    [staff, resident] = await Promise.all([launchPhone(), launchPhone()]);
    await Promise.all([signIn(staff.page, server.base, DEMO.staff), signIn(resident.page, server.base, DEMO.resident)]);
  });
  after(async () => {
    await Promise.all([staff, resident].map((p) => p?.close()));
    await server?.stop();
  });

  test('staff rename, reprice and reschedule one service and pause another; the resident sees it', async () => {
    const { page } = staff;
    const list = page.getByRole('heading', { name: '家电维修', level: 2 });
    await page.goto(`${server.base}/services`);
    await page.getByRole('link', { name: '服务管理' }).click();
    await list.waitFor();
    await shootEachWay(page, 'menu-admin-list', () => list.waitFor());

    await page.getByRole('link', { name: '编辑 家电维修' }).click();
    const name = page.getByLabel('服务名称');
    await name.waitFor();
    await shootEachWay(page, 'menu-admin-form', () => page.locator('#service-name').waitFor());
    await name.fill('家电上门维修');
    await page.getByLabel('居民支付积分').fill('25');
    await page.locator('#period-0-to').fill('11:00');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.waitForURL((url) => url.pathname === '/services/manage');
    await page.getByRole('heading', { name: '家电上门维修', level: 2 }).waitFor();

    await page.getByRole('button', { name: '暂停服务 爱心理发' }).click();
    await page.getByRole('button', { name: '暂停服务', exact: true }).click();
    const paused = page.locator('.managed-card', { hasText: '爱心理发' }).getByText('已暂停');
    await paused.waitFor();

    const r = resident.page;
    await r.goto(`${server.base}/services`);
    const card = r.locator('.service-card', { has: r.getByRole('heading', { name: '家电上门维修' }) });
    await card.waitFor();
    assert.match(await card.textContent(), /25 积分/);
    assert.match(await card.textContent(), /9:00–11:00/);
    assert.equal(await r.getByRole('heading', { name: '家电维修', exact: true }).count(), 0);
    assert.equal(await r.getByRole('heading', { name: '爱心理发' }).count(), 0);
  });

  test('staff retire a reward; the resident no longer finds nor redeems it', async () => {
    const { page } = staff;
    const r = resident.page;
    await r.goto(`${server.base}/points/rewards`);
    await r.getByText('牙膏').first().waitFor();

    await page.goto(`${server.base}/points`);
    await page.getByRole('link', { name: '礼品管理' }).click();
    const toothpaste = page.getByRole('heading', { name: '牙膏', level: 2 });
    await toothpaste.waitFor();
    await shootEachWay(page, 'rewards-admin', () => toothpaste.waitFor());
    await page.getByRole('button', { name: '下架 牙膏' }).click();
    await page.getByRole('button', { name: '下架', exact: true }).click();
    await page.locator('.managed-card', { hasText: '牙膏' }).getByText('已下架').waitFor();

    await r.reload();
    await r.getByText('大米 5kg').first().waitFor();
    assert.equal(await r.getByText('牙膏').count(), 0);
    // A page left open before the retirement is refused in words.
    const token = await apiSignIn(server.base, DEMO.resident);
    const rewards = await (await fetch(`${server.base}/api/v1/manage/rewards`, {
      headers: { Authorization: `Bearer ${await apiSignIn(server.base, DEMO.staff)}` },
    })).json();
    const id = rewards.find((x) => x.name === '牙膏').id;
    const res = await fetch(`${server.base}/api/v1/rewards/${id}/redemptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `e2e-retired-${Date.now()}` },
    });
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'reward_retired');
  });
});
