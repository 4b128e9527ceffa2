import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGenericDocument } from '../../src/ingest/generic-document.js';
import { parseProgramDocument } from '../../src/ingest/program-document.js';
import { readCorpus } from '../../src/ingest/read-corpus.js';
import type { Analyzer } from '../../src/text/analyzer.js';
import { chunkPrograms } from '../../src/text/chunk.js';
import { analyzer as makeAnalyzer, CORPUS, DOCUMENT, tempDir } from '../helpers.js';

/** Random edits of a document's lines: what a different PDF conversion could produce. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 40, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(lines: string[], edits: { kind: string; at: number; with?: number; text?: string }[]): string[] {
  const out = [...lines];
  for (const e of edits) {
    const i = out.length ? e.at % out.length : 0;
    if (e.kind === 'delete') out.splice(i, 1);
    if (e.kind === 'duplicate') out.splice(i, 0, out[i] ?? '');
    if (e.kind === 'swap') [out[i], out[(e.with ?? 0) % Math.max(1, out.length)]] = [out[(e.with ?? 0) % Math.max(1, out.length)] ?? '', out[i] ?? ''];
    if (e.kind === 'insert') out.splice(i, 0, e.text ?? '');
    if (e.kind === 'truncate') out.length = i;
  }
  return out;
}

describe('parsers and analyser under random input (fast-check)', () => {
  let corpusLines: string[];
  let analyzer: Analyzer;
  beforeAll(async () => {
    corpusLines = (await readFile(join(CORPUS, DOCUMENT), 'utf8')).split('\n');
    analyzer = await makeAnalyzer();
  });

  it('never throws on mutated program documents, and reports what it cannot place', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 30 }), (edits) => {
        const text = mutate(corpusLines, edits).join('\n');
        const lines = text.split(/\r?\n/);
        const { programs, unplaced } = parseProgramDocument('m.txt', text);
        for (const p of programs) {
          expect(p.title.length).toBeGreaterThan(0);
          expect(p.budget).not.toBeNull();
          expect(p.source.lines![0]).toBeLessThanOrEqual(p.source.lines![1]);
        }
        for (const u of unplaced) expect(lines[u.line - 1]?.replace(/\*+/g, '').trim()).toBe(u.text);
        chunkPrograms(programs);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text, in either parser', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (text) => {
        parseProgramDocument('r.txt', text);
        const doc = parseGenericDocument('r.md', text);
        if (doc) expect(doc.sections.every((s) => s.text.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws in the analyser, whatever the characters (controls, surrogates, emoji, kana)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: fc.oneof(fc.constant('\u0000'), fc.constant('\ud800'), fc.constant('省'), fc.constant('ｶ'), fc.constant('𠀋'), fc.constant('\u3000'), fc.string({ unit: 'binary', maxLength: 1 })) }), (text) => {
        const a = analyzer.analyze(text);
        for (const w of [...a.words, ...a.grams]) expect(typeof w).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('reads random bytes as a document or reports them, never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const dir = await tempDir();
        await writeFile(join(dir, 'x.txt'), bytes);
        const corpus = await readCorpus(dir);
        expect(corpus.documents.length + corpus.problems.length).toBe(1);
      }),
      { numRuns: 60 },
    );
  });
});
