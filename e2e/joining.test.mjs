// Joining: a newcomer not on the register signs up from the sign-in page, sees who is reviewing
// ("等待 … 审核") and only community-wide things; the building head approves in another phone's
// 入户审核 and the newcomer then sees the building's notices. A resident on the register
// (孙建华, 3栋1单元1101) signs up through the building's invite link and is in at once. The
// sign-up, waiting, review and invite screens are photographed in Chinese, English and 特大.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, api, apiSignIn, launchPhone, shootEachWay, signIn, startServer } from './harness.mjs';

const PASSWORD = 'Linli-join-2026';

/** Fills the home of the sign-up form; `fixed` when an invite chose community and building. */
async function fillHome(page, { unit, door, fixed = false }) {
  if (!fixed) {
    await page.getByLabel(/^(社区|Community)$/).selectOption({ label: '井湘社区' });
    await page.getByLabel(/^(楼栋|Building)$/).selectOption({ label: '华盛世纪新城 3栋' });
  }
  await page.getByLabel(/^(单元|Unit)$/).selectOption({ label: unit });
  await page.getByLabel(/^(门牌号|Door number)$/).fill(door);
}

describe('joining: sign up, wait for a head, be approved; or be let in by the register', () => {
  let server;
  let newcomer;
  let head;
  let sun;

  before(async () => {
    server = await startServer();
    [newcomer, head, sun] = await Promise.all([launchPhone(), launchPhone(), launchPhone()]);
  });
  after(async () => {
    await Promise.all([newcomer, head, sun].map((p) => p?.close()));
    await server?.stop();
  });

  test('a newcomer signs up, waits for the building head, and is let in by him', async () => {
    const { page } = newcomer;
    await page.goto(`${server.base}/login`);
    await page.getByRole('link', { name: '注册' }).click();
    await page.waitForURL(/\/join$/);
    const formReady = () => page.getByLabel(/^(社区|Community)$/).locator('option', { hasText: '井湘社区' }).waitFor({ state: 'attached' });
    await formReady();
    await shootEachWay(page, 'joining-sign-up', formReady);

    await fillHome(page, { unit: '1单元', door: '1201' });
    await page.getByLabel('姓名').fill('新邻居');
    await page.getByLabel('手机号').fill('13912345601');
    await page.getByLabel('设置密码').fill(PASSWORD);
    await page.getByRole('button', { name: '注册', exact: true }).click();

    await page.waitForURL(/\/me\/join$/);
    const waiting = page.getByText('等待 3栋1单元单元长 尚建超、3栋楼栋长 刘伟忠 审核');
    await waiting.waitFor();
    await shootEachWay(page, 'joining-pending', () => waiting.or(page.getByText(/^Waiting for /)).first().waitFor());
    // Tasks and points are not offered while waiting; 首页 says what it waits for.
    await page.goto(`${server.base}/`);
    await page.getByRole('heading', { name: '入户申请审核中' }).waitFor();
    assert.equal(await page.locator('.tab-bar').getByRole('link', { name: '任务' }).count(), 0);
    assert.equal(await page.locator('.tab-bar').getByRole('link', { name: '服务' }).count(), 1);
    assert.equal(await page.getByText('3栋二次供水设施清洗').count(), 0, 'no notice of the building yet');
    // The service menu is there to read; ordering waits for the head.
    await page.goto(`${server.base}/services`);
    await page.getByText('入户审核通过后即可点单').waitFor();
    await page.locator('.service-card').first().waitFor();
    assert.equal(await page.getByRole('link', { name: /^点单：/ }).count(), 0, 'no 点单 while waiting');

    // The building head sees it in 入户审核 (with the count on 我的) and approves.
    await signIn(head.page, server.base, DEMO.head);
    await head.page.goto(`${server.base}/me`);
    await head.page.getByText('1条待审核').waitFor({ state: 'attached' });
    await head.page.getByRole('link', { name: /入户审核/ }).click();
    const card = head.page.locator('.join-request', { hasText: '新邻居' });
    await card.waitFor();
    await shootEachWay(head.page, 'joining-review', () => head.page.locator('.join-request', { hasText: '新邻居' }).waitFor());
    await card.getByRole('button', { name: '不通过', exact: true }).click();
    const dialog = head.page.getByRole('dialog', { name: '不通过 新邻居 的申请？' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await card.getByRole('button', { name: '通过', exact: true }).click();
    await head.page.locator('.banner', { hasText: '已通过 新邻居 的申请' }).waitFor();

    // The newcomer checks again: in, and the building's notice is there.
    await page.goto(`${server.base}/me/join`);
    await page.getByRole('heading', { name: '审核已通过' }).waitFor();
    await page.getByRole('link', { name: '回到首页' }).click();
    await page.getByText('3栋二次供水设施清洗', { exact: false }).first().waitFor();
    assert.deepEqual(newcomer.problems, []);
  });

  test('the invite QR code opens the sign-up for 3栋, and a resident on the register is in at once', async () => {
    await head.page.goto(`${server.base}/me/invite`);
    const qr = head.page.locator('.invite__qr svg');
    await qr.waitFor();
    const box = await qr.boundingBox();
    assert.ok(box.width >= 280, `the QR code is big enough to scan (${box.width}px)`);
    await shootEachWay(head.page, 'joining-invite', () => head.page.locator('.invite__qr svg').waitFor());

    const token = await apiSignIn(server.base, DEMO.head);
    const { items } = await api(server.base, token, 'GET', '/invites');
    const { page } = sun;
    await page.goto(`${server.base}${items[0].path}`);
    await page.getByText('您正在加入 井湘社区 华盛世纪新城 3栋').waitFor();
    await fillHome(page, { unit: '1单元', door: '1101', fixed: true });
    await page.getByLabel('姓名').fill('孙建华');
    await page.getByLabel('手机号').fill('13812340011');
    await page.getByLabel('设置密码').fill(PASSWORD);
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('3栋 1单元 1101').waitFor();
    assert.equal(await page.getByRole('heading', { name: '入户申请审核中' }).count(), 0);
    assert.deepEqual([...head.problems, ...sun.problems], []);
  });
});
