import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readIpadic } from '../../src/adapter/node/ipadic.js';
import { loadKuromoji } from '../../src/adapter/node/kuromoji.js';
import { buildQueryDictionary, packFullDictionary, type Kuromoji } from '../../src/ingest/query-dictionary.js';
import { lemmas, type Morphology } from '../../src/text/morphemes.js';
import { openQueryDictionary, queryDictionaryEntries } from '../../src/text/query-dictionary.js';
import { CORPUS, DOCUMENT, evalRows } from '../helpers.js';
import { loadJsquad } from './jsquad.js';

/**
 * The packed dictionaries against kuromoji's own IPADIC: the index's (all of it) and the Worker's (cut
 * to a corpus): size, build and load time, and how many questions get exactly the same analysis
 * (content words, nouns, runs) as from kuromoji.
 */
export async function analysisBench(): Promise<Record<string, string>[]> {
  const full = await loadKuromoji();
  const ipadic = await readIpadic();
  const jsquad = loadJsquad();
  const dev = (await evalRows()).map((r) => r.question);
  const corpusText = readFileSync(`${CORPUS}/${DOCUMENT}`, 'utf8');
  const jsquadTexts = jsquad.paragraphs.map((p) => `${p.title}\n${p.text}`);
  const rows: Record<string, string>[] = [];
  const builds: [string, () => Uint8Array][] = [
    ['index (Node): all of IPADIC', () => packFullDictionary(ipadic)],
    ['Worker, cut for the corpus', () => buildQueryDictionary(full, packFullDictionary(ipadic), [corpusText])],
    ['Worker, cut for JSQuAD', () => buildQueryDictionary(full, packFullDictionary(ipadic), jsquadTexts)],
  ];
  for (const [name, build] of builds) {
    const t0 = performance.now();
    const bytes = build();
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    const query = openQueryDictionary(bytes);
    const openMs = performance.now() - t1;
    const same = (questions: string[]) => `${questions.filter((q) => sameAnalysis(full, query, q)).length}/${questions.length}`;
    rows.push({
      dictionary: name,
      entries: String(queryDictionaryEntries(bytes)),
      'MB raw': (bytes.byteLength / 1e6).toFixed(1),
      'MB gzip': (gzipSync(bytes).byteLength / 1e6).toFixed(2),
      'build ms': buildMs.toFixed(0),
      'open ms': openMs.toFixed(0),
      'dev questions same': same(dev),
      'JSQuAD questions same': same(jsquad.questions.map((q) => q.question)),
    });
  }
  return rows;
}

function sameAnalysis(full: Kuromoji, query: Morphology, text: string): boolean {
  return JSON.stringify(lemmas(full, text)) === JSON.stringify(lemmas(query, text));
}
