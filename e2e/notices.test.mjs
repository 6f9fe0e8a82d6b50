// Notices end to end: the building head posts to 3栋, a resident of 3栋 reads it, the head's
// receipts count it; a resident of 5栋 neither sees it nor opens it by link.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, expectAccessible, launchPhone, screenshot, setElderMode, signIn, startServer } from './harness.mjs';

describe('notices: post, read, receipts, scope', () => {
  let server;
  let head;
  let resident;
  let outsider;
  const title = `3栋电梯检修 ${Date.now() % 100000}`;
  const body = '明天上午9:00-11:00 3栋电梯检修，请走楼梯。\n详情见 https://example.cn/lift 。\n<script>alert("x")</script>';
  let noticeUrl;
  let readBefore;

  /** "已读 n 户" and "共 m 户" on the head's receipts page, as numbers. */
  async function receipts(page) {
    await page.goto(`${noticeUrl}/receipts`);
    const stats = page.locator('.receipts__stats');
    await stats.waitFor();
    const text = await stats.innerText();
    const [, read] = text.match(/已读\s*(\d+) 户/);
    const [, total] = text.match(/共\s*(\d+) 户/);
    return { read: Number(read), total: Number(total) };
  }

  before(async () => {
    server = await startServer();
    [head, resident, outsider] = await Promise.all([launchPhone(), launchPhone(), launchPhone()]);
    await Promise.all([
      signIn(head.page, server.base, DEMO.head),
      signIn(resident.page, server.base, DEMO.resident),
      signIn(outsider.page, server.base, DEMO.otherBuilding),
    ]);
  });
  after(async () => {
    await Promise.all([head, resident, outsider].map((p) => p?.close()));
    await server?.stop();
  });

  test('the building head writes a notice; the draft survives a reload; it is posted to 3栋', async () => {
    const { page } = head;
    await page.goto(`${server.base}/`);
    await page.getByRole('link', { name: '发布通知' }).click();
    await page.waitForURL(`${server.base}/notices/new`);
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('正文').fill(body);
    await page.getByLabel('分类').selectOption('utilities');
    const building = await page.locator('#target option').filter({ hasText: /3栋$/ }).first().getAttribute('value');
    await page.getByLabel('发送范围').selectOption(building);
    await page.reload();
    await page.getByRole('status').filter({ hasText: '已恢复您上次未发送的内容' }).waitFor();
    assert.equal(await page.getByLabel('标题').inputValue(), title);
    assert.equal(await page.getByLabel('正文').inputValue(), body);
    assert.equal(await page.getByLabel('发送范围').inputValue(), building);
    await expectAccessible(page, 'compose');
    await screenshot(page, 'notice-compose-zh');

    await page.getByLabel('标题').fill('');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.locator('#title-error').filter({ hasText: '请填写标题' }).waitFor();
    await page.getByLabel('标题').fill(title);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.waitForURL(/\/notices\/\d+$/);
    noticeUrl = page.url();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    assert.match(await page.locator('.notice__author').innerText(), /楼栋长 刘伟忠/);
    await expectAccessible(page, 'notice as its author');
    // The head lives in 3栋 too, so opening his own notice may already count his household.
    readBefore = (await receipts(page)).read;
  });

  test('a resident of 3栋 sees it unread on 首页, opens it, and it reads as plain text with a link', async () => {
    const { page } = resident;
    // From a blank page, so no request of the page open before (signed in on 首页) is counted.
    await page.goto('about:blank');
    const noticeReads = [];
    // The feed's first page (the unread badge's `?limit=1` is a read of its own).
    const countReads = (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/notices' && url.search === '') noticeReads.push(request);
    };
    page.on('request', countReads);
    await page.goto(`${server.base}/`);
    const card = page.locator('.notice-card', { hasText: title });
    await card.waitFor();
    page.off('request', countReads);
    // index.html asked for the notices while the app loaded; the app took that answer instead
    // of asking again (src/api/prefetch.rs).
    assert.equal(noticeReads.length, 1, 'the notices are asked for once');
    assert.deepEqual(await page.evaluate(() => Object.keys(window.__linliPrefetch?.answers ?? { missing: 1 })), []);
    assert.match(await card.getAttribute('class'), /notice-card--unread/);
    assert.match(await card.innerText(), /未读/);
    assert.match(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /首页/ }).innerText(), /\d/);
    await expectAccessible(page, 'home with notices');
    await screenshot(page, 'home-notices-zh');
    const markedRead = page.waitForResponse((r) => r.url().endsWith('/read') && r.request().method() === 'PUT');
    await card.click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    assert.equal((await markedRead).status(), 204);
    const text = await page.locator('.notice-body').innerText();
    assert.ok(text.includes('<script>alert("x")</script>'), 'markup shows as typed');
    assert.equal(await page.locator('.notice-body script').count(), 0);
    assert.equal(await page.locator('.notice-body a').getAttribute('href'), 'https://example.cn/lift');
    assert.equal(await page.title(), '通知详情 · 邻里');
    await expectAccessible(page, 'notice');
    await screenshot(page, 'notice-zh');
    await page.goBack();
    await page.locator('.notice-card', { hasText: title }).waitFor();
    assert.doesNotMatch(await page.locator('.notice-card', { hasText: title }).getAttribute('class'), /unread/);
  });

  test("the head's receipts count the resident's household", async () => {
    const { page } = head;
    const { read, total } = await receipts(page);
    assert.equal(read, readBefore + 1, "the resident's household is counted once");
    assert.ok(total > 100, `3栋 has ${total} households`);
    const unit = page.locator('section', { hasText: '1单元' }).first();
    assert.doesNotMatch(await unit.innerText(), /\b1502\b/, "the resident's door is no longer listed");
    await expectAccessible(page, 'receipts');
    await screenshot(page, 'notice-receipts-zh');
  });

  test('a resident of 5栋 does not see it, and a direct link is refused', async () => {
    const { page } = outsider;
    await page.goto(`${server.base}/`);
    await page.locator('#notices').waitFor();
    await page.locator('#notices[aria-busy="false"]').waitFor();
    assert.equal(await page.locator('.notice-card', { hasText: title }).count(), 0);
    await page.goto(noticeUrl);
    await page.getByRole('alert').filter({ hasText: '通知不存在，或不在您的范围内' }).waitFor();
    await expectAccessible(page, 'refused notice');
  });

  test('in elder mode the notice is readable and the targets are large', async () => {
    const { page } = resident;
    await setElderMode(page, server.base, true);
    await page.goto(noticeUrl);
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.notice-body')).fontSize));
    assert.ok(size >= 18, `body text is ${size}px`);
    await expectAccessible(page, 'notice in elder mode');
    await screenshot(page, 'notice-elder');
    await page.goto(`${server.base}/`);
    await page.locator('.notice-card').first().waitFor();
    await screenshot(page, 'home-notices-elder');
    await setElderMode(page, server.base, false);
  });

  test('once withdrawn, the notice leaves the list and its link says so', async () => {
    await head.page.goto(noticeUrl);
    await head.page.getByRole('button', { name: '撤回' }).click();
    await head.page.getByRole('button', { name: '确定撤回' }).click();
    await head.page.waitForURL(`${server.base}/notices/mine`);
    await resident.page.goto(noticeUrl);
    await resident.page.getByRole('alert').filter({ hasText: '该通知已撤回' }).waitFor();
    await resident.page.goto(`${server.base}/`);
    await resident.page.locator('#notices[aria-busy="false"]').waitFor();
    assert.equal(await resident.page.locator('.notice-card', { hasText: title }).count(), 0);
  });

  test('nothing went wrong in the pages', () => {
    for (const phone of [head, resident, outsider]) assert.deepEqual(phone.problems, []);
  });
});
