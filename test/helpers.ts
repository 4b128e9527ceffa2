import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIpadic } from '../src/adapter/node/ipadic.js';
import { loadKuromoji } from '../src/adapter/node/kuromoji.js';
import { openEngine } from '../src/adapter/node/open-engine.js';
import { parseConfig } from '../src/config.js';
import { ingest } from '../src/ingest/ingest.js';
import type { SearchEngine } from '../src/retrieve/engine.js';
import { createAnalyzer, type Analyzer } from '../src/text/analyzer.js';
import { MANIFEST } from '../src/vectors/artifact.js';

export const ROOT = join(import.meta.dirname, '..');
export const CORPUS = join(ROOT, 'corpus');
export const DOCUMENT = '000_8b4ae6fbbcfaceef.txt';
export const SHARED = join(ROOT, '..', 'shared');

/** The analyser ingest uses: kuromoji with the full IPADIC. */
export async function analyzer(): Promise<Analyzer> {
  return createAnalyzer(await loadKuromoji());
}

export { loadKuromoji as kuromoji, readIpadic as ipadic };

/** What `npm start` runs, after `node` (the shutdown test holds package.json to it). */
export const START_ARGS = ['src/adapter/node/run.mjs', 'src/adapter/node/main.ts'];

/** What `npm run ingest` runs, after `node` (the ingest test holds package.json to it). */
export const INGEST_ARGS = ['src/adapter/node/run.mjs', 'src/ingest/cli.ts'];

/** EDICT as ingest reads it (EDICT_FILE, Debian's /usr/share/edict/edict by default). */
export const EDICT = parseConfig(process.env).edictFile;
/**
 * Whether tests of what EDICT gives (English questions) run: where it is installed, and under CI always,
 * where a missing EDICT fails them (`.ci/run` installs it); elsewhere they are skipped (test/edict.ts).
 */
export const EDICT_TESTS = existsSync(EDICT) || Boolean(process.env.CI);

/** A TCP port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The processes whose parent is `pid` (Linux /proc): a cluster's servers under `npm start`. */
export async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.split(') ')[1]?.split(' ')[1]) === pid) out.push(Number(entry));
  }
  return out;
}

/** A fresh folder; under vitest, inside the run's folder, which the run removes when it ends (test/global-setup.ts). */
export async function tempDir(prefix = 'madoguchi-test-'): Promise<string> {
  const root = process.env.VITEST ? (await import('vitest')).inject('tempRoot') : tmpdir();
  return mkdtemp(join(root, prefix));
}

/**
 * A corpus ingested into a fresh temporary index, opened as the server opens it. The real corpus is
 * ingested once per run (test/global-setup.ts) and each caller gets its own copy of that index.
 */
export async function realEngine(corpusDir = CORPUS): Promise<SearchEngine & { indexDir: string }> {
  const indexDir = join(await tempDir(), 'index');
  // The benchmarks (outside vitest) reuse this helper: they ingest for themselves.
  const shared = corpusDir === CORPUS && process.env.VITEST ? (await import('vitest')).inject('corpusIndex') : undefined;
  if (shared) await cp(shared, indexDir, { recursive: true });
  else await ingest({ corpusDir, indexDir, ipadic: await readIpadic(), edictFile: EDICT });
  const engine = await openEngine(parseConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }));
  return Object.assign(engine, { indexDir });
}

export interface EvalRow {
  id: string;
  question: string;
  history?: { role: string; content: string }[];
  kind: string;
  answerable: boolean;
  program?: string;
  also?: string[];
}

export async function evalRows(): Promise<EvalRow[]> {
  const text = await readFile(join(SHARED, 'eval', 'questions.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalRow);
}

export interface ExpectedProgram {
  title: string;
  budget: string;
  previous: string;
  contacts: { office: string; phone: string; scope?: string }[];
}

export async function expectedPrograms(): Promise<ExpectedProgram[]> {
  return JSON.parse(await readFile(join(SHARED, 'eval', 'programs.json'), 'utf8')).programs;
}

/** The files of an index's build in service as bytes, its manifest without the time it was made: what must not differ between two builds of one corpus. */
export async function buildFiles(indexDir: string): Promise<Record<string, Buffer | object>> {
  const build = join(indexDir, (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim());
  const out: Record<string, Buffer | object> = {};
  for (const name of (await readdir(build)).sort()) {
    if (name === MANIFEST) {
      const { createdAt: _at, ...manifest } = JSON.parse(await readFile(join(build, name), 'utf8'));
      out[name] = manifest;
    } else out[name] = await readFile(join(build, name));
  }
  return out;
}
