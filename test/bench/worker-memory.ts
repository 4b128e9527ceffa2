import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workerHandler } from '../../src/adapter/worker/handler.js';
import type { R2BucketBinding } from '../../src/adapter/worker/r2-store.js';
import { r2IndexStore } from '../../src/adapter/worker/r2-store.js';
import { catalogView } from '../../src/answer/catalog-view.js';
import { createEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { createAnalyzer } from '../../src/text/analyzer.js';
import { chunkPrograms } from '../../src/text/chunk.js';
import { createTypoIndex } from '../../src/text/typos.js';
import { openQueryDictionary } from '../../src/text/query-dictionary.js';
import { FILES, MANIFEST, unpackVectors, type IndexParts, type Manifest } from '../../src/vectors/artifact.js';
import { packSynonyms } from '../../src/vectors/packed-table.js';
import { readCatalog } from '../../src/vectors/read-catalog.js';
import { LexicalIndex } from '../../src/vectors/lexical-index.js';

/**
 * Run as its own process (`node --expose-gc`), in V8 without workerd, over a folder holding the INDEX
 * bucket's objects under their keys (what `npm run worker:upload` puts): what the isolate keeps after a
 * full collection, which workerd's inspector cannot force.
 *
 * - `handler BUNDLE DIR QUESTIONS`: the Worker's handler over the objects (the folder stands in for the
 *   R2 binding: the same bytes), after answering every question: JS heap and array buffers.
 * - `parts DIR QUESTIONS`: the same index opened step by step as readIndexParts and createEngine do,
 *   the memory each step keeps: the bytes read, the catalog's objects, the chunks, the postings, the
 *   dictionary, the engine, and what answering adds.
 *
 * Prints one JSON line on stderr (stdout carries the request log).
 */
const gc = (globalThis as { gc?: () => void }).gc!;
const mb = (n: number) => n / 1024 / 1024;
async function settled(): Promise<{ heap: number; buffers: number }> {
  // V8 frees array buffers' memory concurrently after a collection: let it finish before reading.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { heap: mb(m.heapUsed), buffers: mb(m.arrayBuffers) };
}

function folderBucket(dir: string): R2BucketBinding {
  return {
    async get(key) {
      const bytes = await readFile(join(dir, key)).catch(() => null);
      if (!bytes) return null;
      // One ArrayBuffer of the object's size, as R2's arrayBuffer() gives.
      const copy = new ArrayBuffer(bytes.byteLength);
      new Uint8Array(copy).set(bytes);
      return { arrayBuffer: async () => copy };
    },
  };
}

const ask = (question: string) => new Request('http://worker/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
const [mode, ...args] = process.argv.slice(2);
const before = await settled();

if (mode === 'handler') {
  const [bundleFile, dir, questionsFile] = args as [string, string, string];
  const bytes = await readFile(bundleFile);
  const handler = workerHandler(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const env = { INDEX: folderBucket(dir), RATE_LIMIT: '0' };
  for (const q of JSON.parse(await readFile(questionsFile, 'utf8')) as string[]) await (await handler.fetch(ask(q), env, {})).text();
  // The last answer's buffers are released at the next request.
  await (await handler.fetch(new Request('http://worker/healthz'), env, {})).text();
  const after = await settled();
  console.error(JSON.stringify({ heapMb: after.heap, arrayBuffersMb: after.buffers, grownMb: after.heap + after.buffers - before.heap - before.buffers }));
} else {
  const [dir, questionsFile] = args as [string, string];
  const store = await r2IndexStore(folderBucket(dir));
  const steps: Record<string, { heapMb: number; buffersMb: number }> = {};
  let last = before;
  const step = async (name: string) => {
    const now = await settled();
    steps[name] = { heapMb: now.heap - last.heap, buffersMb: now.buffers - last.buffers };
    last = now;
  };
  const manifest = JSON.parse(new TextDecoder().decode(await store.read(MANIFEST))) as Manifest;
  const raw = Object.fromEntries(await Promise.all([FILES.catalog, FILES.lexical, FILES.vectors, FILES.synonyms, FILES.readings, manifest.dictionary.file].map(async (f) => [f, await store.read(f)] as const)));
  await step('objects read from the bucket');
  const catalog = await readCatalog(raw[FILES.catalog]!);
  delete raw[FILES.catalog];
  await step(`catalog: ${catalog.programs.length} programs as objects (gzip bytes dropped)`);
  const chunks = chunkPrograms(catalog.programs);
  await step(`chunks: ${chunks.length}, made from the catalog`);
  const lexical = LexicalIndex.unpack(raw[FILES.lexical]!);
  await step('postings: lexical index unpacked (views over its bytes)');
  const vectors = unpackVectors(raw[FILES.vectors]!);
  const text = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
  const parts: IndexParts = { manifest, catalog, chunks, lexical, vectors, synonyms: packSynonyms(text(raw[FILES.synonyms]!)), readings: text(raw[FILES.readings]!), queryDictionary: raw[manifest.dictionary.file]! };
  delete raw[FILES.synonyms];
  delete raw[FILES.readings];
  await step('vectors, synonyms (packed), readings parsed (JSON bytes dropped)');
  const analyzer = createAnalyzer(openQueryDictionary(parts.queryDictionary));
  await step('dictionary opened (views over its bytes)');
  const engine = createEngine({ parts, analyzer });
  await step('engine built');
  // The lazy tables answering builds, one by one, so the last step shows only what is left.
  engine.lexical.chunkWords(0);
  await step(`lazy: each chunk's word set (${engine.chunks.length} chunks, LexicalIndex.chunkWords, typed arrays)`);
  catalogView(engine).mentions('');
  await step('lazy: the whole corpus compact, as UTF-16 code units in a typed array (catalog view `mentions`)');
  const app = createApp({ engine: () => engine });
  for (const q of JSON.parse(await readFile(questionsFile, 'utf8')) as string[]) await (await app.request(ask(q))).text();
  await step('lazy: the rest after answering the questions (typo index, analysed sentences, …)');
  // What the biggest lazy table takes: a second typo index over the same vocabulary, built as the engine's was.
  const typos = createTypoIndex(lexical.vocabulary, () => 0);
  typos.near('支縁');
  await step(`(a second typo index over the same ${lexical.vocabulary.length} words, not in the total)`);
  const total = last.heap + last.buffers - before.heap - before.buffers - steps[Object.keys(steps).pop()!]!.heapMb - steps[Object.keys(steps).pop()!]!.buffersMb;
  typos.near('診段');
  const sizes = Object.fromEntries(Object.entries({ ...raw }).map(([k, v]) => [k, mb(v.byteLength)]));
  console.error(JSON.stringify({ steps, sizes, totalMb: total }));
}
