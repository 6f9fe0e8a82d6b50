// Lighthouse mobile on the pages residents open most: the home page, the task list and an
// order. Run through scripts/lighthouse.sh, which installs Lighthouse and builds what is missing.
//
// The release server runs on a free port with a fresh SQLite file and the demo community.
// Debian's Chromium is started by playwright-core with a DevTools port; Lighthouse attaches to
// that port. Signed-in pages need the session in localStorage, which Lighthouse cannot set and
// by default wipes: so the session is written from a same-origin page that loads no app file
// (/api/v1/health), the HTTP cache is cleared, and Lighthouse runs with its storage reset off.
// Each page is thus a cold first load, signed in.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { chromium } = require('playwright-core');
// The same server the end-to-end tests start: release binary, fresh SQLite file, demo community.
const { DEMO, freePort, startServer } = await import(join(root, 'e2e/harness.mjs'));
// Installed outside the shared node_modules, in target/lighthouse (see scripts/lighthouse.sh).
const lighthouse = (await import(join(root, 'target/lighthouse/node_modules/lighthouse/core/index.js'))).default;

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: null };
const CATEGORIES = Object.keys(TARGETS);
const reportDir = process.env.LINLI_LH_REPORTS ?? join(root, 'target', 'lighthouse', 'reports');
const runs = Number(process.env.LINLI_LH_RUNS ?? 1);
// LINLI_LH_PAGES=home,tasks runs only those pages (all three by default).
const only = process.env.LINLI_LH_PAGES?.split(',').map((p) => p.trim()).filter(Boolean);

async function api(base, path, { token, body } = {}) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'linli-lh-chromium-'));
const cdpPort = await freePort();
let context;
const results = [];
try {
  // The resident 王秀英 of the demo community, and one of her orders.
  const grant = await api(server.base, '/sessions', { body: { phone: DEMO.resident.phone, password: DEMO.resident.password } });
  const orders = await api(server.base, '/me/orders', { token: grant.token });
  const list = Array.isArray(orders) ? orders : (orders.items ?? orders.orders ?? []);
  if (!list.length) throw new Error('the demo resident has no order');
  const session = JSON.stringify({ token: grant.token, me: grant.me });
  const pages = [
    { name: 'home', path: '/' },
    { name: 'tasks', path: '/tasks' },
    { name: 'order', path: `/services/orders/${list[0].id}` },
  ].filter((p) => !only?.length || only.includes(p.name));

  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--remote-debugging-port=${cdpPort}`],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  mkdirSync(reportDir, { recursive: true });

  for (const target of pages) {
    for (let run = 1; run <= runs; run++) {
      await page.goto(`${server.base}/api/v1/health`);
      await page.evaluate((value) => {
        localStorage.clear();
        localStorage.setItem('linli.session', value);
      }, session);
      await cdp.send('Network.clearBrowserCache');
      const result = await lighthouse(`${server.base}${target.path}`, {
        port: cdpPort,
        output: 'html',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        disableStorageReset: true,
      });
      const lhr = result.lhr;
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative'
          && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
        .filter((a) => CATEGORIES.slice(1).some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
        .map((a) => a.id);
      const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
        .map((id) => `${id.split('-').map((w) => w[0]).join('').toUpperCase()} ${lhr.audits[id]?.displayValue ?? '?'}`)
        .join(', ');
      writeFileSync(join(reportDir, `${target.name}${runs > 1 ? `-${run}` : ''}.html`), result.report);
      if (lhr.runtimeError) console.error(`${target.name}: ${lhr.runtimeError.message}`);
      results.push({ page: target.name, path: target.path, ...scores, metrics, failing });
    }
  }
} finally {
  await context?.close();
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`\n${'page'.padEnd(8)} ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
for (const r of results) {
  console.log(`${r.page.padEnd(8)} ${CATEGORIES.map((c) => String(r[c]).padStart(15)).join('')}`);
  console.log(`         ${r.metrics}`);
  if (r.failing.length) console.log(`         below 100 in a11y / best practices / SEO: ${r.failing.join(', ')}`);
}
// Scores of one build spread from run to run (Lighthouse's advice: take the median of several
// runs); with more than one run per page, the targets are judged on the medians.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
let ok = true;
if (runs > 1) console.log(`\nmedian of ${runs} runs`);
for (const name of [...new Set(results.map((r) => r.page))]) {
  const mine = results.filter((r) => r.page === name);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(mine.map((r) => r[c]))]));
  if (runs > 1) console.log(`${name.padEnd(8)} ${CATEGORIES.map((c) => String(scores[c]).padStart(15)).join('')}`);
  for (const [c, min] of Object.entries(TARGETS)) if (min !== null && scores[c] < min) ok = false;
}
console.log(`targets: performance >= 95, accessibility 100, best practices 100: ${ok ? 'met' : 'NOT met'}`);
console.log(`reports: ${reportDir}`);
