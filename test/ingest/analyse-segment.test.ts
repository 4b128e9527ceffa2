import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseSegment, type AnalysedSegment, type ChunkText } from '../../src/ingest/analyse-segment.js';
import { packFullDictionary } from '../../src/ingest/query-dictionary.js';
import { readCorpus } from '../../src/ingest/read-corpus.js';
import { programsOf } from '../../src/ingest/program-files.js';
import { readPrograms } from '../../src/ingest/read-programs.js';
import { loadSudachiGroups } from '../../src/ingest/sudachi.js';
import { contentWords, pairsOf, phrasesOf } from '../../src/text/analyzer.js';
import { chunkPrograms } from '../../src/text/chunk.js';
import type { Morphology } from '../../src/text/morphemes.js';
import { charBigrams } from '../../src/text/ngrams.js';
import { normalize } from '../../src/text/normalize.js';
import { openQueryDictionary } from '../../src/text/query-dictionary.js';
import { synonymCandidates } from '../../src/text/synonyms.js';
import { sentencesOf, type View } from '../../src/vectors/lexical-index.js';
import { eachPosting, type Segment } from '../../src/vectors/postings.js';
import { termKey } from '../../src/vectors/term-key.js';
import { RS_DIR } from '../bench/rs.js';
import { CORPUS, ipadic, tempDir } from '../helpers.js';

/** Each document's terms with their frequencies, by term key, read back from a segment's postings. */
function documents(s: Segment): Map<number, number>[] {
  const out = Array.from(s.lengths, () => new Map<number, number>());
  for (let t = 0; t < s.keys.length; t++) eachPosting(s, t, (doc, tf) => out[doc]!.set(s.keys[t]!, tf));
  return out;
}

function counts(terms: string[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of terms) out.set(termKey(t), (out.get(termKey(t)) ?? 0) + 1);
  return out;
}

/**
 * What a segment's analysis means, written plainly from the analyser's own functions: a chunk's terms are
 * its sentences' (title, section, text); a window is the title and two consecutive sentences, whose
 * bigrams run across the join.
 */
function plainly(m: Morphology, chunks: readonly ChunkText[], wanted: ReadonlySet<string>) {
  const views: Record<View, string[][]> = { words: [], grams: [], pairs: [], windowWords: [], windowGrams: [] };
  const phrases = new Set<string>();
  for (const chunk of chunks) {
    const sentences = sentencesOf([chunk.title, ...(chunk.section === null ? [] : [chunk.section]), chunk.text].join('\n'));
    const words = sentences.flatMap((s) => contentWords(m, s));
    views.words.push(words);
    views.grams.push(sentences.flatMap((s) => charBigrams(normalize(s))));
    views.pairs.push(pairsOf(words));
    for (const p of phrasesOf(words)) if (wanted.has(p)) phrases.add(p);
    const windows = sentences.length <= 1 ? sentences.map((s) => [s]) : sentences.slice(1).map((s, i) => [sentences[i]!, s]);
    for (const w of windows) {
      views.windowWords.push([chunk.title, ...w].flatMap((s) => contentWords(m, s)));
      views.windowGrams.push([...charBigrams(normalize(chunk.title)), ...charBigrams(w.map(normalize).join(''))]);
    }
  }
  return { views, phrases: [...phrases] };
}

describe('a segment analysed once per sentence', () => {
  let m: Morphology;
  let wanted: Set<string>;
  let seed: ChunkText[];
  let rs: ChunkText[];
  beforeAll(async () => {
    m = openQueryDictionary(packFullDictionary(await ipadic()));
    wanted = synonymCandidates(await loadSudachiGroups());
    const texts = (dir: string) =>
      readCorpus(dir).then((c) => readPrograms(c)).then(({ files }) => chunkPrograms(programsOf(files)).map((c) => ({ title: c.programTitle, section: c.section === c.programTitle ? null : c.section, text: c.text })));
    seed = await texts(CORPUS);
    const dir = join(await tempDir(), 'rs');
    await mkdir(dir);
    for (const f of ['rs2025.jsonl', 'rs2025.fields.json']) await copyFile(join(RS_DIR, f), join(dir, f));
    // Every 40th chunk of 行政事業レビュー FY2025: boilerplate sentences repeat, as in a real segment.
    rs = (await texts(dir)).filter((_, i) => i % 40 === 0);
  });

  it('gives the postings, phrases and vocabulary of analysing each chunk and window plainly (seed document, RS records)', () => {
    for (const chunks of [seed, rs]) {
      const analysed: AnalysedSegment = analyseSegment(m, chunks, wanted);
      const expected = plainly(m, chunks, wanted);
      for (const view of Object.keys(expected.views) as View[]) {
        const docs = expected.views[view];
        expect(documents(analysed.views[view]), view).toEqual(docs.map(counts));
        expect(Array.from(analysed.views[view].lengths), view).toEqual(docs.map((d) => d.length));
      }
      expect(analysed.phrases).toEqual(expected.phrases);
      expect(analysed.words).toEqual([...new Set(expected.views.words.flat())]);
      expect(analysed.characters).toBe(chunks.reduce((n, c) => n + [c.title, ...(c.section === null ? [] : [c.section]), c.text].join('\n').length, 0));
    }
    expect(seed).toHaveLength(71);
    expect(rs.length).toBeGreaterThan(400);
  });
});
