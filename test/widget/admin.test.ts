import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteAnswerLog } from '../../src/adapter/node/sqlite-answer-log.js';
import { buildAdminScript } from '../../src/adapter/node/widget-build.js';
import type { AnswerLog } from '../../src/answer-log/answer-log.js';
import { entry } from '../answer-log/answer-log.case.js';
import { ROOT, tempDir } from '../helpers.js';
import { hasBrowser, launch, startSites, type Sites } from './browser.js';

const TOKEN = 'staff-token-for-tests';
const QUESTION = '看護師・介護福祉士候補者の日本語研修の担当課はどこですか？';
const COMMENT = '受付時間も知りたかったです';

describe.skipIf(!hasBrowser)('feedback in the widget and the staff page, in a real browser (Chromium)', () => {
  let browser: Browser;
  let sites: Sites;
  let log: AnswerLog;
  beforeAll(async () => {
    log = await openSqliteAnswerLog(await tempDir('madoguchi-admin-browser-'));
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    [browser, sites] = await Promise.all([launch(), startSites({ answerLog: log, admin: { token: TOKEN }, adminScript: await buildAdminScript() })]);
  });
  afterAll(async () => {
    await browser?.close();
    await sites?.close();
  });

  const shadowFocus = (page: Page) => page.evaluate(() => document.querySelector('[data-madoguchi]')!.shadowRoot!.activeElement?.getAttribute('aria-label') ?? null);

  async function signIn(token = TOKEN): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${sites.api}/admin`);
    await page.locator('#token').fill(token);
    await page.locator('#token').press('Enter');
    return page;
  }

  it('👎 under an answer opens a comment box with focus in it; staff then see the question, the answer and the comment (screenshots in test-output/)', async () => {
    const page = await browser.newPage();
    await page.goto(sites.site);
    await page.locator('.launcher').click();
    await page.locator('textarea').fill(QUESTION);
    await page.locator('textarea').press('Enter');
    const answer = page.locator('li.msg.assistant:not([aria-busy])').last();
    await answer.locator('.cites').waitFor();
    const answerText = (await answer.locator('div').first().textContent())!;
    const up = answer.getByRole('button', { name: '役に立った' });
    const down = answer.getByRole('button', { name: '役に立たなかった' });
    expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['false', 'false']);

    // Keyboard only: focus 👎, Enter, type, Tab to the send button, Enter.
    await down.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => down.getAttribute('aria-pressed')).toBe('true');
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => shadowFocus(page)).toBe('よろしければ、足りなかった点をお書きください');
    await page.keyboard.type(COMMENT);
    await page.keyboard.press('Tab');
    expect(await shadowFocus(page)).toBe(null);
    await page.screenshot({ path: join(ROOT, 'test-output', 'widget-feedback.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => answer.locator('form.comment').count()).toBe(0);
    expect(await page.locator('[aria-live]').textContent()).toBe('ご意見ありがとうございます');
    expect(await shadowFocus(page)).toBe('役に立たなかった');
    await page.close();

    const admin = await signIn();
    const rows = admin.locator('#questions tbody tr');
    await rows.first().waitFor();
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['回答', QUESTION, answerText, '👎', COMMENT]);
    expect(await admin.locator('#comments tbody tr td').nth(3).textContent()).toBe(COMMENT);
    expect(await admin.locator('#status').textContent()).toBe('1 件の質問を表示しています');
    await admin.screenshot({ path: join(ROOT, 'test-output', 'admin.png'), fullPage: true });
    // The token is kept for the tab: a reload shows the view again without asking.
    await admin.reload();
    await admin.locator('#questions tbody tr').first().waitFor();
    expect(await admin.locator('#login').isHidden()).toBe(true);
    await admin.close();
  });

  it('without the token the API answers 401; a wrong token brings the sign-in back', async () => {
    const page = await browser.newPage();
    await page.goto(`${sites.api}/admin`);
    const res = await page.request.get(`${sites.api}/admin/api/questions`);
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHORIZED');
    await page.close();
    const wrong = await signIn('not-the-token');
    await expect.poll(() => wrong.locator('#status').textContent()).toContain('401');
    expect(await wrong.locator('#login').isVisible()).toBe(true);
    expect(await wrong.locator('#view').isHidden()).toBe(true);
    expect(await wrong.evaluate(() => sessionStorage.getItem('madoguchi:admin-token'))).toBe(null);
    await wrong.close();
  });

  it('shows stored markup, javascript: links and formulas as text, and exports them inert', async () => {
    const hostile = [
      '<script>window.__xss=1</script>補助金は？',
      '<img src=x onerror="window.__xss=2">助成金',
      '<a href="javascript:window.__xss=3">ここ</a> javascript:window.__xss=4',
      '=HYPERLINK("http://evil.example","詳細")',
      '+SUM(1,2)',
      '\t@cmd',
    ];
    for (const [i, question] of hostile.entries()) {
      const e = entry({ time: Date.now() + i, question, answer: `<b onmouseover="window.__xss=5">回答</b>${i}`, answerable: false, programs: [] });
      await log.record(e);
      await log.feedback(e.id, 'down', `-${question}`);
    }
    const page = await signIn();
    await page.locator('#questions tbody tr').nth(hostile.length - 1).waitFor();
    const texts = await page.locator('#questions tbody tr').evaluateAll((rows) => rows.map((r) => r.children[2]!.textContent));
    expect(texts.slice(0, hostile.length)).toEqual([...hostile].reverse());
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img, b, main script, a[href]').count()).toBe(0);
    expect(await page.locator('#topics').textContent()).toContain('<img src=x onerror="window.__xss=2">助成金');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
    expect(download.suggestedFilename()).toBe('questions.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF"id",')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""詳細"")"`);
    expect(csv).toContain(`"'+SUM(1,2)"`);
    expect(csv).toContain(`"'\t@cmd"`);
    expect(csv).toContain(`"'-=HYPERLINK(""http://evil.example"",""詳細"")"`);
    expect(csv).toContain('"<script>window.__xss=1</script>補助金は？"');
    await page.close();
  });
});
