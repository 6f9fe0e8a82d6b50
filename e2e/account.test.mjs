// 我的 → 修改密码, as a resident meets it: mistakes are explained at the field, a change keeps
// this phone signed in and signs out every other device.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, expectAccessible, launchPhone, screenshot, signIn, startServer } from './harness.mjs';

const NEW_PASSWORD = 'linli-2027-new';

describe('account: changing the password', () => {
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

  test('mistakes are explained at each field', async () => {
    const { page } = phone;
    await signIn(page, server.base, DEMO.resident);
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '修改密码' }).click();
    await page.waitForURL(`${server.base}/me/password`);
    assert.equal(await page.title(), '修改密码 · 邻里');
    await expectAccessible(page, 'change password');

    await page.getByRole('button', { name: '确认修改' }).click();
    await page.locator('#current_password-error').filter({ hasText: '请输入当前密码' }).waitFor();
    await page.locator('#new_password-error').filter({ hasText: '请输入新密码' }).waitFor();

    await page.getByLabel('当前密码').fill('not-my-password');
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('再次输入新密码').fill('shorter');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.locator('#new_password-error').filter({ hasText: '至少8个字符' }).waitFor();
    await page.locator('#confirm_password-error').filter({ hasText: '两次输入的新密码不一致' }).waitFor();

    // The server is the judge of the current password.
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.locator('#current_password-error').filter({ hasText: '当前密码不正确' }).waitFor();
    assert.equal(await page.locator('#current_password').getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'change password with errors');
    await screenshot(page, 'change-password-errors-zh');
  });

  test('a change keeps this phone signed in and signs out the others', async () => {
    const { page } = phone;
    const other = await fetch(`${server.base}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: DEMO.resident.phone, password: DEMO.resident.password }),
    });
    const { token: otherToken } = await other.json();

    await page.getByLabel('当前密码').fill(DEMO.resident.password);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();

    await page.getByRole('status').filter({ hasText: '密码已修改，其他设备已退出登录' }).waitFor();
    assert.equal(await page.getByLabel('当前密码').inputValue(), '');
    const me = await fetch(`${server.base}/api/v1/me`, { headers: { Authorization: `Bearer ${otherToken}` } });
    assert.equal(me.status, 401);
    await page.goto(`${server.base}/me`);
    await page.getByRole('heading', { name: '王秀英' }).waitFor();
    await screenshot(page, 'change-password-done-zh');
  });

  test('nothing went wrong in the page', () => {
    assert.deepEqual(phone.problems, []);
  });
});
