// 积分管理 as the community's staff member meets it (issue 15): a correction of her own points is
// refused at the field; a large one waits in 待审批 and moves no points until a second staff
// member decides (she can withdraw it); the rules form refuses values outside the policy and
// saves the rest, which the server then applies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, api, apiSignIn, expectAccessible, launchPhone, screenshot, signIn, startServer } from './harness.mjs';

describe('积分管理: separation of duties and the policy', () => {
  let server;
  let phone;
  let residentToken;
  let resident;
  let staff;
  before(async () => {
    server = await startServer();
    phone = await launchPhone();
    residentToken = await apiSignIn(server.base, DEMO.resident);
    resident = await api(server.base, residentToken, 'GET', '/me');
    staff = await api(server.base, await apiSignIn(server.base, DEMO.staff), 'GET', '/me');
    await signIn(phone.page, server.base, DEMO.staff);
  });
  after(async () => {
    await phone?.close();
    await server?.stop();
  });

  const desk = (who) => `${server.base}/points/desk?user=${who.id}&name=${encodeURIComponent(who.name)}`;
  const balance = async () => (await api(server.base, residentToken, 'GET', '/me/points')).balance;

  test('a correction of her own points is refused at the field', async () => {
    const { page } = phone;
    await page.goto(desk(staff));
    await page.getByLabel('调整积分').fill('50');
    await page.getByLabel('原因').fill('重阳节百家宴 帮厨');
    await page.getByRole('button', { name: '提交调整' }).click();
    await page.getByText('不能给自己调整积分').first().waitFor();
    // Nothing the user typed is lost.
    assert.equal(await page.getByLabel('原因').inputValue(), '重阳节百家宴 帮厨');
  });

  test('a large correction waits for a second staff member; she can withdraw it', async () => {
    const { page } = phone;
    const before = await balance();
    await page.goto(desk(resident));
    await page.getByText('超过 200 积分需要另一位工作人员审批').waitFor();
    await page.getByLabel('调整积分').fill('300');
    await page.getByLabel('原因').fill('补录 敬老院探访 三次');
    await page.getByRole('button', { name: '提交调整' }).click();
    await page.getByText(/王秀英 \+300 积分：待审批/).waitFor();
    const pending = page.locator('section[aria-labelledby="pending-heading"]');
    await pending.getByText('补录 敬老院探访 三次').waitFor();
    // She asked for it, so she cannot approve it: only withdraw.
    assert.equal(await pending.getByRole('button', { name: '审批通过' }).count(), 0);
    assert.equal(await balance(), before, 'a pending correction moves no points');
    await expectAccessible(page, 'points desk with a pending correction');
    await screenshot(page, 'points-admin-pending-zh');

    await pending.getByRole('button', { name: '撤回' }).click();
    await pending.getByText('没有待审批的积分调整').waitFor();
    assert.equal(await balance(), before, 'a withdrawn correction moves no points');
  });

  test('the rules form refuses what the policy does not allow and saves the rest', async () => {
    const { page } = phone;
    await page.goto(`${server.base}/points/desk`);
    const perHour = page.getByLabel('每小时最多积分');
    await perHour.fill('0');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.locator('#points-per-hour-error').waitFor();
    await perHour.fill('15');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('积分规则已保存').waitFor();
    const policy = await api(server.base, residentToken, 'GET', '/community/policy');
    assert.equal(policy.points_per_hour, 15);
    await expectAccessible(page, 'points rules');
    await screenshot(page, 'points-admin-rules-zh');
  });
});
