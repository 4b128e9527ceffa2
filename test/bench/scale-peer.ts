import { readFile, writeFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { loadKuromoji } from '../../src/adapter/node/kuromoji.js';
import { normalize } from '../../src/text/normalize.js';
import { rsPrograms, type RsProgram } from './rs.js';

/**
 * The peer in `npm run bench -- scale`, in its own process (so that its peak memory is its own):
 * MiniSearch over the RS programs, tokenised by kuromoji (IPADIC base forms), built, written as JSON,
 * then asked the sample questions. Prints one JSON line of figures.
 */
async function main(): Promise<void> {
  const [out, questionsFile, ...files] = process.argv.slice(2);
  const t0 = performance.now();
  const m = await loadKuromoji();
  const tokenize = (s: string) => m.tokenize(normalize(s)).filter((t) => t.pos !== '記号').map((t) => (t.basic_form !== '*' ? t.basic_form : t.surface_form));
  const programs: RsProgram[] = (await Promise.all(files.map((f) => rsPrograms(f!)))).flat();
  const ms = new MiniSearch<RsProgram>({ fields: ['title', 'text'], storeFields: ['title'], tokenize });
  ms.addAll(programs);
  const json = JSON.stringify(ms);
  await writeFile(out!, json);
  const buildMs = performance.now() - t0;
  const questions = JSON.parse(await readFile(questionsFile!, 'utf8')) as string[];
  const times: number[] = [];
  const top: string[] = [];
  for (const q of questions) {
    const t = performance.now();
    const hits = ms.search(q);
    times.push(performance.now() - t);
    top.push(String(hits[0]?.title ?? ''));
  }
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ buildMs, peakRssMb: rss, indexBytes: Buffer.byteLength(json), characters: programs.reduce((n, p) => n + p.title.length + p.text.length, 0), times, top }));
}

await main();
