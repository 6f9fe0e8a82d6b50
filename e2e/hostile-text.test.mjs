// Text that people post is shown as text: HTML and script in a notice, a task or an order note
// stay inert in the browser, and emoji, right-to-left marks, zero-width and combining
// characters come back exactly as they were typed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, api, apiSignIn, expectAccessible, postTaskToBuilding3, launchPhone, screenshot, signIn, startServer } from './harness.mjs';

// Each would run script or load something if it were ever parsed as HTML.
const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=2">';
const LINK = '<a href="javascript:window.__pwned=3">点我</a>';
// Emoji with a skin tone and a family joiner, an RTL override, a zero-width space, a combining
// accent: the bytes must survive the round trip.
const UNICODE = '🏠👍🏽👨‍👩‍👧 \u202Eمرحبا\u202C 零\u200B宽 e\u0301';

describe('hostile text: shown as typed, never run', () => {
  let server;
  let resident;
  let residentToken;
  let headToken;

  before(async () => {
    server = await startServer();
    resident = await launchPhone();
    await signIn(resident.page, server.base, DEMO.resident);
    [residentToken, headToken] = await Promise.all([apiSignIn(server.base, DEMO.resident), apiSignIn(server.base, DEMO.head)]);
  });
  after(async () => {
    await resident?.close();
    await server?.stop();
  });

  /** Nothing the page was given ran, loaded or became a live link. */
  async function assertInert(page) {
    const found = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      elements: document.querySelectorAll('main img, main script, main iframe, a[href^="javascript"]').length,
    }));
    assert.deepEqual(found, { pwned: null, elements: 0 });
  }

  test('a notice with markup and unusual characters reads literally in the list and in full', async () => {
    const [building] = (await api(server.base, headToken, 'GET', '/notice-targets')).filter((t) => /3栋$/.test(t.name));
    // Titles hold 60 characters: the markup and a little of everything else.
    const title = `停水${IMG}🏠👍🏽\u202Eمرحبا\u202C\u200B`;
    const body = `明天停水。${SCRIPT}\n${LINK}\n${UNICODE}`;
    const notice = await api(server.base, headToken, 'POST', '/notices', {
      title, body, category: 'utilities', target: { kind: building.kind, id: building.id },
    });
    assert.equal(notice.title, title, 'stored exactly');
    assert.equal(notice.body, body, 'stored exactly');

    const { page } = resident;
    await page.goto(`${server.base}/`);
    const card = page.locator('.notice-card', { hasText: '停水<img' });
    await card.waitFor();
    assert.equal(await card.locator('.notice-card__title').textContent(), title);
    await assertInert(page);

    await card.click();
    await page.waitForURL(/\/notices\/\d+$/);
    await page.getByRole('heading', { level: 2 }).filter({ hasText: '停水<img' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 2 }).filter({ hasText: '停水' }).textContent(), title);
    const shown = await page.locator('main').textContent();
    for (const part of [SCRIPT, LINK, UNICODE]) assert.ok(shown.includes(part), `shows ${JSON.stringify(part)}`);
    await assertInert(page);
    await expectAccessible(page, 'notice with markup');
    await screenshot(page, 'hostile-notice');
  });

  test('a task and an order note with markup read literally', async () => {
    const title = `义诊${SCRIPT}`;
    const task = await postTaskToBuilding3(server.base, headToken, Date.now() + 86400e3, {
      title, description: `${IMG}\n${UNICODE}`, category: 'elderly', place: `${LINK}门口`,
    });
    const { page } = resident;
    await page.goto(`${server.base}/tasks`);
    await page.locator('.task-card', { hasText: title }).waitFor();
    await assertInert(page);
    await page.goto(`${server.base}/tasks/${task.id}`);
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    const shown = await page.locator('main').textContent();
    for (const part of [IMG, UNICODE, `${LINK}门口`]) assert.ok(shown.includes(part), `shows ${JSON.stringify(part)}`);
    await assertInert(page);

    const menu = await api(server.base, residentToken, 'GET', '/services');
    const repair = menu.groups.flatMap((g) => g.services).find((s) => s.name === '家电维修');
    const note = `${IMG}${UNICODE}`;
    const order = await api(server.base, residentToken, 'POST', '/orders', { service_id: repair.id, note });
    assert.equal(order.note, note, 'stored exactly');
    await page.goto(`${server.base}/services/orders/${order.id}`);
    await page.locator('.order-facts').waitFor();
    assert.ok((await page.locator('main').textContent()).includes(note));
    await assertInert(page);
    await screenshot(page, 'hostile-order');
  });

  test('nothing went wrong in the pages', () => {
    assert.deepEqual(resident.problems, []);
  });
});
