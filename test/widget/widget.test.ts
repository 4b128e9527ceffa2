import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { CHROMIUM, hasBrowser, launch, startSites, type Sites } from './browser.js';

if (!hasBrowser) console.warn(`\n  browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`);

describe.skipIf(!hasBrowser)('chat widget in a real browser (Chromium)', () => {
  let browser: Browser;
  let sites: Sites;
  beforeAll(async () => {
    [browser, sites] = await Promise.all([launch(), startSites()]);
  });
  afterAll(async () => {
    await browser?.close();
    await sites?.close();
  });

  async function open(attrs = '', viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${sites.site}/?attrs=${encodeURIComponent(attrs)}`);
    await page.locator('.launcher').click();
    await page.locator('textarea').waitFor();
    return page;
  }
  const askAndWait = async (page: Page, question: string, answers = 1) => {
    await page.locator('textarea').fill(question);
    await page.locator('textarea').press('Enter');
    await page.locator('li.msg.assistant:not([aria-busy]) .cites').nth(answers - 1).waitFor();
  };

  it('loads on a page with hostile CSS without taking its styles or breaking the page', async () => {
    const page = await browser.newPage();
    await page.goto(sites.site);
    const launcher = page.locator('.launcher');
    await launcher.waitFor();
    const style = await launcher.evaluate((b) => {
      const s = getComputedStyle(b);
      return { display: s.display, fontSize: s.fontSize, color: s.color };
    });
    expect(style).toEqual({ display: 'block', fontSize: '15px', color: 'rgb(255, 255, 255)' });
    expect(await page.locator('#own').evaluate((h) => getComputedStyle(h).color)).toBe('rgb(255, 0, 0)');
    await page.close();
  });

  it('streams a question to an answer with a citation card and a tel: link, [n] linked to its card', async () => {
    const page = await open();
    await askAndWait(page, '看護師・介護福祉士候補者の日本語研修の担当課はどこですか？');
    const answer = page.locator('li.msg.assistant').last();
    await expect.poll(() => answer.locator('.card strong').first().textContent()).toBe('[1] 技術協力活用型・新興国市場開拓事業');
    expect(await answer.locator('a[href^="tel:"]').first().getAttribute('href')).toBe('tel:0335011953');
    expect(await answer.locator('a[href^="#cite-"]').first().textContent()).toBe('[1]');
    expect(await page.locator('[aria-live]').textContent()).toContain('03-3501-1953');
    await page.close();
  });

  it('says so on the card where the document names no contact', async () => {
    const page = await open();
    await askAndWait(page, '小規模事業者対策推進事業の問い合わせ先は？');
    expect(await page.locator('.card').first().textContent()).toContain('この資料に問い合わせ先の記載はありません');
    await page.close();
  });

  it('never sends on the Enter that confirms an IME conversion; Shift+Enter is a new line', async () => {
    const page = await open();
    const asked: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/ask') && asked.push(r.postData() ?? ''));
    const box = page.locator('textarea');
    await box.fill('しょうえね');
    await box.evaluate((t) => {
      t.dispatchEvent(new CompositionEvent('compositionstart', { data: 'しょうえね' }));
      t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
    });
    await box.press('Shift+Enter');
    expect(asked).toEqual([]);
    expect(await box.inputValue()).toBe('しょうえね\n');
    await box.evaluate((t) => t.dispatchEvent(new CompositionEvent('compositionend', { data: '省エネ' })));
    await page.waitForTimeout(20);
    await box.fill('省エネ診断の問い合わせ先は？');
    await box.press('Enter');
    await expect.poll(() => asked.length).toBe(1);
    await page.close();
  });

  it('renders HTML and javascript: URLs in questions, answers and snippets as inert text', async () => {
    const page = await open();
    await page.route('**/api/ask', (route) => {
      const evil = '<img src=x onerror="window.__xss=1">';
      const done = { answer: `${evil}[1]`, answerable: true, mode: 'answer', generator: 'extractive', citations: [{ n: 1, program: { id: 'p', title: evil }, section: evil, snippet: evil, contacts: [{ office: evil, phone: 'javascript:alert(1)', scope: null }], source: { document: 'x', lines: [1, 1] } }] };
      void route.fulfill({ status: 200, contentType: 'text/event-stream', headers: { 'access-control-allow-origin': '*' }, body: `event: delta\ndata: ${JSON.stringify({ text: evil })}\n\nevent: done\ndata: ${JSON.stringify(done)}\n\n` });
    });
    await askAndWait(page, '<img src=x onerror="window.__xss=2">質問');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('li.msg img').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('li.msg.user').last().textContent()).toBe('<img src=x onerror="window.__xss=2">質問');
    await page.close();
  });

  it('shows a clear message when the API refuses (429) or cannot be reached, keeping the question', async () => {
    const page = await open();
    await page.route('**/api/ask', (route) => route.fulfill({ status: 429, contentType: 'application/json', headers: { 'access-control-allow-origin': '*', 'retry-after': '30' }, body: '{"error":{"code":"RATE_LIMITED","message":"too many"}}' }));
    await page.locator('textarea').fill('省エネ診断の問い合わせ先は？');
    await page.locator('textarea').press('Enter');
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('混み合っています');
    expect(await page.locator('textarea').inputValue()).toBe('省エネ診断の問い合わせ先は？');
    await page.unroute('**/api/ask');
    await page.route('**/api/ask', (route) => route.abort('internetdisconnected'));
    await page.locator('textarea').press('Enter');
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('接続できません');
    await page.close();
  });

  it('sends the history with a follow-up, keeps the conversation for the tab, and starts anew on request', async () => {
    const page = await open();
    const bodies: unknown[] = [];
    page.on('request', (r) => r.url().endsWith('/api/ask') && bodies.push(JSON.parse(r.postData() ?? 'null')));
    await askAndWait(page, '製造業の外国人材受入れを支援する事業について教えて');
    await askAndWait(page, '予算はいくらですか？', 2);
    expect(bodies[1]).toMatchObject({ question: '予算はいくらですか？', history: [{ role: 'user', content: '製造業の外国人材受入れを支援する事業について教えて' }, { role: 'assistant' }] });
    expect(await page.locator('li.msg.assistant').last().textContent()).toContain('5.0億円（前年度1.0億円）');
    await page.reload();
    await page.locator('.launcher').click();
    expect(await page.locator('li.msg').count()).toBe(4);
    await page.getByRole('button', { name: '新しい会話' }).click();
    expect(await page.locator('li.msg.user').count()).toBe(0);
    await page.close();
  });

  it('gives help-desk staff a draft with a copy button', async () => {
    const page = await open('data-mode="draft"');
    await askAndWait(page, '省エネ診断を無料で受けられる制度の問い合わせ先を教えてください。');
    expect(await page.locator('li.msg.assistant').last().textContent()).toContain('お問い合わせいただきありがとうございます。');
    await expect.poll(() => page.locator('button.copy').count()).toBe(1);
    await page.close();
  });

  it('works with the keyboard alone: open, focus in the box, Escape closes back to the launcher', async () => {
    const page = await browser.newPage();
    await page.goto(sites.site);
    await page.locator('.launcher').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-madoguchi]')!.shadowRoot!.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-madoguchi]')!.shadowRoot!.activeElement?.className)).toBe('launcher');
    expect(await page.locator('.panel').isHidden()).toBe(true);
    await page.close();
  });

  it('fits 360 px and 1280 px screens (screenshots in test-output/)', async () => {
    const out = join(ROOT, 'test-output');
    await mkdir(out, { recursive: true });
    for (const width of [360, 1280]) {
      const page = await open('', { width, height: 740 });
      await askAndWait(page, '省エネ診断を無料で受けられる制度の問い合わせ先を教えてください。');
      const box = (await page.locator('.panel').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(out, `widget-${width}.png`) });
      await page.close();
    }
  });
});
