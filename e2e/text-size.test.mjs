// Text size 字体大小 end to end: the choice in 我的 and before sign-in, the old 长辈版 switch
// carried over, and every page of the app (src/routes.rs), as the role that uses it, at 大, at
// 特大 and at 200 % system text on a 390×844 phone: nothing scrolls sideways or overlaps, no
// text is squeezed into one character a line, body text and targets are as large as promised,
// and axe finds nothing.
//
// 200 % system text: Android's text size (and WeChat's 字体大小 in its webview) makes the page's
// default font larger. The stylesheet sizes everything in rem from that default (html is
// font-size: 100%), so the test doubles Chromium's own default font size through the DevTools
// protocol (Page.setFontSizes, 16 → 32 px) rather than restyling the page: it is the browser
// setting itself, it reaches every page the way a phone's does, and it scales text, spacing and
// targets together, the harder case for a 390 px wide screen. Each walk checks it took effect
// (the root font size reads 32 px).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO, api, apiSignIn, expectAccessible, launchPhone, postTaskToBuilding3, screenshotDir, shootEachWay, signIn, startServer,
} from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What the page must satisfy at a size, measured inside the page; returns what is wrong. */
function inspect({ minBody, minTap, minTabLabel }) {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('.visually-hidden, [aria-hidden="true"]');
  };
  const label = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 24);
    return `${el.tagName.toLowerCase()}${cls} "${text}"`;
  };
  const all = (selector) => [...document.querySelectorAll(selector)].filter(shown);

  // Sideways scrolling, and what sticks out (inside a box that scrolls sideways on purpose is fine).
  const width = document.documentElement.scrollWidth;
  if (width > vw) {
    problems.push(`scrolls sideways: ${width}px wide in a ${vw}px screen`);
    const inScroller = (el) => {
      for (let a = el.parentElement; a; a = a.parentElement) if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    const culprits = all('body *').filter((el) => el.getBoundingClientRect().right > vw + 1 && !inScroller(el));
    for (const el of culprits.slice(-4)) problems.push(`  sticks out: ${label(el)} to ${Math.round(el.getBoundingClientRect().right)}px`);
  }

  if (minBody) {
    const body = parseFloat(getComputedStyle(document.body).fontSize);
    if (body < minBody) problems.push(`body text ${body}px < ${minBody}px`);
  }

  if (minTap) {
    const targets = all([
      'button', '.button', '.tab', '.link-row', '.chip-button', '.toggle', '.shortcut', '.voucher-row', '.link-button',
      '.page-bar__back', '.field__reveal', '.segmented__option', '.text-size-chips__option', '.tag span', '.star',
      '.ledger__meta a', '.facts a', 'select', 'textarea',
      'input:not([type=radio]):not([type=checkbox]):not([type=hidden])',
    ].join(', '));
    for (const el of targets) {
      const h = el.getBoundingClientRect().height;
      if (h < minTap - 0.5) problems.push(`target ${label(el)} is ${Math.round(h)}px tall (< ${minTap})`);
    }
  }

  // The tab bar: labels large enough, each inside its tab.
  for (const tab of all('.tab')) {
    const t = tab.getBoundingClientRect();
    for (const l of [...tab.querySelectorAll('.tab__label')].filter(shown)) {
      const size = parseFloat(getComputedStyle(l).fontSize);
      if (minTabLabel && size < minTabLabel) problems.push(`tab label ${label(l)} is ${size}px (< ${minTabLabel})`);
      const r = l.getBoundingClientRect();
      if (r.left < t.left - 1 || r.right > t.right + 1) problems.push(`tab label ${label(l)} spills out of its tab`);
    }
  }

  // Key elements do not overlap one another (the tab bar floats over the page by design, so its
  // parts are compared among themselves only).
  const keys = all([
    'h1', 'h2', 'h3', 'button', '.button', '.status', '.mark', '.price', '.reward', '.chip', '.category', '.badge',
    '.page-bar__back', '.tab__label', '.tab__icon', '.shortcut', '.field__input', '.link-row',
  ].join(', ')).filter((el) => !el.closest('.network-banner'));
  const boxes = keys.map((el) => ({ el, r: el.getBoundingClientRect(), fixed: !!el.closest('.tab-bar') }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.fixed !== b.fixed || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      // A password's show button sits inside the end of its field, by design.
      if (a.el.closest('.field__control') && a.el.closest('.field__control') === b.el.closest('.field__control')) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 2 && y > 2) problems.push(`overlap: ${label(a.el)} and ${label(b.el)}`);
    }
  }

  // No text squeezed into a column too narrow for it: text on two lines or more needs a box at
  // least 3.5 of its own characters wide ("12月/6日/周日" stacked is what this catches).
  for (const el of all('body *')) {
    const texts = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!texts.length) continue;
    let box = el;
    while (box.parentElement && getComputedStyle(box).display === 'inline') box = box.parentElement;
    const tops = new Set();
    for (const node of texts) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    if (tops.size < 2) continue;
    const s = getComputedStyle(box);
    const inner = box.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const em = parseFloat(getComputedStyle(el).fontSize);
    if (inner < 3.5 * em - 1) problems.push(`squeezed: ${label(el)} on ${tops.size} lines in ${Math.round(inner)}px (${(inner / em).toFixed(1)} characters)`);
  }
  return problems;
}

