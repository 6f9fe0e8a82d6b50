// The back arrow never leaves the app. Every page with one is opened the way a shared link opens
// it (a chat page, then a tap on the link: in WeChat, going back from there closes the app): its
// arrow must land on the page's parent inside the app, in place of the page, so the phone's own
// back from the parent goes to the chat, not to the page again. Inside the app the arrow goes
// back as before, also after a reload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO, api, apiSignIn, launchPhone, postTaskToBuilding3, shootEachWay, signIn, startServer } from './harness.mjs';

/** Every page's path pattern from src/routes.rs, the table the router is built from. */
function routePatterns() {
  const table = readFileSync(new URL('../src/routes.rs', import.meta.url), 'utf8');
  return [...table.matchAll(/^\s+\w+\([\w, ]*\) = "([^"]+)";/gm)].map((m) => m[1]);
}

/** The pages without a back arrow: the five tabs and sign-in. */
const TOP_LEVEL = ['/', '/login', '/tasks', '/services', '/points', '/me'];

/** A path with its ids, as the pattern it was made from (`/tasks/7/roster` → `/tasks/:id/roster`). */
const patternOf = (path) => path.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/^\/join\/\w+$/, '/join/:code');

/** Opens `path` in a new tab the way a link in a chat does, and waits for the page's back arrow. */
async function openFromChat(context, base, path) {
  const tab = await context.newPage();
  await tab.goto(`data:text/html;charset=utf-8,<a href="${base}${path}">邻里</a>`);
  await tab.click('a');
  await tab.waitForURL(`${base}${path}`);
  await tab.locator('.page-bar__back').waitFor();
  return tab;
}

const historyLength = (tab) => tab.evaluate(() => history.length);

