import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from './support/browser.js';
import { startTestServe, type TestServe } from './support/serve.js';

/**
 * The web console in a real Chromium, as a person uses it: type a request, watch what errand understood
 * and each step, approve the payment from its card, see the receipt, reload and find it in the history.
 * On a desk-sized window and on a 390×844 phone. Screenshots of each state go to test-results/console/.
 */
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';
let browser: Browser;
const servers: TestServe[] = [];

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

const VIEWPORTS = [
  { name: 'desk', viewport: { width: 1280, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir(), `${name}.png`), fullPage: true });
}

/** Fails the test on any script error or failed request the page meets. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(width);
}

describe.each(VIEWPORTS)('the console on a $name screen', ({ name, viewport, isMobile }) => {
  it('starts an errand, shows it live, takes an approval from its card, and keeps it in the history', async () => {
    const s = await startTestServe();
    servers.push(s);
    const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${s.url}/`);
      await page.getByLabel('Request · 请求').fill(LUNCH);
      await page.getByLabel('Ask above ¥ · 超过多少要问我').fill('20');
      await page.getByLabel('Model · 模型').fill('scripted:lunch');
      await shoot(page, `${name}-1-new`);
      await fitsWidth(page, viewport.width);
      await page.getByRole('button', { name: 'Run · 开始' }).click();

      // The errand's own page: what errand understood, the plan, each step as it happens.
      await page.waitForURL(/\/errands\/e[0-9a-z]+$/);
      const id = page.url().split('/').at(-1)!;
      await expect.poll(() => page.locator('#understood').innerText()).toContain('宫保鸡丁×1');
      await expect.poll(() => page.locator('#understood').innerText()).toContain('给 王芳 发消息');
      await expect.poll(() => page.locator('#plan').innerText()).toContain('点宫保鸡丁');

      // The payment waits on the person: the card says exactly what will happen.
      const card = page.locator('.approval').first();
      await card.waitFor({ state: 'visible' });
      const text = await card.innerText();
      expect(text).toContain('需要你批准');
      expect(text).toContain('¥36.00');
      expect(text).toMatch(/收款方\s+m_r_chuanwei/);
      expect(text).toMatch(/金额\s+¥36\.00/);
      expect(text).toContain('超过');
      expect(await page.locator('#steps').innerText()).toContain('food_place_order');
      await shoot(page, `${name}-2-approval`);
      await fitsWidth(page, viewport.width);

      await card.getByRole('button', { name: '批准' }).click();
      await expect.poll(() => card.innerText()).toContain('已批准');

      // The report: outcome as judged, receipts, tokens, cost, energy.
      const report = page.locator('#report');
      await report.locator('.receipts').waitFor({ state: 'visible' });
      const reportText = await report.innerText();
      expect(reportText).toContain('done');
      expect(reportText).toContain('pay_pay_request');
      expect(reportText).toContain('¥36.00');
      expect(reportText).toContain('chat_send_message');
      expect(reportText).toMatch(/tokens [1-9]\d* in/);
      expect(reportText).toContain('cost $');
      expect(reportText).toContain('energy ~');
      await shoot(page, `${name}-3-report`);
      await fitsWidth(page, viewport.width);

      // The world shows the payment exactly once.
      const state = s.journal.events(id).filter((e) => e.type === 'action.finished');
      expect(state.length).toBeGreaterThan(0);

      // Reload: the page is rebuilt from the journal, the approval recorded as the person's.
      await page.reload();
      await report.locator('.receipts').waitFor({ state: 'visible' });
      expect(await page.locator('#steps').innerText()).toContain('你批准了');
      expect(await page.locator('.approval').count()).toBe(0);
      await report.getByRole('button', { name: '检查审计链' }).click();
      await expect.poll(() => report.innerText()).toContain('审计链完好');

      // The history finds it, by a word of the request.
      await page.goto(`${s.url}/history`);
      await page.getByLabel('Search').fill('宫保');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/history\?q=/);
      const entry = page.locator('.history a', { hasText: '宫保鸡丁' });
      expect(await entry.count()).toBe(1);
      expect(await entry.innerText()).toContain('done');
      await shoot(page, `${name}-4-history`);
      await fitsWidth(page, viewport.width);
      await entry.click();
      await page.waitForURL(`${s.url}/errands/${id}`);
      await report.locator('.receipts').waitFor({ state: 'visible' });

      // The apps' state: the order placed and paid.
      await page.goto(`${s.url}/world`);
      const orderId = s.journal
        .events(id)
        .filter((e) => e.type === 'action.finished')
        .map((e) => (e as { output: { id?: string } }).output.id)
        .find((x) => x?.startsWith('ord_'));
      expect(await page.locator('main').innerText()).toContain(orderId!);
      await shoot(page, `${name}-5-world`);
      await page.goto(`${s.url}/audit`);
      expect(await page.locator('main').innerText()).toContain('intact');
      await shoot(page, `${name}-6-audit`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the console behind a token', () => {
  it('asks for the token once, keeps only a session, and declining a payment pays nothing', async () => {
    const token = 'console-test-token-0123456789abcdef';
    const s = await startTestServe({ token });
    servers.push(s);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${s.url}/history`);
      await page.waitForURL(`${s.url}/login`);
      await page.getByLabel('Server token').fill('not-the-token-0123456789');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(() => page.locator('#form-error').innerText()).toContain('not this server');
      await page.getByLabel('Server token').fill(token);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${s.url}/`);
      const cookies = await context.cookies();
      expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
        ['errand_session', true, 'Strict'],
      ]);
      expect(JSON.stringify(cookies)).not.toContain(token);
      // The page's own script cannot read the session.
      expect(await page.evaluate(() => document.cookie)).toBe('');

      await page.getByLabel('Request · 请求').fill('给王芳转50元');
      await page.getByLabel('Ask above ¥ · 超过多少要问我').fill('10');
      await page.getByRole('button', { name: 'Run · 开始' }).click();
      await page.waitForURL(/\/errands\//);
      const card = page.locator('.approval').first();
      await card.waitFor({ state: 'visible' });
      expect(await card.innerText()).toContain('转账 ¥50.00 给 王芳？');
      await card.getByRole('button', { name: '拒绝' }).click();
      await expect.poll(() => card.innerText()).toContain('已拒绝');
      await page.locator('#report .badge').first().waitFor();
      expect(await page.locator('#steps').innerText()).toContain('未执行');
      await shoot(page, 'token-declined');
      const world = await (await context.request.get(`${s.url}/api/worlds/liming`)).json();
      expect(world.world.transactions).toEqual([]);
      expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
