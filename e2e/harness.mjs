// The real thing, started per test file: the release server binary on a free port with a fresh
// SQLite file and the demo community, serving the built app; Debian's Chromium driven by
// playwright-core at a 390x844 phone viewport; axe-core run inside the page.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = join(root, 'e2e', 'screenshots');

// The demo accounts as the server defines them (server/src/demo/accounts.rs, which generates
// this file): DEMO.resident, DEMO.volunteer, DEMO.head, DEMO.staff, DEMO.otherBuilding, …
const demoAccounts = JSON.parse(readFileSync(join(root, 'server/src/demo/accounts.json'), 'utf8'));
export const DEMO = Object.fromEntries(
  demoAccounts.accounts.map(({ key, phone, name }) => [key, { phone, password: demoAccounts.password, name }]),
);

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer() {
  const bin = process.env.LINLI_SERVER_BIN ?? join(root, 'target/server/linli-server');
  const dist = process.env.LINLI_DIST ?? join(root, 'dist');
  const dir = mkdtempSync(join(tmpdir(), 'linli-e2e-'));
  const port = await freePort();
  // The demo community is seeded only when asked for (and only on loopback).
  const launch = () => spawn(bin, ['--demo', '--addr', `127.0.0.1:${port}`, '--dist', dist], {
    env: { ...process.env, DATABASE_URL: `sqlite://${dir}/linli.db?mode=rwc`, LINLI_SEED: 'demo', RUST_LOG: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let proc = launch();
  const base = `http://127.0.0.1:${port}`;
  const ready = async () => {
    for (let i = 0; ; i++) {
      try {
        const res = await fetch(`${base}/api/v1/health`);
        if (res.ok) break;
      } catch {}
      // 20 s: a busy 2-core machine can take that long to migrate and seed.
      if (i > 400 || proc.exitCode !== null) throw new Error(`server did not start (exit ${proc.exitCode})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const exit = () => {
    proc.kill('SIGTERM');
    return new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
  };
  await ready();
  return {
    base,
    /** Stops the server and starts it again on the same port and database, as a deploy or a
     *  crash would: open connections (live streams) drop, nothing stored is lost. */
    async restart() {
      await exit();
      proc = launch();
      await ready();
    },
    async stop() {
      await exit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchPhone() {
  const profile = mkdtempSync(join(tmpdir(), 'linli-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message} (on ${page.url()})`));
  page.on('console', (msg) => { if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(`console: ${msg.text()}`); });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Fails with the list of violations when axe-core finds any on the page as it is now. */
export async function expectAccessible(page, what) {
  // Evaluated, not added as an inline <script>, which the server's Content-Security-Policy
  // blocks (as it should: it allows only index.html's own inline scripts, by hash).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe-core violations on ${what}`);
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** Signs in through the form, as a person would. */
export async function signIn(page, base, who) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/手机号|Phone number/).fill(who.phone);
  await page.getByLabel(/^(密码|Password)$/).fill(who.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The text sizes 字体大小 of 我的, by the words on their radios (Chinese or English). */
export const TEXT_SIZES = {
  standard: /^(标准|Standard)$/,
  large: /^(大|Large)$/,
  xlarge: /^(特大|Extra large)$/,
};

/** Chooses the text size in 我的, as a person would: 'standard', 'large' (大) or 'xlarge' (特大). */
export async function setTextSize(page, base, size) {
  assert.ok(TEXT_SIZES[size], `no text size ${size}`);
  await page.goto(`${base}/me`);
  await page.getByRole('radio', { name: TEXT_SIZES[size] }).check();
}

/** Elder mode from 我的: on is the largest text size, 特大; off is 标准. */
export async function setElderMode(page, base, on) {
  await setTextSize(page, base, on ? 'xlarge' : 'standard');
}

/** A session token for `who`, straight from the API (for setting up and checking the server). */
export async function apiSignIn(base, who) {
  const res = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ phone: who.phone, password: who.password }),
  });
  assert.equal(res.status, 201, `sign-in of ${who.name}`);
  return (await res.json()).token;
}

/** One API call as `token`, asserted to succeed; every call carries a fresh Idempotency-Key. */
export async function api(base, token, method, path, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `e2e-${Date.now()}-${Math.random().toString(16).slice(2)}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Posts a task to 3栋 as the building head (`token`), starting at `startsAt` (ms), two hours long. */
export async function postTaskToBuilding3(base, token, startsAt, fields) {
  const [target] = (await api(base, token, 'GET', '/task-targets')).filter((s) => /3栋$/.test(s.name));
  return api(base, token, 'POST', '/tasks', {
    category: 'environment',
    capacity: 5,
    points: 10,
    ...fields,
    starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(startsAt + 2 * 3600e3).toISOString(),
    target: { kind: target.kind, id: target.id },
  });
}

/**
 * The page as it is now, photographed the three ways issue 17 asks for — Chinese, English and
 * the largest text size — as `<name>-zh`, `<name>-en` and `<name>-xl`, each checked with axe.
 * The language and text size are set the way the app remembers them, then the page is reloaded;
 * it is left in Chinese at the standard size. `ready` (optional) waits for the page's content
 * after each reload.
 */
export async function shootEachWay(page, name, ready = async () => {}) {
  const setPrefs = (prefs) => page.evaluate((prefs) => {
    for (const [key, value] of Object.entries(prefs)) localStorage.setItem(key, value);
  }, prefs);
  const ways = [
    ['zh', { 'linli.locale': 'zh-CN', 'linli.text-size': 'standard' }],
    ['en', { 'linli.locale': 'en', 'linli.text-size': 'standard' }],
    ['xl', { 'linli.locale': 'zh-CN', 'linli.text-size': 'xlarge' }],
  ];
  for (const [suffix, prefs] of ways) {
    await setPrefs(prefs);
    await page.reload();
    await ready();
    await screenshot(page, `${name}-${suffix}`);
    await expectAccessible(page, `${name} (${suffix})`);
  }
  await setPrefs(ways[0][1]);
  await page.reload();
  await ready();
}
