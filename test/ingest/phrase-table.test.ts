import { describe, expect, it } from 'vitest';
import { BEGINS, PhraseTable, WANTED } from '../../src/ingest/phrase-table.js';
import { loadSudachiGroups } from '../../src/ingest/sudachi.js';
import { synonymCandidates } from '../../src/text/synonyms.js';

describe('the phrase table', () => {
  it('tells a phrase asked about, and a beginning of a longer one', () => {
    const table = PhraseTable.of(['省エネ診断', '省エネ', '中小企業', '省エネ']);
    expect(['省エネ', '省', '省エネ診', '省エネ診断', '中小企業', '中', '診断', '', 'エネ'].map((t) => table.flags(t))).toEqual([WANTED | BEGINS, BEGINS, BEGINS, WANTED, WANTED, BEGINS, 0, 0, 0]);
    // 省エネ診断 and its four beginnings, 中小企業 and its three.
    expect(table.size).toBe(9);
  });

  it("reads back from its bytes as it was made, over the Sudachi dictionary's phrases", async () => {
    const wanted = [...synonymCandidates(await loadSudachiGroups())];
    const made = PhraseTable.of(wanted);
    const table = PhraseTable.open(made.bytes.slice());
    const beginnings = new Set(wanted.flatMap((p) => Array.from({ length: p.length - 1 }, (_, n) => p.slice(0, n + 1))));
    expect(table.size).toBe(new Set([...wanted, ...beginnings]).size);
    for (const p of wanted) expect(table.flags(p) & WANTED).toBe(WANTED);
    for (const b of beginnings) expect(table.flags(b) & BEGINS).toBe(BEGINS);
    // Surrogate pairs are two code units, as the analysis's strings have them.
    expect(PhraseTable.of(['𠮷野家']).flags('𠮷')).toBe(BEGINS);
    expect(PhraseTable.of(['𠮷野家']).flags('\ud842')).toBe(BEGINS);
    expect(table.flags('これは辞書にない言葉です')).toBe(0);
  });

  it('refuses bytes whose parts do not fit one another', () => {
    const bytes = PhraseTable.of(['省エネ診断']).bytes.slice();
    // The last slot word of the table pointed past its entries.
    const view = new DataView(bytes.buffer);
    view.setInt32(bytes.length - 4, 99, true);
    expect(() => PhraseTable.open(bytes)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    expect(() => PhraseTable.open(new Uint8Array(3))).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
  });
});