/** Waits until the page has its heading and nothing is still loading. */
async function settle(page) {
  const loaded = () => document.querySelector('h1') && !document.querySelector('.skeleton, .skeleton-list, .shell-status');
  await page.waitForFunction(loaded, null, { timeout: 20_000 });
  await sleep(300);
  await page.waitForFunction(loaded, null, { timeout: 20_000 });
}

describe('text size: 标准 / 大 / 特大, and every page at 大, 特大 and 200 % text', () => {
  let server;
  const phones = {};
  const pages = [];
  let headToken;
  let residentToken;

  before(async () => {
    server = await startServer();
    for (const role of ['resident', 'head', 'volunteer', 'staff', 'stranger']) phones[role] = await launchPhone();
    await Promise.all(['resident', 'head', 'volunteer', 'staff'].map((role) => signIn(phones[role].page, server.base, DEMO[role])));
    [headToken, residentToken] = await Promise.all([apiSignIn(server.base, DEMO.head), apiSignIn(server.base, DEMO.resident)]);

    // Something of each kind to look at: a notice from the head, a task the resident joined, an
    // order of hers and a voucher she redeemed.
    const [building] = (await api(server.base, headToken, 'GET', '/notice-targets')).filter((t) => /3栋$/.test(t.name));
    const notice = await api(server.base, headToken, 'POST', '/notices', {
      title: '3栋明早8点至12点停水，请提前储水', body: '因二次供水设备检修，3栋明早8点至12点停水。\n请各户提前储水，给您带来不便，敬请谅解。',
      category: 'utilities', target: { kind: building.kind, id: building.id },
    });
    const task = await postTaskToBuilding3(server.base, headToken, Date.now() + 2 * 86400e3, {
      title: '清理楼道和自行车棚的杂物', place: '3栋一楼自行车棚', description: '请带手套，社区提供垃圾袋和扫帚。',
    });
    await api(server.base, residentToken, 'PUT', `/tasks/${task.id}/enrollment`);
    const menu = await api(server.base, residentToken, 'GET', '/services');
    const repair = menu.groups.flatMap((g) => g.services).find((s) => s.name === '家电维修');
    const order = await api(server.base, residentToken, 'POST', '/orders', { service_id: repair.id, note: '客厅空调不制冷，下午在家。' });
    const rewards = await api(server.base, residentToken, 'GET', '/rewards');
    const cheapest = rewards.filter((r) => r.stock > 0).sort((a, b) => a.points - b.points)[0];
    const voucher = await api(server.base, residentToken, 'POST', `/rewards/${cheapest.id}/redemptions`);
    const staffToken = await apiSignIn(server.base, DEMO.staff);
    const residentId = (await api(server.base, residentToken, 'GET', '/me')).id;
    const [member] = (await api(server.base, staffToken, 'GET', `/people?q=${encodeURIComponent('黄桂兰')}`)).items;
    const progress = await api(server.base, staffToken, 'GET', '/register/progress');
    const building3 = progress.buildings.find((b) => /3栋$/.test(b.name));
    const [invite] = (await api(server.base, headToken, 'GET', '/invites')).items;
    const report = await api(server.base, residentToken, 'POST', '/reports', {
      category: 'sanitation', text: '1单元楼道堆放的纸箱和旧家具一直没人清理，影响通行，也有消防隐患。', location: { kind: 'home' }, place_note: '1单元一楼楼梯口',
    });
    const [wish] = (await api(server.base, residentToken, 'GET', '/wishes')).items;

    // Every page of src/routes.rs, as the role that uses it.
    pages.push(
      ['sign-in', 'stranger', '/login'],
      ['home', 'resident', '/'],
      ['notice', 'resident', `/notices/${notice.id}`],
      ['notice-compose', 'head', '/notices/new'],
      ['my-notices', 'head', '/notices/mine'],
      ['notice-edit', 'head', `/notices/${notice.id}/edit`],
      ['notice-receipts', 'head', `/notices/${notice.id}/receipts`],
      ['services', 'resident', '/services'],
      ['order-form', 'resident', `/services/${repair.id}/order`],
      ['my-orders', 'resident', '/services/orders'],
      ['dispatch', 'staff', '/services/dispatch'],
      ['volunteer-orders', 'volunteer', '/services/volunteer'],
      ['order', 'resident', `/services/orders/${order.id}`],
      ['me', 'resident', '/me'],
      ['change-password', 'resident', '/me/password'],
      ['tasks', 'resident', '/tasks'],
      ['task-new', 'head', '/tasks/new'],
      ['my-tasks', 'resident', '/tasks/mine'],
      ['task', 'resident', `/tasks/${task.id}`],
      ['task-roster', 'head', `/tasks/${task.id}/roster`],
      ['points', 'resident', '/points'],
      ['rewards', 'resident', '/points/rewards'],
      ['vouchers', 'resident', '/points/vouchers'],
      ['voucher', 'resident', `/points/vouchers/${voucher.id}`],
      ['leaderboard', 'resident', '/points/leaderboard'],
      ['points-desk', 'staff', '/points/desk'],
      ['service-manage', 'staff', '/services/manage'],
      ['service-new', 'staff', '/services/manage/new'],
      ['service-edit', 'staff', `/services/manage/${repair.id}`],
      ['task-edit', 'head', `/tasks/${task.id}/edit`],
      ['rewards-manage', 'staff', '/points/rewards/manage'],
      ['reward-new', 'staff', '/points/rewards/manage/new'],
      ['reward-edit', 'staff', `/points/rewards/manage/${cheapest.id}`],
      ['register-import', 'staff', '/me/register'],
      ['register-progress', 'staff', '/me/progress'],
      ['register-unjoined', 'head', `/me/progress/buildings/${building3.id}`],
      ['people', 'staff', '/me/people'],
      ['person-account', 'staff', `/me/people/u/${residentId}`],
      ['person-register', 'head', `/me/people/r/${member.id}`],
      ['exports', 'staff', '/me/exports'],
      ['proxy-list', 'head', '/me/proxy'],
      ['proxy-start-account', 'head', `/proxy/start/account/${residentId}`],
      ['proxy-start-register', 'head', `/proxy/start/register/${member.id}`],
      ['join-review', 'head', '/me/join-requests'],
      ['invite', 'head', '/me/invite'],
      ['join-status', 'resident', '/me/join'],
      ['sign-up', 'stranger', '/join'],
      ['join-invite', 'stranger', invite.path],
      ['forgot-password', 'stranger', '/forgot-password'],
      ['wishes', 'resident', '/services/wishes'],
      ['wish-new', 'resident', '/services/wishes/new'],
      ['my-wishes', 'resident', '/services/wishes/mine'],
      ['wish-review', 'head', '/services/wishes/review'],
      ['wish', 'volunteer', `/services/wishes/${wish.id}`],
      ['report-new', 'resident', '/me/reports/new'],
      ['my-reports', 'resident', '/me/reports'],
      ['report-inbox', 'head', '/me/reports/inbox'],
      ['report-dashboard', 'staff', '/me/reports/dashboard'],
      ['report-settings', 'staff', '/me/reports/settings'],
      ['report', 'resident', `/me/reports/${report.summary.id}`],
      ['messages', 'resident', '/me/messages'],
      ['message-settings', 'resident', '/me/messages/settings'],
      ['message-webhook', 'staff', '/me/messages/webhook'],
      ['not-found', 'resident', '/no/such/page'],
    );
  });
  after(async () => {
    await Promise.all(Object.values(phones).map((p) => p?.close()));
    await server?.stop();
  });

  const textSize = (page) => page.evaluate(() => ({
    stored: localStorage.getItem('linli.text-size'),
    old: localStorage.getItem('linli.elder'),
    classes: document.documentElement.className,
    body: parseFloat(getComputedStyle(document.body).fontSize),
  }));

  test('我的 offers 标准 / 大 / 特大 with a preview line; the page grows as soon as one is chosen', async () => {
    const { page } = phones.resident;
    await page.goto(`${server.base}/me`);
    const setting = page.getByRole('group', { name: '字体大小' });
    await setting.waitFor();
    assert.ok(await setting.getByRole('radio', { name: '标准', exact: true }).isChecked(), '标准 to begin with');
    assert.match(await setting.locator('.text-size__preview').innerText(), /^预览：/);
    assert.equal((await textSize(page)).body, 17);

    await setting.getByRole('radio', { name: '大', exact: true }).check();
    let now = await textSize(page);
    assert.equal(now.stored, 'large');
    assert.match(now.classes, /\belder\b/);
    assert.doesNotMatch(now.classes, /\belder-xl\b/);
    assert.ok(now.body >= 20 && now.body < 24, `大: body text ${now.body}px`);

    await setting.getByRole('radio', { name: '特大', exact: true }).check();
    now = await textSize(page);
    assert.equal(now.stored, 'xlarge');
    assert.match(now.classes, /\belder-xl\b/);
    assert.ok(now.body >= 24, `特大: body text ${now.body}px`);

    await page.reload();
    await page.getByRole('group', { name: '字体大小' }).waitFor();
    assert.ok(await page.getByRole('radio', { name: '特大', exact: true }).isChecked(), 'remembered');
    assert.ok((await textSize(page)).body >= 24);
    await page.getByRole('radio', { name: '标准', exact: true }).check();
    assert.equal((await textSize(page)).body, 17);

    const ready = async () => {
      await page.locator('.text-size').waitFor();
      await page.locator('.text-size').scrollIntoViewIfNeeded();
    };
    await ready();
    await shootEachWay(page, 'text-size-setting', ready);
  });

  test('the sign-in page offers the same choice, compact, before anyone signs in', async () => {
    const { page } = phones.stranger;
    await page.goto(`${server.base}/login`);
    const chips = page.getByRole('group', { name: '字体大小' });
    await chips.waitFor();
    assert.deepEqual(await chips.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.labels[0].innerText)), ['标准', '大', '特大']);
    await chips.getByRole('radio', { name: '特大', exact: true }).check();
    assert.ok((await textSize(page)).body >= 24);
    await page.reload();
    await page.getByRole('group', { name: '字体大小' }).waitFor();
    assert.ok(await page.getByRole('radio', { name: '特大', exact: true }).isChecked(), 'remembered before sign-in');
    // The static shell is already large, before the app runs.
    const html = await (await fetch(`${server.base}/login`)).text();
    assert.match(html, /linli\.text-size/);
    await page.getByRole('radio', { name: '标准', exact: true }).check();
    assert.equal((await textSize(page)).body, 17);
    await shootEachWay(page, 'text-size-sign-in', () => page.getByRole('group', { name: /字体大小|Text size/ }).waitFor());
  });

  test('someone who had the old 长辈版 switch on gets 大, and the old setting is replaced', async () => {
    const { page } = phones.resident;
    await page.goto(`${server.base}/me`);
    await page.evaluate(() => {
      localStorage.removeItem('linli.text-size');
      localStorage.setItem('linli.elder', 'on');
    });
    await page.reload();
    await page.getByRole('group', { name: '字体大小' }).waitFor();
    assert.ok(await page.getByRole('radio', { name: '大', exact: true }).isChecked());
    const now = await textSize(page);
    assert.deepEqual({ stored: now.stored, old: now.old }, { stored: 'large', old: null });
    assert.match(now.classes, /\belder\b/);
    await page.getByRole('radio', { name: '标准', exact: true }).check();
  });

  /** Every page at one size: opens it as its role, settles, inspects, photographs. */
  async function walk(size, { zoom = false, shot, ...limits }) {
    const problems = [];
    for (const phone of Object.values(phones)) {
      await phone.page.goto(`${server.base}/favicon.svg`);
      await phone.page.evaluate((size) => localStorage.setItem('linli.text-size', size), size);
      if (zoom) {
        const cdp = await phone.context.newCDPSession(phone.page);
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
        phone.cdp = cdp;
      }
    }
    try {
      for (const [name, role, path] of pages) {
        const { page } = phones[role];
        await page.goto(`${server.base}${path}`);
        await settle(page);
        if (zoom) {
          const root = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
          assert.equal(root, '32px', 'the default font size is doubled');
        }
        for (const p of await page.evaluate(inspect, limits)) problems.push(`${name}: ${p}`);
        if (shot) {
          mkdirSync(screenshotDir, { recursive: true });
          await page.screenshot({ path: join(screenshotDir, `${name}-${shot}.png`), fullPage: true });
        }
        await expectAccessible(page, `${name} (${shot ?? size})`).catch((e) => {
          problems.push(`${name}: ${e.message.split('\n').slice(0, 6).join(' ')}`);
        });
      }
    } finally {
      for (const phone of Object.values(phones)) {
        if (phone.cdp) {
          await phone.cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
          await phone.cdp.detach();
          delete phone.cdp;
        }
        await phone.page.evaluate(() => localStorage.setItem('linli.text-size', 'standard'));
      }
    }
    assert.deepEqual(problems, [], `at ${zoom ? '200 %' : size}`);
  }

  test('at 特大 every page reads at 24 px or more, with 60 px targets, and nothing overlaps or scrolls sideways', async () => {
    await walk('xlarge', { minBody: 24, minTap: 60, minTabLabel: 18, shot: 'xl' });
  });

  test('at 大 every page has 60 px targets and 18 px tab labels, and nothing overlaps or scrolls sideways', async () => {
    await walk('large', { minBody: 20, minTap: 60, minTabLabel: 18 });
  });

  test('at 200 % system text every page still fits: nothing overlaps, scrolls sideways or stands one character a line', async () => {
    await walk('standard', { zoom: true, shot: '200' });
  });

  test('nothing went wrong in the pages', () => {
    for (const [role, phone] of Object.entries(phones)) assert.deepEqual(phone.problems, [], role);
  });
});
