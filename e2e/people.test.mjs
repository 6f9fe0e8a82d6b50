// 居民: staff find a resident in the directory and appoint them unit head of 3栋1单元, then
// remove it (the person page's roles and history follow); the building head issues a password
// reset code, shown once in a dialog, and the resident sets a new password on 忘记密码 from the
// sign-in page and signs in with it. The directory, the person page and the code dialog are
// photographed in Chinese, English and 特大, each axe-checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO, api, apiSignIn, expectAccessible, launchPhone, screenshot, shootEachWay, signIn, startServer,
} from './harness.mjs';

describe('居民: directory, roles and reset codes', () => {
  let server;
  let staff;
  let head;
  let resident;
  let wangId;

  before(async () => {
    server = await startServer();
    [staff, head, resident] = await Promise.all([launchPhone(), launchPhone(), launchPhone()]);
    await Promise.all([signIn(staff.page, server.base, DEMO.staff), signIn(head.page, server.base, DEMO.head)]);
    const token = await apiSignIn(server.base, DEMO.resident);
    wangId = (await api(server.base, token, 'GET', '/me')).id;
  });
  after(async () => {
    await Promise.all([staff, head, resident].map((p) => p?.close()));
    await server?.stop();
  });

  test('staff find 王秀英, appoint her unit head of 3栋1单元 and remove it', async () => {
    const { page } = staff;
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '居民查询' }).click();
    await page.waitForURL(/\/me\/people$/);
    await page.getByLabel('姓名、手机号或门牌').fill('1502');
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('link', { name: /李德明/ }).waitFor();
    await shootEachWay(page, 'people-directory', () => page.locator('.person-card').first().waitFor());

    await page.goto(`${server.base}/me/people/u/${wangId}`);
    const head_ = page.locator('.person-head');
    await head_.waitFor();
    assert.equal(await head_.getAttribute('data-person-kind'), 'account');
    assert.equal(await head_.getAttribute('data-person-id'), String(wangId));
    assert.equal(await head_.getByRole('link', { name: /为TA代办/ }).getAttribute('href'), `/proxy/start/account/${wangId}`);
    await page.locator('#appoint-role').selectOption('unit_head');
    const place = page.getByLabel('负责范围');
    const option = place.locator('option', { hasText: /3栋 1单元$/ });
    await place.selectOption(await option.first().getAttribute('value'));
    await page.getByRole('button', { name: '任命', exact: true }).click();
    const chip = page.locator('.role-row .chip', { hasText: /单元长 · 3栋 1单元/ });
    await chip.waitFor();
    await page.locator('.role-history li', { hasText: '许各利 任命' }).first().waitFor();
    await shootEachWay(page, 'person-page', () => page.locator('.role-row .chip').first().waitFor());

    await page.locator('.role-row', { has: page.locator('.chip', { hasText: /单元长 · 3栋 1单元/ }) }).getByRole('button', { name: '免去' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '免去' }).click();
    await page.locator('.role-history li', { hasText: '许各利 免去' }).first().waitFor();
    assert.equal(await page.locator('.role-row .chip', { hasText: /单元长/ }).count(), 0);
    assert.deepEqual(staff.problems, []);
  });

  test('the head issues a reset code and 王秀英 sets a new password with it', async () => {
    const { page } = head;
    const ways = [['zh', 'zh-CN', 'standard'], ['en', 'en', 'standard'], ['xl', 'zh-CN', 'xlarge']];
    let code;
    for (const [suffix, locale, size] of ways) {
      await page.goto(`${server.base}/me/people/u/${wangId}`);
      await page.evaluate(([l, s]) => { localStorage.setItem('linli.locale', l); localStorage.setItem('linli.text-size', s); }, [locale, size]);
      await page.reload();
      await page.getByRole('button', { name: /生成密码重置码|Issue a reset code/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: /^(生成|Issue)$/ }).click();
      const shown = page.locator('.code-dialog__code');
      await shown.waitFor();
      code = await shown.getAttribute('data-code');
      assert.match(code, /^\d{8}$/);
      await screenshot(page, `reset-code-dialog-${suffix}`);
      await expectAccessible(page, `reset code dialog (${suffix})`);
      await page.getByRole('button', { name: /我已交给本人|Handed over/ }).click();
      await shown.waitFor({ state: 'detached' });
    }
    await page.evaluate(() => { localStorage.setItem('linli.locale', 'zh-CN'); localStorage.setItem('linli.text-size', 'standard'); });

    // Only the last code works: each new one voided the one before.
    const r = resident.page;
    await r.goto(`${server.base}/login`);
    await r.getByRole('link', { name: '忘记密码？' }).click();
    await r.waitForURL(/\/forgot-password$/);
    await r.getByLabel('手机号').fill(DEMO.resident.phone);
    await r.getByLabel('重置码').fill(code);
    await r.getByLabel('新密码').fill('qingshan-2027');
    await screenshot(r, 'forgot-password-zh');
    await expectAccessible(r, 'forgot password');
    await r.getByRole('button', { name: '设置新密码' }).click();
    await r.getByText('密码已重置').waitFor();
    await r.getByRole('link', { name: '去登录' }).click();
    await signIn(r, server.base, { ...DEMO.resident, password: 'qingshan-2027' });
    await r.goto(`${server.base}/me`);
    await r.getByText(/由 刘伟忠 协助重置/).waitFor();
    assert.deepEqual(resident.problems, []);
    assert.deepEqual(head.problems, []);
  });
});
