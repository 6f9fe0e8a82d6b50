// What residents and heads trip over on the points and notices pages: 积分明细 in time order with
// a settled order's hold shown as paid; read receipts whose counts say what they count and list
// the unread doors under each unit; redeeming that is not offered when it cannot succeed (the
// reason beside the button), and every action's refusal under its own button; the 积分 page's
// links on one line each in English and at the largest text size.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, api, apiSignIn, launchPhone, screenshot, shootEachWay, signIn, startServer } from './harness.mjs';

describe('ledger in time order, receipts a head cannot misread, refusals beside their buttons', () => {
  let server;
  let phone;

  before(async () => {
    server = await startServer();
    phone = await launchPhone();
  });
  after(async () => {
    await phone?.close();
    await server?.stop();
  });

  /** The loaded ledger lines: reason, state beside the time (if any), and the time. */
  async function ledgerLines(page) {
    await page.locator('#ledger .ledger__row').first().waitFor();
    return page.locator('#ledger .ledger__row').evaluateAll((rows) => rows.map((row) => ({
      reason: row.querySelector('.ledger__reason').textContent.trim(),
      state: row.querySelector('.ledger__state')?.textContent.trim() ?? null,
      at: Date.parse(row.querySelector('time').getAttribute('datetime')),
    })));
  }

  /** Whether the box is in the viewport and clear of the tab bar (when the page has one). */
  async function inView(page, box) {
    const bar = await page.locator('.tab-bar').boundingBox().catch(() => null);
    const bottom = bar ? bar.y : page.viewportSize().height;
    return box.y >= 0 && box.y + box.height <= bottom + 1;
  }

  /** Whether the element's text takes one line. */
  function oneLine(locator) {
    return locator.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      return tops.size === 1 && el.scrollWidth <= el.clientWidth + 1;
    });
  }

  test('积分明细 is newest first by time, and a settled order reads as paid, not held', async () => {
    const { page } = phone;
    await signIn(page, server.base, DEMO.resident);
    await page.goto(`${server.base}/points`);
    const lines = await ledgerLines(page);
    for (let i = 1; i < lines.length; i++) {
      assert.ok(lines[i - 1].at >= lines[i].at, `line ${i} (${lines[i].reason}) is newer than the line above it`);
    }
    // The plumbing order of 35 minutes ago above the appliance repair of 4 days ago.
    const held = lines.findIndex((l) => l.reason === '预约 水电维修，积分暂扣');
    const paid = lines.findIndex((l) => l.reason === '支付 家电维修 服务');
    assert.ok(held >= 0 && paid >= 0, JSON.stringify(lines));
    assert.ok(held < paid, 'the order of 35 minutes ago is listed above the one of 4 days ago');
    assert.equal(lines[held].state, '暂扣中');
    assert.equal(lines[paid].state, '已结算');
    assert.ok(!lines.some((l) => l.reason === '预约 家电维修，积分暂扣'), 'the settled order no longer reads as held');

    await shootEachWay(page, 'points-ledger', () => page.locator('#ledger .ledger__row').first().waitFor());
    await page.evaluate(() => localStorage.setItem('linli.locale', 'en'));
    await page.reload();
    const english = await ledgerLines(page);
    const paidEn = english.find((l) => l.reason === 'Paid for 家电维修');
    assert.equal(paidEn?.state, 'Settled');
    await page.evaluate(() => localStorage.setItem('linli.locale', 'zh-CN'));
  });

  test('the 积分 page links, 爱心超市 first, fit on one line in English and at the largest text size', async () => {
    const { page } = phone;
    for (const prefs of [{ 'linli.locale': 'en', 'linli.text-size': 'standard' }, { 'linli.locale': 'en', 'linli.text-size': 'xlarge' }, { 'linli.locale': 'zh-CN', 'linli.text-size': 'xlarge' }]) {
      await page.evaluate((prefs) => { for (const [k, v] of Object.entries(prefs)) localStorage.setItem(k, v); }, prefs);
      await page.goto(`${server.base}/points`);
      const links = page.locator('.points-links a');
      await links.first().waitFor();
      assert.match(await links.first().innerText(), /^(Rewards|爱心超市)$/);
      for (const link of await links.all()) {
        assert.ok(await oneLine(link), `"${await link.innerText()}" fits on one line (${JSON.stringify(prefs)})`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, 'nothing scrolls sideways');
    }
    await page.evaluate(() => { localStorage.setItem('linli.locale', 'zh-CN'); localStorage.setItem('linli.text-size', 'standard'); });
  });

  test('a reward the balance cannot cover is not offered: the shortfall stands beside its greyed-out button', async () => {
    const { page } = phone;
    const token = await apiSignIn(server.base, DEMO.resident);
    const { balance } = await api(server.base, token, 'GET', '/me/points');
    const rewards = await api(server.base, token, 'GET', '/rewards');
    const dear = rewards.find((r) => r.stock > 0 && r.points > balance);
    assert.ok(dear, `a reward dearer than ${balance} points`);
    await page.goto(`${server.base}/points/rewards`);
    const card = page.locator('.reward-card', { hasText: dear.name });
    await card.waitFor();
    assert.ok(await card.getByRole('button', { name: new RegExp(`兑换 ${dear.name}`) }).isDisabled());
    assert.equal(await card.locator('.reward-card__why').innerText(), `积分不足，还差 ${dear.points - balance} 积分`);
    const affordable = rewards.find((r) => r.stock > 0 && r.points <= balance);
    if (affordable) {
      const card = page.locator('.reward-card', { hasText: affordable.name });
      assert.ok(await card.getByRole('button').isEnabled());
      assert.equal(await card.locator('.reward-card__why').count(), 0);
    }
    await shootEachWay(page, 'rewards-refusal', () => page.locator('.reward-card__why').first().waitFor());
  });

  test("the server's refusal of a redemption shows under the confirm button, in view", async () => {
    const { page } = phone;
    const token = await apiSignIn(server.base, DEMO.resident);
    let { balance } = await api(server.base, token, 'GET', '/me/points');
    const rewards = await api(server.base, token, 'GET', '/rewards');
    const cheapest = rewards.filter((r) => r.stock > 3).sort((a, b) => a.points - b.points)[0];
    if (balance < cheapest.points) {
      const staff = await apiSignIn(server.base, DEMO.staff);
      const me = await api(server.base, token, 'GET', '/me');
      await api(server.base, staff, 'POST', '/ledger/corrections', { user_id: me.id, amount: cheapest.points - balance, reason: '端到端测试补足积分' });
      ({ balance } = await api(server.base, token, 'GET', '/me/points'));
      assert.ok(balance >= cheapest.points, 'the correction was posted, not sent for approval');
    }
    // The page still shows the balance it loaded when the points are spent elsewhere.
    await page.goto(`${server.base}/points/rewards`);
    const card = page.locator('.reward-card', { hasText: cheapest.name });
    await card.getByRole('button').waitFor();
    while (balance >= cheapest.points) {
      await api(server.base, token, 'POST', `/rewards/${cheapest.id}/redemptions`, {});
      balance -= cheapest.points;
    }
    await card.getByRole('button').click();
    const sheet = page.getByRole('dialog');
    await sheet.getByRole('button', { name: '确认兑换' }).click();
    const refusal = sheet.locator('.action-error');
    await refusal.filter({ hasText: '积分不足' }).waitFor();
    assert.equal(await refusal.getAttribute('role'), 'alert');
    const box = await refusal.boundingBox();
    const confirm = await sheet.getByRole('button', { name: '确认兑换' }).boundingBox();
    assert.ok(box.y >= confirm.y + confirm.height - 1, 'under the button that asked');
    // The sheet covers the tab bar: in view means inside the viewport.
    assert.ok(box.y >= 0 && box.y + box.height <= page.viewportSize().height, 'in view');
    await screenshot(page, 'rewards-server-refusal-zh');
    await sheet.getByRole('button', { name: '再想想' }).click();
  });

  describe('read receipts', () => {
    let noticeId;
    let headToken;

    before(async () => {
      // The building head on a phone of his own.
      await phone.close();
      phone = await launchPhone();
      headToken = await apiSignIn(server.base, DEMO.head);
      const targets = await api(server.base, headToken, 'GET', '/notice-targets');
      const building = targets.find((t) => t.kind === 'building' && /3栋$/.test(t.name));
      const notice = await api(server.base, headToken, 'POST', '/notices', {
        title: `停水通知 ${Date.now() % 100000}`,
        body: '周六 8:00-12:00 3栋停水，请提前储水。',
        category: 'utilities',
        target: { kind: building.kind, id: building.id },
      });
      noticeId = notice.id;
      const resident = await apiSignIn(server.base, DEMO.resident);
      await api(server.base, resident, 'PUT', `/notices/${noticeId}/read`);
    });

    test('the counts say what they count, and the unread doors are listed under each unit', async () => {
      const { page } = phone;
      await signIn(page, server.base, DEMO.head);
      const receipts = await api(server.base, headToken, 'GET', `/notices/${noticeId}/receipts`);
      assert.equal(receipts.households_read, 1);
      const unread = receipts.households_total - receipts.households_read;
      await page.goto(`${server.base}/notices/${noticeId}/receipts`);
      const stats = page.locator('.receipts__stats');
      await stats.waitFor();
      const stat = (label) => stats.locator('.receipts__stat', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
      assert.equal(await stat('未读').innerText(), `${unread} 户`);
      assert.equal(await stat('已读').innerText(), '1 户');
      assert.equal(await stat('共').innerText(), `${receipts.households_total} 户`);

      const units = page.locator('.unit-unread');
      assert.equal(await units.count(), receipts.unread_by_unit.length);
      for (const [i, unit] of receipts.unread_by_unit.entries()) {
        const section = units.nth(i);
        const title = await section.locator('.unit-unread__title').innerText();
        assert.match(title, new RegExp(`${unit.unit.name}\\s+未读 ${unit.doors.length} 户`));
        assert.deepEqual(await section.locator('.door').allInnerTexts(), unit.doors);
      }
      const first = units.filter({ hasText: '1单元' }).first();
      assert.match(await first.innerText(), /未读的门牌号/);
      assert.ok(!(await first.locator('.door').allInnerTexts()).includes('1502'), "the resident's door is read");

      await shootEachWay(page, 'notice-receipts', () => stats.waitFor());
      await page.evaluate(() => localStorage.setItem('linli.locale', 'en'));
      await page.reload();
      await stats.waitFor();
      assert.equal(await stat('Read').innerText(), '1 household');
      assert.equal(await stat('Not read').innerText(), `${unread} households`);
      await page.evaluate(() => localStorage.setItem('linli.locale', 'zh-CN'));
    });

    test('my notices say 已读 n 户 / 共 m 户', async () => {
      const { page } = phone;
      await page.goto(`${server.base}/notices/mine`);
      const reach = page.locator('.notice-card__reach').first();
      await reach.waitFor();
      assert.match(await reach.innerText(), /^已读 \d+ 户 \/ 共 \d+ 户/);
    });

    test("a refused withdrawal shows under the confirm button, announced", async () => {
      const { page } = phone;
      await page.goto(`${server.base}/notices/${noticeId}`);
      await page.getByRole('button', { name: '撤回' }).click();
      // Someone else withdrew it a moment ago: the server refuses the second time.
      await page.route(`**/api/v1/notices/${noticeId}`, (route) => (route.request().method() === 'DELETE'
        ? route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify({ type: '/problems/conflict', title: '这条通知已经撤回了', status: 409, code: 'conflict' }) })
        : route.continue()));
      const yes = page.getByRole('alertdialog').getByRole('button').last();
      await yes.click();
      const refusal = page.locator('.action-error', { hasText: '这条通知已经撤回了' });
      await refusal.waitFor();
      assert.equal(await refusal.getAttribute('aria-live'), 'assertive');
      const [box, button] = [await refusal.boundingBox(), await yes.boundingBox()];
      assert.ok(box.y >= button.y + button.height - 1, 'under the button that asked');
      assert.ok(await inView(page, box), 'in view, not behind the tab bar');
      await screenshot(page, 'notice-withdraw-refused-zh');
      await page.unroute(`**/api/v1/notices/${noticeId}`);
    });

    test("a refused publication shows under the publish button, not above the form", async () => {
      const { page } = phone;
      await page.goto(`${server.base}/notices/new`);
      await page.getByLabel('标题').fill('楼道杂物清理');
      await page.getByLabel('正文').fill('本周日前请清理楼道杂物。');
      const building = await page.locator('#target option').filter({ hasText: /3栋$/ }).first().getAttribute('value');
      await page.getByLabel('发送范围').selectOption(building);
      await page.route('**/api/v1/notices', (route) => (route.request().method() === 'POST'
        ? route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ type: '/problems/forbidden', title: '您已不是3栋的楼栋长，不能发布到这里', status: 403, code: 'forbidden' }) })
        : route.continue()));
      const publish = page.getByRole('button', { name: '发布', exact: true });
      await publish.click();
      const refusal = page.locator('.action-error', { hasText: '不能发布到这里' });
      await refusal.waitFor();
      const [box, button] = [await refusal.boundingBox(), await publish.boundingBox()];
      assert.ok(box.y >= button.y + button.height - 1, 'under the publish button');
      assert.ok(await inView(page, box), 'in view, not behind the tab bar');
      await screenshot(page, 'notice-publish-refused-zh');
      await page.unroute('**/api/v1/notices');
    });
  });
});
