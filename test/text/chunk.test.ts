import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isQuotable } from '../../src/catalog.js';
import { readCatalog } from '../../src/ingest/catalog-file.js';
import { recordProgram } from '../../src/ingest/catalog-program.js';
import { chunkPrograms } from '../../src/text/chunk.js';

const supports = readFileSync(new URL('../../../shared/corpora/mirasapo/supports.json', import.meta.url));

describe('chunkPrograms on the ものづくり補助金 record of ミラサポplus', () => {
  const { records } = readCatalog('supports.json', supports, null);
  const chunks = chunkPrograms([recordProgram('supports.json', records.find((r) => r.id === '26')!)]);
  const summary =
    '新型コロナや物価高、インボイス制度等の事業環境変化への対応に加え、GX・DXなどの成長分野への前向き投資や賃上げ、海外展開を促すため、生産性向上に取り組む中小企業・小規模事業者の設備投資、生産性向上に資する革新的なサービス開発・試作品開発・生産プロセスの改善を行う中小企業・小規模事業者等の設備投資等の経費の一部を支援します。';

  it('makes a passage per field, in field-map order, the keywords last', () => {
    expect(chunks.map((c) => c.section)).toEqual(['概要', '対象者', '内容', '利用方法', '参考', '問い合わせ先', 'キーワード']);
  });

  it('reads the keywords with the summary they label, in a passage never quoted', () => {
    const keywords = chunks.at(-1)!;
    expect(keywords.text).toBe(`もの補助、ものづくり補助金、生産性、物作り、新製品、設備投資\n${summary}`);
    expect(isQuotable(keywords)).toBe(false);
  });

  it('keeps the summary as its own quotable passage, unchanged', () => {
    expect(chunks[0]!.text).toBe(summary);
    expect(isQuotable(chunks[0]!)).toBe(true);
  });
});
