// 代办: building head 刘伟忠 acts for 黄桂兰 (3栋 1单元 801, 高龄 独居, no phone, not on Linli).
// From 我的 › 代办 he finds her first in the list, opens her start page and starts; a banner
// says for whom and how long on every page (and after a reload); he orders 上门代办 for her and
// ends 代办, and the app says so and is his own again. Staff see "由 刘伟忠 代办" on the order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, api, apiSignIn, expectAccessible, launchPhone, shootEachWay, signIn, startServer } from './harness.mjs';

describe('代办: a head acts for an elderly resident without a phone', () => {
  let server;
  let head;
  let staff;
  let orderId;

  before(async () => {
    server = await startServer();
    [head, staff] = await Promise.all([launchPhone(), launchPhone()]);
    await Promise.all([signIn(head.page, server.base, DEMO.head), signIn(staff.page, server.base, DEMO.staff)]);
  });
  after(async () => {
    await Promise.all([head, staff].map((p) => p?.close()));
    await server?.stop();
  });

  test('he finds her in 我的 › 代办 and her start page says who she is', async () => {
    const { page } = head;
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '代办', exact: true }).click();
    await page.waitForURL(/\/me\/proxy$/);
    const first = page.locator('.proxy-row').first();
    await first.waitFor();
    assert.match(await first.innerText(), /黄桂兰[\s\S]*3栋 1单元 801[\s\S]*未注册[\s\S]*高龄[\s\S]*独居/);
    await expectAccessible(page, '代办 list');
    await first.click();
    await page.waitForURL(/\/proxy\/start\/register\/\d+$/);
    const name = page.getByRole('heading', { name: /黄桂兰/ });
    await name.waitFor();
    await shootEachWay(page, 'proxy-start', () => page.locator('.proxy-person').waitFor());
  });

  test('a banner on every page while he orders for her, and after a reload', async () => {
    const { page } = head;
    await page.getByRole('button', { name: '开始代办' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const banner = page.locator('.proxy-banner');
    await banner.getByText('正在为 黄桂兰 代办').waitFor();
    assert.match(await banner.innerText(), /还剩 (29|30) 分钟/);
    for (const path of ['/tasks', '/points', '/me']) {
      await page.goto(`${server.base}${path}`);
      await banner.getByText('正在为 黄桂兰 代办').waitFor();
    }
    // 我的 is hers now: her name, no 代办 of his own.
    await page.locator('.profile__name', { hasText: '黄桂兰' }).waitFor();

    await page.goto(`${server.base}/services`);
    await page.getByRole('link', { name: '点单：上门代办' }).click();
    await page.waitForURL(/\/services\/\d+\/order$/);
    // Her address; the phone to call is his: she has none.
    assert.match(await page.getByLabel('服务地址').inputValue(), /3栋.*1单元.*801/);
    assert.equal(await page.getByLabel('联系电话').inputValue(), DEMO.head.phone);
    await page.getByLabel('备注（可不填）').fill('帮忙买降压药');
    await page.getByRole('button', { name: '提交订单' }).click();
    await page.waitForURL(/\/services\/orders\/\d+$/);
    orderId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.locator('.timeline').getByText('由 刘伟忠 代办').waitFor();
    await shootEachWay(page, 'proxy-banner-order', () => page.locator('.proxy-banner').waitFor());
    await banner.getByText('正在为 黄桂兰 代办').waitFor();
  });

  test('结束代办 brings back his own session and says so', async () => {
    const { page } = head;
    const proxyToken = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.proxy')).token);
    await page.getByRole('button', { name: '结束代办' }).click();
    await page.waitForURL(/\/me\/proxy$/);
    await page.locator('.proxy-banner--ended').getByText('代办已结束').waitFor();
    await expectAccessible(page, '代办 ended');
    await page.getByRole('button', { name: '知道了' }).click();
    assert.equal(await page.locator('.proxy-banner').count(), 0);
    const res = await fetch(`${server.base}/api/v1/me`, { headers: { Authorization: `Bearer ${proxyToken}` } });
    assert.equal(res.status, 401, 'the 代办 token no longer works');
    await page.goto(`${server.base}/me`);
    await page.locator('.profile__name', { hasText: '刘伟忠' }).waitFor();
  });

  test('staff see on the order that 刘伟忠 placed it for her', async () => {
    const token = await apiSignIn(server.base, DEMO.staff);
    const order = await api(server.base, token, 'GET', `/orders/${orderId}`);
    assert.equal(order.resident.name, '黄桂兰');
    assert.equal(order.timeline[0].acted_by, '刘伟忠');
    assert.equal(order.contact_phone, DEMO.head.phone, 'the volunteer calls the one who acted');
    const { page } = staff;
    await page.goto(`${server.base}/services/orders/${orderId}`);
    await page.locator('.timeline').getByText('由 刘伟忠 代办').waitFor();
    await shootEachWay(page, 'proxy-timeline-staff', () => page.locator('.timeline').waitFor());
  });

  test('signing out during 代办 ends both sessions on the server', async () => {
    const { page } = head;
    await page.goto(`${server.base}/me/proxy`);
    await page.locator('.proxy-row').first().click();
    await page.getByRole('button', { name: '开始代办' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('.proxy-banner').getByText('正在为 黄桂兰 代办').waitFor();
    const [own, proxy] = await page.evaluate(() => ['linli.session', 'linli.proxy'].map((k) => JSON.parse(localStorage.getItem(k)).token));
    await page.goto(`${server.base}/me`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('dialog', { name: '退出登录？' }).getByRole('button', { name: '退出登录' }).click();
    await page.getByText('您已退出登录').waitFor();
    for (const [which, token] of [['his own', own], ['the 代办', proxy]]) {
      const res = await fetch(`${server.base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(res.status, 401, `${which} session ended on the server`);
    }
    assert.equal(await page.locator('.proxy-banner').count(), 0, 'no 代办 banner after signing out');
  });
});