describe('the back arrow: to the parent when opened from a link, back in history otherwise', () => {
  let server;
  let resident;
  let head;
  let staff;
  /** Not signed in: sign-up, an invite and 忘记密码 are for strangers. */
  let stranger;
  /** [who, path, parent] for every page with a back arrow. */
  let cases;
  let noticeId;
  let taskId;

  before(async () => {
    server = await startServer();
    [resident, head, staff, stranger] = await Promise.all([launchPhone(), launchPhone(), launchPhone(), launchPhone()]);
    await Promise.all([
      signIn(resident.page, server.base, DEMO.resident),
      signIn(head.page, server.base, DEMO.head),
      signIn(staff.page, server.base, DEMO.staff),
    ]);
    const [residentToken, headToken, staffToken] = await Promise.all(
      [DEMO.resident, DEMO.head, DEMO.staff].map((who) => apiSignIn(server.base, who)),
    );

    const [building] = (await api(server.base, headToken, 'GET', '/notice-targets')).filter((t) => /3栋$/.test(t.name));
    noticeId = (await api(server.base, headToken, 'POST', '/notices', {
      title: '电梯年检通知', body: '本周六上午电梯年检，请走楼梯。', category: 'safety', target: { kind: building.kind, id: building.id },
    })).id;
    taskId = (await postTaskToBuilding3(server.base, headToken, Date.now() + 2 * 86400e3, {
      title: '楼道大扫除', description: '清理楼道杂物。', place: '3栋楼下',
    })).id;
    const menu = await api(server.base, residentToken, 'GET', '/services');
    const service = menu.groups.flatMap((g) => g.services).find((s) => s.name === '家电维修');
    const orderId = (await api(server.base, residentToken, 'POST', '/orders', { service_id: service.id, note: '冰箱不制冷' })).id;
    const rewards = await api(server.base, residentToken, 'GET', '/rewards');
    const { balance } = await api(server.base, residentToken, 'GET', '/me/points');
    const affordable = rewards.filter((r) => r.stock > 0 && r.points <= balance).sort((a, b) => a.points - b.points)[0];
    assert.ok(affordable, `the demo resident (${balance} 积分) can afford a reward`);
    const voucherId = (await api(server.base, residentToken, 'POST', `/rewards/${affordable.id}/redemptions`)).id;
    const residentId = (await api(server.base, residentToken, 'GET', '/me')).id;
    // 黄桂兰 is on the register without a phone: a person page of the register kind.
    const [member] = (await api(server.base, staffToken, 'GET', `/people?q=${encodeURIComponent('黄桂兰')}`)).items;
    assert.equal(member?.kind, 'register', 'the demo register has 黄桂兰 without an account');
    const progress = await api(server.base, staffToken, 'GET', '/register/progress');
    const buildingId = progress.buildings.find((b) => /3栋$/.test(b.name))?.id ?? progress.buildings[0].id;
    const [invite] = (await api(server.base, headToken, 'GET', '/invites')).items;
    const reportId = (await api(server.base, residentToken, 'POST', '/reports', {
      category: 'repair', text: '楼道灯不亮，晚上看不清台阶。', location: { kind: 'home' },
    })).summary.id;
    const [wish] = (await api(server.base, residentToken, 'GET', '/wishes')).items;
    assert.ok(wish, 'the demo has a wish on the board');

    cases = [
      [head, '/notices/new', '/'],
      [head, '/notices/mine', '/me'],
      [resident, `/notices/${noticeId}`, '/'],
      [head, `/notices/${noticeId}/edit`, `/notices/${noticeId}`],
      [head, `/notices/${noticeId}/receipts`, `/notices/${noticeId}`],
      [resident, `/services/${service.id}/order`, '/services'],
      [resident, '/services/orders', '/services'],
      [staff, '/services/dispatch', '/services'],
      [head, '/services/volunteer', '/services'],
      [resident, `/services/orders/${orderId}`, '/services/orders'],
      [resident, '/me/password', '/me'],
      [head, '/tasks/new', '/tasks'],
      [resident, '/tasks/mine', '/tasks'],
      [resident, `/tasks/${taskId}`, '/tasks'],
      [head, `/tasks/${taskId}/roster`, `/tasks/${taskId}`],
      [resident, '/points/rewards', '/points'],
      [resident, '/points/vouchers', '/points'],
      [resident, `/points/vouchers/${voucherId}`, '/points/vouchers'],
      [resident, '/points/leaderboard', '/points'],
      [staff, '/points/desk', '/points'],
      [staff, '/services/manage', '/services'],
      [staff, '/services/manage/new', '/services/manage'],
      [staff, `/services/manage/${service.id}`, '/services/manage'],
      [staff, `/tasks/${taskId}/edit`, `/tasks/${taskId}`],
      [staff, '/points/rewards/manage', '/points'],
      [staff, '/points/rewards/manage/new', '/points/rewards/manage'],
      [staff, `/points/rewards/manage/${affordable.id}`, '/points/rewards/manage'],
      [staff, '/me/register', '/me'],
      [staff, '/me/progress', '/me'],
      [staff, `/me/progress/buildings/${buildingId}`, '/me/progress'],
      [staff, '/me/people', '/me'],
      [staff, `/me/people/u/${residentId}`, '/me/people'],
      [staff, `/me/people/r/${member.id}`, '/me/people'],
      [staff, '/me/exports', '/me'],
      [head, '/me/proxy', '/me'],
      [head, `/proxy/start/account/${residentId}`, '/me/proxy'],
      [head, `/proxy/start/register/${member.id}`, '/me/proxy'],
      [head, '/me/join-requests', '/me'],
      [head, '/me/invite', '/me'],
      [resident, '/me/join', '/me'],
      [stranger, '/join', '/login'],
      [stranger, invite.path, '/login'],
      [stranger, '/forgot-password', '/login'],
      [resident, '/services/wishes', '/services'],
      [resident, '/services/wishes/new', '/services/wishes'],
      [resident, '/services/wishes/mine', '/services/wishes'],
      [head, '/services/wishes/review', '/services/wishes'],
      [resident, `/services/wishes/${wish.id}`, '/services/wishes'],
      [resident, '/me/reports/new', '/'],
      [resident, '/me/reports', '/me'],
      [head, '/me/reports/inbox', '/me'],
      [staff, '/me/reports/dashboard', '/me'],
      [staff, '/me/reports/settings', '/me'],
      [resident, `/me/reports/${reportId}`, '/me/reports'],
      [resident, '/me/messages', '/me'],
      [resident, '/me/messages/settings', '/me/messages'],
      [staff, '/me/messages/webhook', '/me'],
    ];
  });
  after(async () => {
    await Promise.all([resident, head, staff, stranger].map((p) => p?.close()));
    await server?.stop();
  });

  test('every page below a tab is in this test', () => {
    const tested = cases.map(([, path]) => patternOf(path));
    const below = routePatterns().filter((p) => !TOP_LEVEL.includes(p));
    assert.deepEqual(below.filter((p) => !tested.includes(p)), [], 'pages with a back arrow and no case here');
  });

  test('opened from a link, every back arrow replaces its page with the parent', async () => {
    for (const [who, path, parent] of cases) {
      const tab = await openFromChat(who.context, server.base, path);
      const before = await historyLength(tab);
      await tab.locator('.page-bar__back').click();
      await tab.waitForURL(`${server.base}${parent}`);
      await tab.locator('main#main').waitFor();
      assert.equal(await historyLength(tab), before, `${path}: the arrow replaced the entry rather than adding one`);
      // The phone's own back from the parent goes where the link was tapped, not to the page.
      await tab.goBack();
      assert.ok(tab.url().startsWith('data:'), `${path}: back from ${parent} went to ${tab.url()}`);
      await tab.close();
    }
  });

  test('a page opened from a link, photographed', async () => {
    const tab = await openFromChat(resident.context, server.base, `/tasks/${taskId}`);
    await shootEachWay(tab, 'navigation-task-from-a-link', () => tab.getByRole('heading', { level: 2, name: '楼道大扫除' }).waitFor());
    await tab.close();
  });

  test('inside the app the arrow goes back, not to the parent, and still does after a reload', async () => {
    const { page } = head;
    // A notice's parent is 首页, but reached from 我发布的通知 its arrow goes back there.
    await page.goto(`${server.base}/notices/mine`);
    await page.locator('.page-bar__back').waitFor();
    await page.locator(`a[href="/notices/${noticeId}"]`).first().click();
    await page.waitForURL(`${server.base}/notices/${noticeId}`);
    await page.locator('.page-bar__back').click();
    await page.waitForURL(`${server.base}/notices/mine`);
    // Back, not a new entry: forward returns to the notice.
    await page.goForward();
    await page.waitForURL(`${server.base}/notices/${noticeId}`);

    // Opened from a link, then one page deeper and a reload: the arrow goes back to the page
    // opened first, whose own arrow then goes to its parent.
    const tab = await openFromChat(head.context, server.base, `/tasks/${taskId}`);
    await tab.getByRole('link', { name: '签到管理' }).click();
    await tab.waitForURL(`${server.base}/tasks/${taskId}/roster`);
    await tab.reload();
    await tab.locator('.page-bar__back').click();
    await tab.waitForURL(`${server.base}/tasks/${taskId}`);
    await tab.locator('.page-bar__back').click();
    await tab.waitForURL(`${server.base}/tasks`);
    await tab.goBack();
    assert.ok(tab.url().startsWith('data:'), `back from 任务 went to ${tab.url()}`);
    await tab.close();
  });

  test('nothing went wrong in the pages', () => {
    for (const phone of [resident, head, staff, stranger]) assert.deepEqual(phone.problems, []);
  });
});
