// The app under the server's own Content-Security-Policy, in both builds: the split build that
// current browsers get, and the one-file build for old webviews (forced here by making the
// loader's reference-types probe fail, as it does in Chrome-78-class WeChat XWeb). Signs in,
// opens every tab and a few pages, and fails on any CSP violation the page reports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, launchPhone, signIn, startServer } from './harness.mjs';

const TABS = [
  ['/', '首页'],
  ['/tasks', '任务'],
  ['/services', '服务'],
  ['/points', '积分'],
  ['/me', '我的'],
];
const PAGES = ['/me/password', '/services/orders', '/notices'];

for (const build of ['split', 'one-file']) {
  describe(`CSP: the ${build} build runs under the server's policy`, () => {
    let server;
    let phone;
    before(async () => {
      server = await startServer();
      phone = await launchPhone();
      // Init scripts run through the DevTools protocol, outside the page's CSP.
      await phone.context.addInitScript((oneFile) => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`);
        });
        if (oneFile) {
          const validate = WebAssembly.validate.bind(WebAssembly);
          // Only the loader's probe asks; wasm-bindgen's glue does not validate.
          WebAssembly.validate = (bytes) => (bytes.length < 64 ? false : validate(bytes));
        }
      }, build === 'one-file');
    });
    after(async () => {
      await phone?.close();
      await server?.stop();
    });

    test('the policy is sent with the page and allows no inline code but by hash', async () => {
      const response = await fetch(`${server.base}/`);
      const policy = response.headers.get('content-security-policy');
      assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      assert.match(policy, /frame-ancestors 'self'/);
      assert.doesNotMatch(policy, /unsafe-inline/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    });

    test('signing in and opening every tab reports no violation', async () => {
      const { page, problems } = phone;
      await signIn(page, server.base, DEMO.resident);
      await page.getByRole('heading', { level: 1, name: /王秀英/ }).waitFor();
      const loaded = await page.evaluate(() => window.linliBuild.js);
      if (build === 'split') assert.match(loaded, /^\/split-[0-9a-f]+\/linli-app\.js$/);
      else assert.match(loaded, /^\/linli-app-[0-9a-f]+\.js$/);

      const tabs = page.getByRole('navigation', { name: '主导航' });
      for (const [path, name] of [...TABS.slice(1), TABS[0]]) {
        await tabs.getByRole('link', { name }).click();
        await page.waitForURL(`${server.base}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
      }
      for (const path of PAGES) {
        await page.goto(`${server.base}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
      }
      // main.css and the other pages' pages.css switched from media=print to all by index.html's
      // script, not an onload= attribute (pages.css enabled by it too, once asked for).
      assert.deepEqual(
        await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => `${l.href.match(/\/(\w+)-/)[1]} ${l.media}${l.disabled ? ' disabled' : ''}`)),
        ['main all', 'pages all'],
      );

      const violations = await page.evaluate(() => window.__csp);
      assert.deepEqual(violations, []);
      const cspErrors = problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
      assert.deepEqual(cspErrors, []);
      assert.deepEqual(problems, []);
    });
  });
}
