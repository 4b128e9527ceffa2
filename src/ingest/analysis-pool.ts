import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { appError } from '../errors.js';
import { openQueryDictionary } from '../text/query-dictionary.js';
import { analyseSegment, type AnalysedSegment, type ChunkText } from './analyse-segment.js';

export interface AnalysisOptions {
  /** The packed dictionary the index carries: the corpus is analysed with it, as questions will be. */
  dictionary: Uint8Array;
  /** Phrases whose presence is asked for (synonym entries). */
  wanted: Set<string>;
  /** Threads analysing side by side (INGEST_THREADS); 1 analyses in this thread. Default: one per core, for a corpus large enough. */
  threads?: number;
  onProgress?: (progress: AnalysisProgress) => void;
}

export interface AnalysisProgress {
  chunks: number;
  of: number;
  characters: number;
  ms: number;
}

const WORKER = new URL('./analysis-worker.ts', import.meta.url);
// Without a bundle, the thread runs TypeScript as the process does: through tsx, registered in the thread before its module loads.
const THREAD_ENTRY = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); });`;

let bundle: Promise<string | null> | undefined;

/**
 * The thread's modules as one script, bundled once per process by esbuild (as the widget is built): a
 * thread then starts in a third of the time and CPU it takes to load each module through tsx, which gives
 * every thread a loader thread of its own. Null when esbuild cannot bundle it (the threads load through tsx).
 */
function threadScript(): Promise<string | null> {
  bundle ??= import('esbuild')
    .then((esbuild) => esbuild.build({ entryPoints: [fileURLToPath(WORKER)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' }))
    .then(
      (built) => built.outputFiles[0]?.text ?? null,
      () => null,
    );
  return bundle;
}

/** Below this many chunks threads cost more to start (each opens the dictionary) than they save. */
const THREADS_FROM = 3000;

/**
 * Segments of chunks → analysed segments, in order: by a pool of worker threads (one per core), or in
 * this thread when there is little to analyse.
 */
export async function analyseSegments(segments: readonly (readonly ChunkText[])[], options: AnalysisOptions): Promise<AnalysedSegment[]> {
  const chunks = segments.reduce((n, s) => n + s.length, 0);
  const threads = Math.min(options.threads ?? (chunks < THREADS_FROM ? 1 : availableParallelism()), segments.length);
  const t0 = performance.now();
  let done = 0;
  let characters = 0;
  const report = (segment: AnalysedSegment, n: number) => {
    done += n;
    characters += segment.characters;
    options.onProgress?.({ chunks: done, of: chunks, characters, ms: performance.now() - t0 });
  };
  const script = threads > 1 ? threadScript() : null;
  if (threads <= 1) {
    const morphology = openQueryDictionary(options.dictionary);
    return segments.map((s) => {
      const result = analyseSegment(morphology, s, options.wanted);
      report(result, s.length);
      return result;
    });
  }
  return inThreads(segments, threads, options, report, await script);
}

function inThreads(segments: readonly (readonly ChunkText[])[], threads: number, options: AnalysisOptions, report: (s: AnalysedSegment, n: number) => void, script: string | null): Promise<AnalysedSegment[]> {
  const results: AnalysedSegment[] = new Array(segments.length);
  // One copy of the dictionary that every thread reads, instead of a 41 MB copy cloned into each.
  const dictionary = new Uint8Array(new SharedArrayBuffer(options.dictionary.byteLength));
  dictionary.set(options.dictionary);
  const workerData = { dictionary, wanted: [...options.wanted] };
  const workers = Array.from({ length: threads }, () => new Worker(script ?? THREAD_ENTRY, { eval: true, workerData }));
  // The largest segments first, so that no thread is left with a large one at the end while the others wait.
  const order = segments.map((s, id) => ({ id, size: s.reduce((n, c) => n + c.title.length + (c.section?.length ?? 0) + c.text.length, 0) })).sort((a, b) => b.size - a.size || a.id - b.id).map((s) => s.id);
  let next = 0;
  let finished = 0;
  return new Promise((resolve, reject) => {
    const stop = (error?: unknown) => {
      for (const w of workers) void w.terminate();
      if (error) reject(appError('INGEST_FAILED', `an analysis thread failed: ${(error as Error).message}`, error));
      else resolve(results);
    };
    const feed = (worker: Worker) => {
      if (next >= segments.length) return;
      const id = order[next++]!;
      worker.postMessage({ id, chunks: segments[id] });
    };
    for (const worker of workers) {
      worker.on('message', ({ id, result }: { id: number; result: AnalysedSegment }) => {
        results[id] = result;
        report(result, segments[id]!.length);
        if (++finished === segments.length) stop();
        else feed(worker);
      });
      worker.on('error', stop);
      feed(worker);
    }
  });
}
