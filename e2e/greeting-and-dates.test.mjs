// Small things a resident notices: 首页 greets the hour as people in Shanghai do (凌晨 before
// five, then 早上, 上午, 中午, 下午, 晚上), and every date input says beneath it, in the reader's
// language, what it holds — the input itself is drawn in the phone's own language and format.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, launchPhone, shootEachWay, signIn, startServer } from './harness.mjs';

/** The phone's clock at `hhmm` Shanghai time on 3 December 2026. */
const at = (hhmm) => new Date(`2026-12-03T${hhmm}:00+08:00`);

describe('the greeting and the dates', () => {
  let server;
  let resident;
  let head;

  before(async () => {
    server = await startServer();
    [resident, head] = await Promise.all([launchPhone(), launchPhone()]);
    await Promise.all([signIn(resident.page, server.base, DEMO.resident), signIn(head.page, server.base, DEMO.head)]);
  });
  after(async () => {
    await Promise.all([resident, head].map((p) => p?.close()));
    await server?.stop();
  });

  const greeting = (page) => page.locator('.welcome__greeting');

  test('首页 greets the hour of the day in Shanghai', async () => {
    const { page } = resident;
    const hours = [
      ['00:10', '凌晨好'], ['04:59', '凌晨好'], ['05:00', '早上好'], ['07:30', '早上好'], ['09:00', '上午好'],
      ['11:30', '中午好'], ['12:59', '中午好'], ['15:00', '下午好'], ['18:00', '晚上好'], ['23:30', '晚上好'],
    ];
    for (const [hhmm, words] of hours) {
      await page.clock.setFixedTime(at(hhmm));
      await page.goto(`${server.base}/`);
      await greeting(page).waitFor();
      assert.equal(await greeting(page).textContent(), `${words}，${DEMO.resident.name}`, `at ${hhmm}`);
    }
    await page.evaluate(() => localStorage.setItem('linli.locale', 'en'));
    for (const [hhmm, words] of [['02:30', 'Good morning'], ['12:30', 'Good afternoon'], ['20:00', 'Good evening']]) {
      await page.clock.setFixedTime(at(hhmm));
      await page.reload();
      await greeting(page).waitFor();
      assert.equal(await greeting(page).textContent(), `${words}, ${DEMO.resident.name}`, `at ${hhmm} in English`);
    }
    await page.evaluate(() => localStorage.setItem('linli.locale', 'zh-CN'));
  });

  test('首页 at 凌晨, photographed', async () => {
    const { page } = resident;
    await page.clock.setFixedTime(at('02:30'));
    await page.goto(`${server.base}/`);
    await shootEachWay(page, 'home-greeting-small-hours', () => greeting(page).waitFor());
    assert.equal(await greeting(page).textContent(), `凌晨好，${DEMO.resident.name}`);
  });

  test('the task form writes out its start and end beneath the inputs, in the reader\'s language', async () => {
    const { page } = head;
    await page.clock.setFixedTime(at('10:00'));
    await page.goto(`${server.base}/tasks/new`);
    const starts = page.getByLabel('开始时间');
    const echo = (id) => page.locator(`#${id}-echo`);
    assert.equal(await echo('starts_at').textContent(), '', 'nothing to write out while empty');
    await starts.fill('2026-12-06T09:00');
    await page.getByLabel('结束时间').fill('2027-01-03T15:30');
    await page.locator('#starts_at-echo', { hasText: '12月6日 周日 上午9:00' }).waitFor();
    assert.equal(await echo('ends_at').textContent(), '2027年1月3日 周日 下午3:30', 'the year only when it is not this one');
    assert.match(await starts.getAttribute('aria-describedby'), /\bstarts_at-echo\b/, 'read out with the input');
    await page.getByLabel('开始时间').fill('2026-12-06T00:30');
    await page.locator('#starts_at-echo', { hasText: '12月6日 周日 凌晨0:30' }).waitFor();
    await page.getByLabel('开始时间').fill('2026-12-06T19:00');
    await page.locator('#starts_at-echo', { hasText: '12月6日 周日 晚上7:00' }).waitFor();

    // In English after a reload (the draft keeps what was typed).
    await page.evaluate(() => localStorage.setItem('linli.locale', 'en'));
    await page.reload();
    await page.locator('#starts_at-echo', { hasText: 'Sun 6 Dec, 19:00' }).waitFor();
    assert.equal(await echo('ends_at').textContent(), 'Sun 3 Jan 2027, 15:30');
    await page.evaluate(() => localStorage.setItem('linli.locale', 'zh-CN'));
    await page.reload();
    await shootEachWay(page, 'task-compose-date-echo', () => page.locator('#starts_at-echo:not(:empty)').waitFor());
  });

  test('the notice form and the tasks list\'s date filter do the same', async () => {
    const { page } = head;
    await page.clock.setFixedTime(at('10:00'));
    await page.goto(`${server.base}/notices/new`);
    await page.getByLabel('置顶至（可不填）').fill('2026-12-10T18:00');
    await page.locator('#pinned_until-echo', { hasText: '12月10日 周四 晚上6:00' }).waitFor();
    await page.getByLabel('到期时间（可不填）').fill('2026-12-31T12:00');
    await page.locator('#expires_at-echo', { hasText: '12月31日 周四 中午12:00' }).waitFor();

    await page.goto(`${server.base}/tasks`);
    await page.getByLabel('日期').fill('2026-12-07');
    await page.locator('#task-date-echo', { hasText: '12月7日 周一' }).waitFor();
    await page.evaluate(() => localStorage.setItem('linli.locale', 'en'));
    await page.reload();
    await page.getByLabel('Date').fill('2026-12-07');
    await page.locator('#task-date-echo', { hasText: 'Mon 7 Dec' }).waitFor();
    await page.evaluate(() => localStorage.setItem('linli.locale', 'zh-CN'));
  });

  test('nothing went wrong in the pages', () => {
    for (const phone of [resident, head]) assert.deepEqual(phone.problems, []);
  });
});
