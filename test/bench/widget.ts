import { gzipSync } from 'node:zlib';
import { buildWidget } from '../../src/adapter/node/widget-build.js';
import { hasBrowser, launch, startSites } from '../widget/browser.js';

/** widget.js size (minified, gzip) and, where Chromium exists, how fast the launcher paints and the panel opens. */
export async function widgetBench(): Promise<Record<string, string>> {
  const js = await buildWidget();
  const row: Record<string, string> = { 'minified KB': (js.length / 1024).toFixed(1), 'gzip KB': (gzipSync(js).length / 1024).toFixed(1) };
  if (!hasBrowser) return { ...row, browser: 'no Chromium: timings skipped' };
  const [browser, sites] = await Promise.all([launch(), startSites()]);
  try {
    const opens: number[] = [];
    const paints: number[] = [];
    for (let i = 0; i < 10; i++) {
      const page = await browser.newPage();
      await page.goto(sites.site);
      await page.locator('.launcher').waitFor();
      // From navigation start to the launcher in the DOM: no request to the API is awaited.
      paints.push(await page.evaluate(() => performance.now()));
      opens.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const root = document.querySelector('[data-madoguchi]')!.shadowRoot!;
              const t0 = performance.now();
              (root.querySelector('.launcher') as HTMLButtonElement).click();
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
            }),
        ),
      );
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return { ...row, 'launcher shown ms (median)': median(paints).toFixed(0), 'panel open ms (median)': median(opens).toFixed(1) };
  } finally {
    await browser.close();
    await sites.close();
  }
}
