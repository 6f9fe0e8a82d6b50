// The household register 住户名册 and 加入进度: staff pick a sheet on the phone, see the dry run's
// problems by row and column (预检), import it, and see the community's progress change; a
// building head opens their building and sees the households not on Linli yet, with the
// register's names, masked phones and care tags, to knock on their doors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, api, apiSignIn, launchPhone, shootEachWay, signIn, startServer } from './harness.mjs';

const sheet = {
  name: '住户花名册.csv',
  mimeType: 'text/csv',
  buffer: readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'register.csv')),
};

describe('household register: import on the phone, then progress and the doors to knock on', () => {
  let server;
  let staff;
  let head;
  let staffToken;

  before(async () => {
    server = await startServer();
    [staff, head] = await Promise.all([launchPhone(), launchPhone()]);
    await Promise.all([signIn(staff.page, server.base, DEMO.staff), signIn(head.page, server.base, DEMO.head)]);
    staffToken = await apiSignIn(server.base, DEMO.staff);
  });
  after(async () => {
    await Promise.all([staff, head].map((p) => p?.close()));
    await server?.stop();
  });

  test('staff check a sheet, see its problems, import it and see progress change', async () => {
    const { page } = staff;
    const before = await api(server.base, staffToken, 'GET', '/register/progress');

    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '住户名册' }).click();
    await page.getByRole('heading', { name: '住户名册', level: 1 }).waitFor();

    const checkSheet = async () => {
      await page.locator('input[type=file]').setInputFiles(sheet);
      await page.getByRole('button', { name: /^(预检|Check)$/ }).click();
      await page.locator('.register-problem').first().waitFor();
    };
    await checkSheet();
    await page.getByRole('heading', { name: '预检结果（尚未导入）' }).waitFor();
    const problems = await page.locator('.register-problem').allInnerTexts();
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /第5行 · 联系电话[\s\S]*“1381234”不是11位手机号/);
    assert.match(problems[1], /第6行 · 楼栋[\s\S]*9栋/);
    const summary = await page.locator('.register-report__summary').innerText();
    assert.match(summary, /新增 3 人/);
    assert.match(summary, /跳过 2 行/);
    assert.match(await page.locator('.register-report').innerText(), /身份证号”一列已忽略/);

    await shootEachWay(page, 'register-import-dry-run', checkSheet);

    await checkSheet();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByRole('heading', { name: '已导入' }).waitFor();
    await page.locator('.register-recent__item').filter({ hasText: '住户花名册.csv' }).waitFor();
    assert.match(await page.locator('.register-recent__item').first().innerText(), /新增 3 人 · 更新 0 人 · 跳过 2 行/);

    await page.getByRole('link', { name: '查看加入进度' }).click();
    const figure = page.locator('.join-progress--main .join-progress__figure');
    await figure.waitFor();
    const households = before.community.households + 2;
    assert.equal(await figure.innerText(), `已加入 ${before.community.joined} / ${households} 户`);
    await shootEachWay(page, 'register-progress', () => figure.waitFor());
  });

  test('a building head sees only their building and the households still to visit', async () => {
    const { page } = head;
    await page.goto(`${server.base}/me`);
    await page.getByRole('link', { name: '加入进度' }).click();
    const building = page.getByRole('link', { name: /华盛世纪新城 3栋/ });
    await building.waitFor();
    assert.equal(await page.locator('.join-progress--main').count(), 0, 'no community figure for a head');
    assert.equal(await page.locator('.join-progress__place').count(), 1, 'their one building');
    await building.click();
    const household = page.locator('.unjoined__household');
    await household.first().waitFor();
    const rooms = await page.locator('.unjoined__room').allInnerTexts();
    assert.ok(rooms.includes('1单元 801室'), rooms.join(', '));
    assert.ok(rooms.includes('1单元 1601室'), 'the household just imported');
    const huang = household.filter({ hasText: '黄桂兰' });
    assert.match(await huang.innerText(), /无电话[\s\S]*高龄[\s\S]*独居/);
    const fang = household.filter({ hasText: '方志远' });
    assert.match(await fang.innerText(), /138\*\*\*\*5601/);
    await shootEachWay(page, 'register-unjoined', () => household.first().waitFor());
  });
});
