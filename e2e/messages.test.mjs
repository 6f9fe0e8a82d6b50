// 消息 end to end, with a real server, database and browsers: 王秀英's order page updates itself
// when 张建国 accepts it on his phone; 首页's bell counts what arrives and 消息 lists it; a stream
// that drops (the phone goes offline) resumes where it stopped and loses nothing; 消息设置 keeps
// what was saved; 许各利 points 消息推送 at a receiver that always fails and sees the delivery
// signed, waiting and failed; and a webview without EventSource still sees the bell move.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import {
  DEMO, api, apiSignIn, expectAccessible, launchPhone, screenshot, shootEachWay, signIn, startServer,
} from './harness.mjs';

/** The bell's figure, read from its accessible name ("消息，3 条未读" / "消息" at none). */
async function bellCount(page) {
  const name = await page.locator('a.bell').getAttribute('aria-label');
  const match = name.match(/(\d+) 条未读|(\d+) unread/);
  return match ? Number(match[1] ?? match[2]) : 0;
}

/** Waits until the bell shows `n`, without reloading the page. */
async function bellShows(page, n, timeout = 20_000) {
  await page.waitForFunction(
    (n) => {
      const name = document.querySelector('a.bell')?.getAttribute('aria-label') ?? '';
      const match = name.match(/(\d+) 条未读|(\d+) unread/);
      return (match ? Number(match[1] ?? match[2]) : 0) === n;
    },
    n,
    { timeout },
  );
}

/** Records every EventSource the page opens, so a test can see it close and open again. */
function watchStreams() {
  const Real = window.EventSource;
  window.__streams = [];
  window.EventSource = function EventSource(url, init) {
    const source = new Real(url, init);
    window.__streams.push(source);
    return source;
  };
  window.EventSource.prototype = Real.prototype;
  Object.assign(window.EventSource, { CONNECTING: 0, OPEN: 1, CLOSED: 2 });
}

