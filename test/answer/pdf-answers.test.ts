import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import type { Answerer } from '../../src/answer/types.js';
import { realEngine, SHARED, tempDir } from '../helpers.js';

// Four of the real ministry PDFs, read from ../shared/pdf into a corpus of their own.
const FILES = ['01_mhlw_careerup_seishainka_leaflet.pdf', '04_mhlw_careerup_tanjikan_pamphlet_r7-07.pdf', '06_stat_jinsui_suikei_2024_overview.pdf', '05_mhlw_careerup_shikyu_youryou_r7-04.pdf'];

describe('answers over real PDFs, cited by page', () => {
  let answerer: Answerer;
  beforeAll(async () => {
    const dir = await tempDir();
    for (const f of FILES) await copyFile(join(SHARED, 'pdf', f), join(dir, f));
    answerer = createExtractiveAnswerer(await realEngine(dir));
  });
  const ask = (question: string) => answerer.answer({ question, history: [], mode: 'answer' });

  it("gives the pamphlet's free-dial number from its last page", async () => {
    const a = await ask('短時間労働者労働時間延長支援コースについて電話で問い合わせたい');
    expect(a.answer).toContain('年収の壁突破・総合相談窓口（電話 0120-030-045');
    expect(a.citations[0]).toMatchObject({ source: { document: FILES[1], pages: [18, 18] } });
  });

  it('quotes an amount with the page it stands on', async () => {
    const a = await ask('短時間労働者の労働時間を延長すると、労働者1人につき最大いくら助成されますか');
    expect(a.answer).toContain('最大75万円');
    const cited = a.citations.find((c) => c.snippet.includes('75万円'))!;
    expect(cited.source).toEqual({ document: FILES[1], pages: [2, 2] });
  });

  it('gives the statistics office of a document that is not a support program', async () => {
    const a = await ask('人口推計について問い合わせたいので電話番号を教えてください');
    expect(a.citations[0]!.source.document).toBe(FILES[2]);
    expect(a.answer).toContain('03-5273-1009');
  });

  it("answers from the leaflet about a course, not from the 75-page rulebook beside it that mentions everything", async () => {
    const a = await ask('キャリアアップ助成金の正社員化コースで、有期雇用の人を正社員にすると中小企業はいくら助成されますか');
    expect(a.citations[0]!.source).toEqual({ document: FILES[0], pages: [1, 1] });
    expect(a.answer).toContain('中小企業 | 80万円（40万円×２期）');
  });

  it('quotes the table row holding the amount asked for (助成額 asks a figure in 円)', async () => {
    const a = await ask('正社員化コースの大企業の助成額は？');
    expect(a.answer).toContain('大企業 | 60万円（30万円×２期） | 30万円（15万円×２期）');
  });

  it('takes no fact from a table\'s column headers: a 申請期間 question quotes the pamphlet\'s own sentence', async () => {
    const a = await ask('短時間労働者労働時間延長支援コースの支給申請期間はいつですか');
    expect(a.answer).not.toContain('主な確認事項です');
    expect(a.answer).toContain('支給申請期間が令和７年７月１日より前');
  });

  it('refuses what none of them covers', async () => {
    expect((await ask('今日の大阪の天気は？')).answerable).toBe(false);
  });
});
