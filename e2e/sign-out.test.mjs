// Signing out asks first, in a dialog that keeps focus and answers 取消 to Escape; confirmed, it
// ends the session on the server too, and whoever signs in next on the phone starts on 首页,
// not on the page the last person left. A link opened while signed out still leads to its page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, launchPhone, shootEachWay, signIn, startServer } from './harness.mjs';

describe('signing out', () => {
  let server;
  let phone;

  before(async () => {
    server = await startServer();
    phone = await launchPhone();
    await signIn(phone.page, server.base, DEMO.resident);
  });
  after(async () => {
    await phone?.close();
    await server?.stop();
  });

  const dialog = () => phone.page.getByRole('dialog', { name: '退出登录？' });
  const focused = () => phone.page.evaluate(() => document.activeElement?.textContent?.trim());

  async function askToSignOut() {
    const { page } = phone;
    await page.getByRole('button', { name: '退出登录' }).click();
    await dialog().waitFor();
  }

  test('退出登录 opens a labelled dialog that keeps focus; 取消 and Escape keep you signed in', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/me`);
    await page.getByRole('heading', { name: DEMO.resident.name }).waitFor();
    await askToSignOut();
    assert.ok(await dialog().evaluate((d) => d.open && d.matches(':modal')), 'a modal dialog');
    assert.match(await dialog().textContent(), /手机号和密码/);
    assert.equal(await focused(), '取消', 'opens on the harmless answer');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), '退出登录');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), '取消', 'Tab stays inside the dialog');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), '退出登录', 'Shift+Tab stays inside the dialog');

    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.equal(new URL(page.url()).pathname, '/me');
    await askToSignOut();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('heading', { name: DEMO.resident.name }).waitFor();
    assert.ok(await page.evaluate(() => localStorage.getItem('linli.session')), 'still signed in');
  });

  test('the dialog, photographed', async () => {
    await shootEachWay(phone.page, 'sign-out-dialog', async () => {
      await phone.page.getByRole('button', { name: /^(退出登录|Sign out)$/ }).click();
      await phone.page.getByRole('dialog').waitFor();
    });
    await phone.page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  });

  test('confirmed, the session ends here and on the server; the next person starts on 首页', async () => {
    const { page } = phone;
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.session')).token);
    await askToSignOut();
    await dialog().getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.base}/login`);
    await page.getByText('您已退出登录').waitFor();
    const me = await fetch(`${server.base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 401, 'the old session no longer opens anything');

    await page.getByLabel(/手机号/).fill(DEMO.volunteer.phone);
    await page.getByLabel(/^密码$/).fill(DEMO.volunteer.password);
    await page.getByRole('button', { name: /^登录$/ }).click();
    await page.waitForURL(`${server.base}/`);
    await page.locator('.welcome__greeting', { hasText: DEMO.volunteer.name }).waitFor();
  });

  test('a link opened while signed out still leads to its page after signing in', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/me`);
    await askToSignOut();
    await dialog().getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.base}/login`);
    await page.goto(`${server.base}/points/leaderboard`);
    await page.waitForURL(`${server.base}/login?next=${encodeURIComponent('/points/leaderboard')}`);
    await page.getByLabel(/手机号/).fill(DEMO.resident.phone);
    await page.getByLabel(/^密码$/).fill(DEMO.resident.password);
    await page.getByRole('button', { name: /^登录$/ }).click();
    await page.waitForURL(`${server.base}/points/leaderboard`);
  });

  test('nothing went wrong in the pages', () => {
    assert.deepEqual(phone.problems, []);
  });
});