describe('消息: the message centre, live', () => {
  let server;
  let resident;
  let volunteer;
  let staff;
  let tokens;
  let volunteerId;
  let repairId;
  /** An order of 王秀英's dispatched to 张建国, driven through its steps by the tests. */
  let orderId;
  const receiver = { requests: [], server: null, port: 0 };

  /** Places an order for 王秀英 and has 许各利 dispatch it to 张建国; returns its id. */
  async function dispatchedOrder(note) {
    const order = await api(server.base, tokens.resident, 'POST', '/orders', { service_id: repairId, note });
    await api(server.base, tokens.staff, 'POST', `/orders/${order.id}/assign`, { volunteer_id: volunteerId });
    return order.id;
  }

  before(async () => {
    // The webhook worker every 0.3 s and no wait between attempts: a delivery to a receiver that
    // always fails is dead within seconds instead of hours (the server's own settings).
    process.env.LINLI_WEBHOOK_EVERY_MS = '300';
    process.env.LINLI_WEBHOOK_RETRY_SECS = '0';
    server = await startServer();
    [resident, volunteer, staff] = await Promise.all([launchPhone(), launchPhone(), launchPhone()]);
    // One after the other: three first loads at once can outlast the sign-in's wait on a busy
    // two-core machine.
    await signIn(resident.page, server.base, DEMO.resident);
    await signIn(volunteer.page, server.base, DEMO.volunteer);
    await signIn(staff.page, server.base, DEMO.staff);
    const [residentToken, volunteerToken, staffToken] = await Promise.all(
      [DEMO.resident, DEMO.volunteer, DEMO.staff].map((who) => apiSignIn(server.base, who)),
    );
    tokens = { resident: residentToken, volunteer: volunteerToken, staff: staffToken };
    volunteerId = (await api(server.base, volunteerToken, 'GET', '/me')).id;
    const menu = await api(server.base, residentToken, 'GET', '/services');
    repairId = menu.groups.flatMap((g) => g.services).find((s) => s.name === '家电维修').id;

    // A receiver that always fails, as a gateway that is down would.
    receiver.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        receiver.requests.push({ headers: req.headers, body });
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('down for maintenance');
      });
    });
    await new Promise((r) => receiver.server.listen(0, '127.0.0.1', r));
    receiver.port = receiver.server.address().port;
  });
  after(async () => {
    await Promise.all([resident, volunteer, staff].map((p) => p?.close()));
    await server?.stop();
    receiver.server?.close();
  });

  test("王秀英's order page updates itself when 张建国 accepts it on his phone", async () => {
    orderId = await dispatchedOrder('洗衣机不脱水');
    const orderPath = `/services/orders/${orderId}`;
    await resident.page.goto(`${server.base}${orderPath}`);
    const status = resident.page.locator('.order-facts .status');
    await status.filter({ hasText: '已派单' }).waitFor();
    const url = resident.page.url();

    await volunteer.page.goto(`${server.base}${orderPath}`);
    await volunteer.page.getByRole('button', { name: '接单' }).click();
    await volunteer.page.locator('.order-facts .status', { hasText: '已接单' }).waitFor();

    // No reload, no navigation: the stream told the page.
    await status.filter({ hasText: '已接单' }).waitFor({ timeout: 15_000 });
    assert.equal(resident.page.url(), url);
    assert.match(await resident.page.locator('.timeline').innerText(), /志愿者 张建国 接单/);
  });

  test('the bell on 首页 counts a new message; 消息 lists it; opening it reads it', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/`);
    const bell = page.locator('a.bell');
    await bell.waitFor();
    // The stream's first word sets the figure; the demo resident has messages waiting.
    await page.waitForFunction(() => /条未读/.test(document.querySelector('a.bell')?.getAttribute('aria-label') ?? ''), null, { timeout: 15_000 });
    const before = await bellCount(page);
    assert.ok(before > 0, 'the demo resident has unread messages');
    assert.match(await bell.getAttribute('aria-label'), new RegExp(`^消息，${before} 条未读$`));
    assert.equal((await page.locator('.bell__badge').innerText()).trim(), String(before));
    await expectAccessible(page, '首页 with the bell');
    await screenshot(page, 'messages-bell-zh');

    await api(server.base, tokens.volunteer, 'POST', `/orders/${orderId}/start`, {});
    await bellShows(page, before + 1);

    await bell.click();
    await page.waitForURL(`${server.base}/me/messages`);
    assert.equal(await page.title(), '消息 · 邻里');
    const newest = page.locator('.message-list > li').first().locator('a.message-card');
    await newest.waitFor();
    assert.equal(await newest.getAttribute('href'), `/services/orders/${orderId}`);
    assert.match(await newest.innerText(), /未读/, 'unread is said in words, not only by colour');
    assert.match(await page.locator('.messages-head__summary').innerText(), new RegExp(`${before + 1} 条未读`));
    await expectAccessible(page, '消息');
    await shootEachWay(page, 'messages-list', () => page.locator('.message-list').waitFor());

    await page.locator('.message-list > li').first().locator('a.message-card').click();
    await page.waitForURL(`${server.base}/services/orders/${orderId}`);
    await page.locator('.order-facts .status', { hasText: '服务中' }).waitFor();
    await page.goto(`${server.base}/`);
    await bellShows(page, before);
    const { unread } = await api(server.base, tokens.resident, 'GET', '/messages/unread');
    assert.equal(unread, before, 'read on the server too');
  });

  test('全部已读 reads everything shown, and the bell goes to none', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/me/messages`);
    await page.locator('.message-list').waitFor();
    await page.getByRole('button', { name: '全部已读' }).click();
    await page.locator('.messages-head__summary', { hasText: '没有未读消息' }).waitFor();
    assert.equal(await page.locator('.message-list .badge--unread').count(), 0);
    assert.equal((await api(server.base, tokens.resident, 'GET', '/messages/unread')).unread, 0);
    await page.goto(`${server.base}/`);
    await bellShows(page, 0);
    assert.equal(await page.locator('a.bell').getAttribute('aria-label'), '消息');
  });

  test('a dropped stream resumes after the last message seen: what came meanwhile arrives, no reload', async () => {
    const { page, context } = resident;
    await context.addInitScript(watchStreams);
    await page.goto(`${server.base}/`);
    await page.locator('a.bell').waitFor();
    await page.waitForFunction(() => window.__streams?.some((s) => s.readyState === 1), null, { timeout: 15_000 });
    const before = await bellCount(page);

    // The server restarts (a deploy): the stream drops. While the phone cannot get back in (its
    // tickets refused on the way), 张建国 completes the order.
    const refuse = (route) => route.abort('connectionrefused');
    await page.route('**/api/v1/messages/stream-ticket', refuse);
    try {
      await server.restart();
      await page.waitForFunction(() => window.__streams.every((s) => s.readyState === 2), null, { timeout: 15_000 });
      await api(server.base, tokens.volunteer, 'POST', `/orders/${orderId}/complete`, { note: '换了排水泵' });
      await page.waitForTimeout(1500);
      assert.equal(await bellCount(page), before, 'nothing arrives while the stream is down');
    } finally {
      await page.unroute('**/api/v1/messages/stream-ticket', refuse);
    }
    const opened = await page.evaluate(() => window.__streams.length);

    // Back online (the phone says so at once; otherwise the backoff's next try comes within 30 s).
    await context.setOffline(true);
    await context.setOffline(false);
    await bellShows(page, before + 1, 40_000);
    const resumed = await page.evaluate((opened) => window.__streams.slice(opened).map((s) => s.url), opened);
    assert.ok(resumed.length >= 1, 'a new stream was opened');
    assert.match(resumed.at(-1), /last_event_id=\d+/, 'it resumed after the last message seen');
    await page.goto(`${server.base}/me/messages`);
    const newest = page.locator('.message-list > li').first().locator('a.message-card');
    assert.equal(await newest.getAttribute('href'), `/services/orders/${orderId}`);
    assert.match(await newest.innerText(), /未读/);
  });

  test('消息设置: kinds on and off and 免打扰 are saved and survive a reload', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '消息设置' }).click();
    await page.waitForURL(`${server.base}/me/messages/settings`);
    const started = page.getByRole('switch', { name: '服务已开始' });
    await started.waitFor();
    assert.ok(await started.isChecked(), 'every kind is on to begin with');
    assert.equal(await page.getByRole('switch', { name: /有订单派给我/ }).count(), 0, 'volunteers-only kinds are not offered to her');
    const quiet = page.getByRole('switch', { name: '开启免打扰' });
    assert.ok(await quiet.isChecked(), '免打扰 is on by default');
    assert.equal(await page.getByLabel('开始时间').inputValue(), '22:00');
    assert.equal(await page.getByLabel('结束时间').inputValue(), '07:00');
    assert.match(await page.locator('.message-prefs__quiet').innerText(), /每天 22:00 至次日 07:00/);
    await expectAccessible(page, '消息设置');

    await started.uncheck();
    await page.getByLabel('开始时间').fill('21:30');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    const prefs = await api(server.base, tokens.resident, 'GET', '/messages/preferences');
    assert.deepEqual(prefs.off, ['order_started']);
    assert.equal(prefs.quiet_start, 21 * 60 + 30);

    await page.reload();
    await page.getByRole('switch', { name: '服务已开始' }).waitFor();
    assert.equal(await page.getByRole('switch', { name: '服务已开始' }).isChecked(), false);
    assert.equal(await page.getByLabel('开始时间').inputValue(), '21:30');
    await shootEachWay(page, 'message-settings', () => page.locator('.message-prefs').waitFor());

    // Back as it was, for the tests after.
    await page.getByRole('switch', { name: '服务已开始' }).check();
    await page.getByLabel('开始时间').fill('22:00');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  });

  test('消息推送: staff set a receiver; the secret shows once; deliveries are signed, fail, land on the dead-letter list and are retried', async () => {
    const { page } = staff;
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: /消息推送/ }).click();
    await page.waitForURL(`${server.base}/me/messages/webhook`);
    await page.getByLabel('接收地址（URL）').waitFor();
    await expectAccessible(page, '消息推送, nothing set');

    await page.getByLabel('接收地址（URL）').fill('ftp://example.cn');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('#url-error', { hasText: '地址须以 https:// 开头' }).waitFor();

    await page.getByLabel('接收地址（URL）').fill(`http://127.0.0.1:${receiver.port}/linli`);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const secretField = page.getByLabel('新的签名密钥');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    assert.ok(secret.length >= 16, 'a secret is shown');
    await page.getByText('密钥只显示这一次').waitFor();
    await page.getByText(`当前密钥末 4 位：${secret.slice(-4)}`).waitFor();
    await expectAccessible(page, '消息推送 with the new secret');

    await page.getByRole('button', { name: '发送测试' }).click();
    await page.getByRole('status').filter({ hasText: '测试消息已排队' }).waitFor();
    // The worker sends it within seconds; the receiver answers 500.
    for (let i = 0; i < 60 && receiver.requests.length === 0; i++) await page.waitForTimeout(500);
    assert.ok(receiver.requests.length >= 1, 'the receiver was called');
    const [first] = receiver.requests;
    const [, t, v1] = first.headers['x-linli-signature'].match(/^t=(\d+),v1=([0-9a-f]{64})$/);
    assert.equal(v1, createHmac('sha256', secret).update(`${t}.${first.body}`).digest('hex'), 'signed with the secret shown');
    assert.ok(first.headers['x-linli-delivery'], 'the delivery is named');

    // Every attempt fails: after the last one it is dead, listed with why. Coming back to the
    // page shows the secret's last characters only, never the secret again.
    const dead = page.locator('.delivery-list .delivery', { hasText: '测试消息' });
    for (let i = 0; i < 40 && !(await dead.count()); i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.locator('.webhook-figures').waitFor();
    }
    await dead.first().waitFor();
    await page.getByText(`当前密钥末 4 位：${secret.slice(-4)}`).waitFor();
    assert.equal(await page.getByLabel('新的签名密钥').count(), 0, 'the secret is shown only once');
    assert.match(await dead.first().innerText(), /已尝试 6 次/);
    assert.match(await dead.first().innerText(), /原因：.*500/);
    assert.match(await page.locator('.webhook-figures').innerText(), /发送失败 [1-9]\d* 条/);
    const deliveryId = first.headers['x-linli-delivery'];
    const attempts = receiver.requests.filter((r) => r.headers['x-linli-delivery'] === deliveryId);
    assert.equal(attempts.length, 6, 'six attempts, each under the same delivery id');
    await expectAccessible(page, '消息推送 with a dead letter');
    await shootEachWay(page, 'message-webhook', () => page.locator('.delivery-list').waitFor());

    const tried = receiver.requests.length;
    await page.locator('.delivery-list .delivery', { hasText: '测试消息' }).first().getByRole('button', { name: '重试：测试消息' }).click();
    await page.getByRole('status').filter({ hasText: '已重新排队' }).waitFor();
    for (let i = 0; i < 40 && receiver.requests.length === tried; i++) await page.waitForTimeout(250);
    assert.ok(receiver.requests.length > tried, 'the retried delivery was sent again');
    assert.equal(receiver.requests.at(-1).headers['x-linli-delivery'], deliveryId);
  });

  test('without EventSource (old webviews) the bell still moves, by polling', async () => {
    const old = await launchPhone();
    try {
      await old.context.addInitScript(() => { delete window.EventSource; });
      await signIn(old.page, server.base, DEMO.resident);
      await old.page.goto(`${server.base}/`);
      await old.page.locator('a.bell').waitFor();
      assert.equal(await old.page.evaluate(() => typeof window.EventSource), 'undefined');
      const { unread } = await api(server.base, tokens.resident, 'GET', '/messages/unread');
      await bellShows(old.page, unread);
      await dispatchedOrder('热水器打不着火');
      // Polled every 30 s while the page is in view.
      await bellShows(old.page, unread + 1, 45_000);
      assert.deepEqual(old.problems, []);
    } finally {
      await old.close();
    }
  });

  test('nothing went wrong in the pages', () => {
    for (const phone of [resident, volunteer, staff]) assert.deepEqual(phone.problems, []);
  });
});
