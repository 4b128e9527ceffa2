import { beforeAll, describe, expect, it } from 'vitest';
import { catalogView, type CatalogView } from '../../src/answer/catalog-view.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { compact } from '../../src/text/normalize.js';
import { realEngine } from '../helpers.js';

/** The view's indexed lookups against a plain scan of the corpus. */
describe('the catalog view', () => {
  let engine: SearchEngine;
  let view: CatalogView;
  let text: string;
  beforeAll(async () => {
    engine = await realEngine();
    view = catalogView(engine);
    text = compact(engine.chunks.map((c) => `${c.programTitle}\n${c.text}`).join('\n'));
  });

  it('says a phrase is mentioned exactly when the corpus text holds it', () => {
    // Every run of two to six characters at many places of the text, each once as written and once with one character changed.
    const phrases = new Set<string>();
    for (let at = 0; at + 6 < text.length; at += 97) {
      for (let n = 2; n <= 6; n++) {
        const run = text.slice(at, at + n);
        phrases.add(run);
        phrases.add(run.slice(0, n - 1) + String.fromCharCode(run.charCodeAt(n - 1) + 1));
      }
    }
    const got = [...phrases].filter((p) => view.mentions(p));
    expect(got).toEqual([...phrases].filter((p) => text.includes(compact(p))));
    expect(got.length).toBeGreaterThan(phrases.size / 3);
    expect(got.length).toBeLessThan(phrases.size);
  });

  it('finds the titles a text names as a scan of every title would', () => {
    const titles = engine.programs.filter((p) => p.kind === 'program').map((program) => ({ program, name: compact(program.title) }));
    const scan = (text: string) => {
      const t = compact(text);
      const found = titles.filter((x) => t.includes(x.name)).map((x) => ({ ...x, at: t.indexOf(x.name), end: t.indexOf(x.name) + x.name.length }));
      return found.filter((x) => !found.some((y) => y.name.length > x.name.length && y.at <= x.at && y.end >= x.end)).sort((a, b) => a.at - b.at).map((x) => x.program);
    };
    const questions = [`${titles[3]!.name}と${titles[1]!.name}、それに${titles[0]!.name.slice(1)}について`, `${titles[2]!.name}の問い合わせ先`, '補助金について'];
    for (const q of questions) expect(view.named(q)).toEqual(scan(q));
    expect(view.named(questions[0]!).slice(0, 2)).toEqual([titles[3]!.program, titles[1]!.program]);
  });
});
