// The four steps end to end 群众点单 → 中心派单 → 志愿者接单 → 群众评单, with three phones:
// the resident 王秀英 orders 家电维修 (30 points held), the staff member 许各利 dispatches it to
// 张建国, who accepts, starts and completes it; 王秀英 confirms and rates it, the held points are
// paid and 张建国 is credited. A second order is cancelled and its points come back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, expectAccessible, launchPhone, screenshot, setElderMode, signIn, startServer } from './harness.mjs';

describe('orders: the four steps', () => {
  let server;
  let resident;
  let staff;
  let volunteer;
  let serviceFormUrl;
  let orderUrl;
  let residentBalance;
  let volunteerBalance;

  /** The balance the order form shows: "您现有 N 积分". */
  async function balanceOn(page, formUrl) {
    await page.goto(formUrl);
    const notice = page.locator('.hold-notice');
    await notice.waitFor();
    const [, n] = (await notice.innerText()).match(/您现有 (\d+) 积分/);
    return Number(n);
  }

  /** The card of the order under test in a list. */
  function cardOf(page, within = '') {
    return page.locator(`${within} a.order-card[href="${new URL(orderUrl).pathname}"]`.trim());
  }

  async function status(page) {
    return (await page.locator('.order-facts .status').innerText()).trim();
  }

  before(async () => {
    server = await startServer();
    [resident, staff, volunteer] = await Promise.all([launchPhone(), launchPhone(), launchPhone()]);
    await Promise.all([
      signIn(resident.page, server.base, DEMO.resident),
      signIn(staff.page, server.base, DEMO.staff),
      signIn(volunteer.page, server.base, DEMO.volunteer),
    ]);
  });
  after(async () => {
    await Promise.all([resident, staff, volunteer].map((p) => p?.close()));
    await server?.stop();
  });

  test('the menu shows services by category with provider, opening times and price', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/services`);
    await page.getByRole('heading', { level: 2, name: '维修' }).waitFor();
    for (const category of ['法律咨询', '心理疏导', '助老', '四点半课堂']) {
      await page.getByRole('heading', { level: 2, name: category }).waitFor();
    }
    const legal = page.locator('.service-card', { hasText: '红帆驿站' });
    assert.match(await legal.innerText(), /每周五 9:00–12:00、14:00–17:00/);
    assert.match(await legal.innerText(), /免费/);
    const repair = page.locator('.service-card', { has: page.getByRole('heading', { name: '家电维修' }) });
    assert.match(await repair.innerText(), /30 积分/);
    assert.match(await repair.innerText(), /每周一至周六 9:00–12:00、14:00–18:00/);
    assert.equal(await page.title(), '服务 · 邻里');
    await expectAccessible(page, 'service menu');
    await screenshot(page, 'services-menu-zh');
  });

  test('王秀英 orders 家电维修: the draft survives a reload, a bad phone is refused at the field, 30 points are held', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/services`);
    await page.getByRole('link', { name: '点单：家电维修' }).click();
    await page.waitForURL(/\/services\/\d+\/order$/);
    serviceFormUrl = page.url();
    await page.locator('.hold-notice').waitFor();
    residentBalance = Number((await page.locator('.hold-notice').innerText()).match(/您现有 (\d+) 积分/)[1]);
    assert.ok(residentBalance >= 30, `王秀英 has ${residentBalance} points`);
    assert.match(await page.locator('.hold-notice').innerText(), /下单后将冻结 30 积分/);
    assert.match(await page.getByLabel('服务地址').inputValue(), /3栋.*1单元.*1502/);
    assert.equal(await page.getByLabel('联系电话').inputValue(), DEMO.resident.phone);

    const slot = page.getByLabel('服务时间');
    await slot.locator('option').nth(1).waitFor({ state: 'attached' });
    const chosen = await slot.locator('option').nth(1).getAttribute('value');
    await slot.selectOption(chosen);
    await page.getByLabel('备注（可不填）').fill('厨房的电饭煲不加热了');
    await page.getByLabel('联系电话').fill('12345');
    await page.reload();
    await page.getByRole('status').filter({ hasText: '已恢复您上次未提交的内容' }).waitFor();
    assert.equal(await page.getByLabel('备注（可不填）').inputValue(), '厨房的电饭煲不加热了');
    assert.equal(await page.getByLabel('服务时间').inputValue(), chosen);
    await expectAccessible(page, 'order form');
    await screenshot(page, 'order-form-zh');

    await page.getByRole('button', { name: '提交订单' }).click();
    await page.locator('#contact_phone-error').filter({ hasText: '请填写11位手机号' }).waitFor();
    await expectAccessible(page, 'order form with an error');
    await page.getByLabel('联系电话').fill(DEMO.resident.phone);
    await page.getByRole('button', { name: '提交订单' }).click();
    await page.waitForURL(/\/orders\/\d+$/);
    orderUrl = page.url();
    assert.equal(await status(page), '待派单');
    assert.match(await page.locator('.order-facts').innerText(), /已冻结 30 积分/);
    assert.match(await page.locator('.timeline').innerText(), /居民 王秀英 点单/);
    const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /服务/ });
    assert.equal(await tab.getAttribute('aria-current'), 'page', 'the 服务 tab stays lit on an order');
    await expectAccessible(page, 'order just placed');
    await screenshot(page, 'order-submitted-zh');
    assert.equal(await balanceOn(page, serviceFormUrl), residentBalance - 30, 'the price is held');
  });

  test('许各利 dispatches it from 中心派单 to 张建国', async () => {
    const { page } = staff;
    await page.goto(`${server.base}/services`);
    await page.getByRole('link', { name: '中心派单' }).click();
    await page.waitForURL(`${server.base}/services/dispatch`);
    const card = cardOf(page, '#waiting');
    await card.waitFor();
    assert.match(await card.innerText(), /已等待 \d+ 分钟/);
    await expectAccessible(page, 'dispatch queue');
    await screenshot(page, 'order-dispatch-queue-zh');
    await page.goto(orderUrl);
    const picker = page.getByLabel('派单给');
    await picker.locator('option', { hasText: '张建国' }).waitFor({ state: 'attached' });
    const zhang = await picker.locator('option', { hasText: '张建国' }).getAttribute('value');
    await page.getByRole('button', { name: '派单', exact: true }).click();
    await page.locator('#volunteer-error').filter({ hasText: '请选择志愿者' }).waitFor();
    await picker.selectOption(zhang);
    await expectAccessible(page, 'order with the volunteer picker');
    await screenshot(page, 'order-assign-zh');
    await page.getByRole('button', { name: '派单', exact: true }).click();
    await page.locator('.order-facts .status', { hasText: '已派单' }).waitFor();
    assert.match(await page.locator('.timeline').innerText(), /\d+月\d+日 \d+:\d\d\s+社区工作人员 许各利 派单给 张建国/);
    // Still open to reassignment: the picker (or, when 张建国 is the only one who offers the
    // service, the note saying so) under 改派给.
    assert.ok(await page.locator('.assign-form .field__label', { hasText: '改派给' }).isVisible(), 'it can still be reassigned');
  });

  test('张建国 accepts, starts and completes it with a note', async () => {
    const { page } = volunteer;
    volunteerBalance = await balanceOn(page, serviceFormUrl);
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '我的接单' }).click();
    await page.waitForURL(`${server.base}/services/volunteer`);
    const card = cardOf(page, '#assigned');
    await card.waitFor();
    await expectAccessible(page, 'volunteer orders');
    await screenshot(page, 'order-volunteer-list-zh');
    await page.goto(orderUrl);
    await page.getByRole('button', { name: '接单' }).click();
    await page.locator('.order-facts .status', { hasText: '已接单' }).waitFor();
    await page.getByRole('button', { name: '开始服务' }).click();
    await page.locator('.order-facts .status', { hasText: '服务中' }).waitFor();
    await page.getByLabel('服务记录（可不填）').fill('更换了温控器，已测试正常');
    await expectAccessible(page, 'order in progress');
    await screenshot(page, 'order-in-progress-zh');
    await page.getByRole('button', { name: '确认完成' }).click();
    await page.locator('.order-facts .status', { hasText: '待评价' }).waitFor();
    const timeline = await page.locator('.timeline').innerText();
    assert.match(timeline, /志愿者 张建国 接单/);
    assert.match(timeline, /志愿者 张建国 开始服务/);
    assert.match(timeline, /志愿者 张建国 完成服务/);
    assert.match(timeline, /更换了温控器/);
  });

  test('王秀英 confirms and rates it once: the held points are paid, 张建国 is credited', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/services/orders`);
    const card = cardOf(page);
    await card.waitFor();
    assert.match(await card.innerText(), /待评价/);
    await expectAccessible(page, 'my orders');
    await screenshot(page, 'order-mine-zh');
    await card.click();
    await page.waitForURL(orderUrl);
    await page.getByText('7 天内可评价').waitFor();
    await page.getByRole('button', { name: '确认完成并评价' }).click();
    await page.locator('#stars-error').filter({ hasText: '请选择评分' }).waitFor();
    await page.getByRole('radio', { name: '5星 非常满意' }).check();
    await page.getByRole('checkbox', { name: '准时' }).check();
    await page.getByRole('checkbox', { name: '专业' }).check();
    await page.getByLabel('评价内容（可不填）').fill('张师傅手艺好，很耐心');
    await expectAccessible(page, 'rating form');
    await screenshot(page, 'order-rate-zh');
    await page.getByRole('button', { name: '确认完成并评价' }).click();
    await page.locator('.order-facts .status', { hasText: '已评价' }).waitFor();
    assert.match(await page.locator('.order-facts').innerText(), /已支付 30 积分/);
    assert.match(await page.locator('.rating').innerText(), /准时[\s\S]*专业[\s\S]*张师傅手艺好/);
    assert.equal(await page.getByRole('button', { name: '确认完成并评价' }).count(), 0, 'rated once only');
    const timeline = await page.locator('.timeline').innerText();
    assert.match(timeline, /点单[\s\S]*派单给 张建国[\s\S]*接单[\s\S]*开始服务[\s\S]*完成服务[\s\S]*确认完成并评价/);
    await expectAccessible(page, 'rated order');
    await screenshot(page, 'order-rated-zh');
    await page.locator('.timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'order-timeline-zh');
    assert.equal(await balanceOn(page, serviceFormUrl), residentBalance - 30, 'the held points are paid, not returned');
    assert.equal(await balanceOn(volunteer.page, serviceFormUrl), volunteerBalance + 30, '张建国 earns 30 points');
  });

  test('an order cancelled before acceptance returns the held points', async () => {
    const { page } = resident;
    const before = await balanceOn(page, serviceFormUrl);
    await page.getByRole('button', { name: '提交订单' }).click();
    await page.waitForURL(/\/orders\/\d+$/);
    assert.equal(await balanceOn(page, serviceFormUrl), before - 30);
    await page.goBack();
    await page.waitForURL(/\/orders\/\d+$/);
    await page.getByRole('button', { name: '取消订单' }).click();
    await page.getByRole('button', { name: '确定取消' }).click();
    await page.locator('.order-facts .status', { hasText: '已取消' }).waitFor();
    assert.match(await page.locator('.order-facts').innerText(), /30 积分已退回/);
    assert.equal(await page.getByRole('button', { name: '取消订单' }).count(), 0);
    assert.equal(await balanceOn(page, serviceFormUrl), before);
  });

  test('张建国 declines an order with a reason; it goes back to the queue and he can claim it 抢单', async () => {
    const { page } = volunteer;
    await page.goto(`${server.base}/services/volunteer`);
    const card = page.locator('#assigned a.order-card', { hasText: '助老陪诊' }).filter({ hasText: '陈丽华' }).first();
    await card.waitFor();
    await card.click();
    await page.waitForURL(/\/orders\/\d+$/);
    await page.getByRole('button', { name: '婉拒' }).click();
    await page.getByRole('button', { name: '确定婉拒' }).click();
    await page.locator('#decline-reason-error').filter({ hasText: '请填写原因' }).waitFor();
    await page.getByLabel('婉拒原因').fill('今天上午要陪老伴去医院复查');
    await page.getByRole('button', { name: '确定婉拒' }).click();
    await page.locator('.order-facts .status', { hasText: '待派单' }).waitFor();
    assert.match(await page.locator('.timeline').innerText(), /志愿者 张建国 婉拒，订单退回派单\s+今天上午要陪老伴去医院复查/);
    await page.getByRole('button', { name: '抢单' }).click();
    await page.locator('.order-facts .status', { hasText: '已接单' }).waitFor();
    assert.match(await page.locator('.timeline').innerText(), /志愿者 张建国 抢单/);
    await expectAccessible(page, 'claimed order');
  });

  test('in elder mode the menu and the order read large with large targets', async () => {
    const { page } = resident;
    await setElderMode(page, server.base, true);
    await page.goto(`${server.base}/services`);
    await page.locator('.service-card').first().waitFor();
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.service-card__description')).fontSize));
    assert.ok(size >= 18, `body text is ${size}px`);
    const button = await page.getByRole('link', { name: '点单：家电维修' }).boundingBox();
    assert.ok(button.height >= 60, `the order button is ${button.height}px high`);
    await expectAccessible(page, 'menu in elder mode');
    await screenshot(page, 'services-menu-elder');
    await page.goto(orderUrl);
    await page.locator('.timeline').waitFor();
    await expectAccessible(page, 'order in elder mode');
    await screenshot(page, 'order-rated-elder');
    await page.goto(serviceFormUrl);
    await page.locator('.hold-notice').waitFor();
    await screenshot(page, 'order-form-elder');
    await setElderMode(page, server.base, false);
  });

  test('in English the order reads in English, with the same timeline', async () => {
    const { page } = resident;
    await page.goto(`${server.base}/me`);
    await page.getByRole('radio', { name: 'English' }).check();
    await page.goto(orderUrl);
    await page.locator('.timeline').waitFor();
    assert.equal(await status(page), 'Rated');
    assert.match(await page.locator('.timeline').innerText(), /许各利 \(staff\) assigned it to 张建国/);
    assert.equal(await page.title(), 'Order · Linli');
    await expectAccessible(page, 'order in English');
    await screenshot(page, 'order-rated-en');
    await page.goto(`${server.base}/me`);
    await page.getByRole('radio', { name: '中文' }).check();
  });

  test('nothing went wrong in the pages', () => {
    for (const phone of [resident, staff, volunteer]) assert.deepEqual(phone.problems, []);
  });
});
