// The foundation as a resident meets it, on a phone, against the real server and release app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, expectAccessible, launchPhone, screenshot, signIn, startServer } from './harness.mjs';

describe('foundation: sign-in, shell, language, elder mode', () => {
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

  test('the static shell is in the HTML before any script runs', async () => {
    const html = await (await fetch(`${server.base}/`)).text();
    assert.match(html, /id="?static-shell/);
    assert.match(html, /正在打开/);
    assert.match(html, /WebAssembly/);
  });

  test('a wrong password is refused at the form and the phone number stays typed', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/`);
    await page.waitForURL(/\/login/);
    // The sign-in page is a chunk of its own: wait for it, not only for the address.
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in-zh');
    await page.getByLabel('手机号').fill(DEMO.resident.phone);
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await assertFieldError(page, '#password-error', '手机号或密码不正确');
    assert.equal(await page.getByLabel('手机号').inputValue(), DEMO.resident.phone);
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'sign-in with an error');
    await screenshot(page, 'sign-in-wrong-password-zh');
  });

  test('the demo resident signs in and sees the home page', async () => {
    const { page } = phone;
    await signIn(page, server.base, DEMO.resident);
    await page.waitForURL(`${server.base}/`);
    await page.getByRole('heading', { level: 1, name: /王秀英/ }).waitFor();
    assert.match(await page.locator('.welcome').innerText(), /井湘社区/);
    assert.match(await page.locator('.welcome').innerText(), /1502/);
    assert.equal(await page.title(), '首页 · 邻里');
    assert.equal(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').count(), 5);
    await expectAccessible(page, 'home');
    await screenshot(page, 'home-zh');
  });

  test('tabs navigate, titles follow, deep links reload and back works', async () => {
    const { page } = phone;
    const tabs = page.getByRole('navigation', { name: '主导航' });
    for (const [name, path, title] of [['任务', '/tasks', '任务 · 邻里'], ['服务', '/services', '服务 · 邻里'], ['积分', '/points', '积分 · 邻里']]) {
      await tabs.getByRole('link', { name }).click();
      await page.waitForURL(`${server.base}${path}`);
      assert.equal(await page.title(), title);
      assert.equal(await tabs.getByRole('link', { name }).getAttribute('aria-current'), 'page');
      await expectAccessible(page, path);
    }
    await screenshot(page, 'points-zh');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '积分' }).waitFor();
    assert.equal(page.url(), `${server.base}/points`);
    await page.goBack();
    await page.waitForURL(`${server.base}/services`);
    await page.getByRole('heading', { level: 1, name: '服务' }).waitFor();
    await page.goto(`${server.base}/no/such/page`);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await expectAccessible(page, 'not found');
  });

  test('the resident switches to English and back in 我的, and it is remembered', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/me`);
    await page.getByRole('heading', { level: 2, name: DEMO.resident.name }).waitFor();
    await expectAccessible(page, 'me');
    await screenshot(page, 'me-zh');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { level: 1, name: 'Me' }).waitFor();
    assert.equal(await page.title(), 'Me · Linli');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Me' }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { level: 1, name: /Wang|王秀英/ }).waitFor();
    assert.match(await page.locator('.welcome__greeting').innerText(), /^Good (morning|afternoon|evening), 王秀英$/);
    await expectAccessible(page, 'home in English');
    await screenshot(page, 'home-en');
    await page.goto(`${server.base}/me`);
    await screenshot(page, 'me-en');
    await page.getByRole('radio', { name: '中文' }).check();
    await page.getByRole('heading', { level: 1, name: '我的' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  });

  test('elder mode makes text and touch targets larger, and is remembered', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/me`);
    const normalSize = await bodyFontSize(page);
    await page.getByRole('radio', { name: '特大', exact: true }).check();
    assert.match(await page.getAttribute('html', 'class'), /\belder\b/);
    const elderSize = await bodyFontSize(page);
    assert.ok(elderSize >= 24 && elderSize > normalSize, `body text ${normalSize}px → ${elderSize}px`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '我的' }).waitFor();
    assert.ok(await page.getByRole('radio', { name: '特大', exact: true }).isChecked());
    await expectAccessible(page, 'me in elder mode');
    await screenshot(page, 'me-elder');
    await page.goto(`${server.base}/`);
    await page.getByRole('heading', { level: 1, name: /王秀英/ }).waitFor();
    for (const target of await page.locator('.tab, .shortcut, .button').all()) {
      const box = await target.boundingBox();
      assert.ok(box.height >= 60, `touch target ${await target.innerText()} is ${box.height}px tall`);
    }
    await expectAccessible(page, 'home in elder mode');
    await screenshot(page, 'home-elder');
    await page.goto(`${server.base}/me`);
    await page.getByRole('radio', { name: '标准', exact: true }).check();
  });

  test('a token revoked elsewhere returns the resident to sign-in, then back where they were', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/points`);
    // Let the page's own requests finish first: one answered 401 before the reload would end
    // the session in this page, and the reload would then open the sign-in page afresh.
    await page.getByText('积分余额').waitFor();
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.session')).token);
    const revoked = await fetch(`${server.base}/api/v1/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 204);
    await page.reload();
    await page.waitForURL(/\/login\?next=%2Fpoints/);
    await page.getByRole('status').filter({ hasText: '登录已过期，请重新登录' }).waitFor();
    await page.getByLabel('手机号').fill(DEMO.resident.phone);
    await page.getByLabel('密码', { exact: true }).fill(DEMO.resident.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${server.base}/points`);
  });

  test('signing out ends the session on the server too', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/me`);
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.session')).token);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('status').filter({ hasText: '您已退出登录' }).waitFor();
    const me = await fetch(`${server.base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 401);
    assert.equal(await page.evaluate(() => localStorage.getItem('linli.session')), null);
    await page.goto(`${server.base}/me`);
    await page.waitForURL(/\/login\?next=%2Fme/);
  });

  test('nothing went wrong in the page', () => {
    assert.deepEqual(phone.problems, []);
  });
});

async function assertFieldError(page, selector, text) {
  await page.locator(selector).filter({ hasText: text }).waitFor();
}

async function bodyFontSize(page) {
  return page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
}
