import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { appError } from '../errors.js';
import { openQueryDictionary } from '../text/query-dictionary.js';
import { analyseSegment, type AnalysedSegment, type ChunkText } from './analyse-segment.js';
import { PhraseTable } from './phrase-table.js';

export interface AnalysisOptions {
  /** The packed dictionary the index carries: the corpus is analysed with it, as questions will be. */
  dictionary: Uint8Array;
  /** Phrases whose presence is asked for (synonym entries, EDICT's forms; the same phrase may come twice), or their table. */
  wanted: ReadonlySet<string> | readonly string[] | PhraseTable;
  /** Threads analysing side by side (INGEST_THREADS); 1 analyses in this thread. Default: one per core, for a corpus large enough. */
  threads?: number;
  onProgress?: (progress: AnalysisProgress) => void;
}

/**
 * A segment to analyse: its chunks, or a way to make them when a thread is about to take the segment,
 * with how many there are and how large they are (in any unit: the largest segments go first).
 */
export type SegmentInput = readonly ChunkText[] | { chunks: number; size: number; texts: () => readonly ChunkText[] };

const countOf = (s: SegmentInput) => ('texts' in s ? s.chunks : s.length);
const textsOf = (s: SegmentInput) => ('texts' in s ? s.texts() : s);
const sizeOf = (s: SegmentInput) => ('texts' in s ? s.size : s.reduce((n, c) => n + c.title.length + (c.section?.length ?? 0) + c.text.length, 0));

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

/** Bundles the threads' script now (in esbuild's own process), for a corpus large enough to be analysed in threads: it is ready when they start. */
export function prepareThreads(): void {
  void threadScript();
}

/** Below this many chunks threads cost more to start (each opens the dictionary) than they save. */
const THREADS_FROM = 3000;

/**
 * Segments of chunks → analysed segments, in order: by a pool of worker threads (one per core), or in
 * this thread when there is little to analyse.
 */
export async function analyseSegments(segments: readonly SegmentInput[], options: AnalysisOptions): Promise<AnalysedSegment[]> {
  const results: AnalysedSegment[] = new Array(segments.length);
  await analyseEach(segments, options, (n, segment) => (results[n] = segment));
  return results;
}

/**
 * `analyseSegments`, each segment told to `onSegment` as it is analysed (n: its place among the
 * segments) and then let go, while the threads go on with the others: what is made of it costs no
 * time after the analysis, and only what is kept of it stays. A throw stops the analysis.
 */
export async function analyseEach(segments: readonly SegmentInput[], options: AnalysisOptions, onSegment: (n: number, segment: AnalysedSegment) => void): Promise<void> {
  const chunks = segments.reduce((n, s) => n + countOf(s), 0);
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
    const wanted = options.wanted instanceof PhraseTable || options.wanted instanceof Set ? options.wanted : new Set(options.wanted as readonly string[]);
    segments.forEach((s, n) => {
      const result = analyseSegment(morphology, textsOf(s), wanted);
      report(result, countOf(s));
      onSegment(n, result);
    });
    return;
  }
  return inThreads(segments, threads, options, report, onSegment, await script);
}

/**
 * The bytes in a SharedArrayBuffer (as they are, when they already are in one): threads read them
 * without a copy of their own. Ingest keeps the dictionary so, to hold it once.
 */
export function sharedBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}

const sharedAllocation = (size: number) => new Uint8Array(new SharedArrayBuffer(size));

function inThreads(segments: readonly SegmentInput[], threads: number, options: AnalysisOptions, report: (s: AnalysedSegment, n: number) => void, onSegment: (n: number, segment: AnalysedSegment) => void, script: string | null): Promise<void> {
  // One copy of the dictionary that every thread reads, instead of a 41 MB copy cloned into each.
  const dictionary = sharedBytes(options.dictionary);
  // The phrases' table in shared memory too: no thread builds a set of its own.
  const wanted = options.wanted instanceof PhraseTable ? sharedBytes(options.wanted.bytes) : PhraseTable.of(options.wanted, sharedAllocation).bytes;
  const workerData = { dictionary, wanted };
  const workers = Array.from({ length: threads }, () => new Worker(script ?? THREAD_ENTRY, { eval: true, workerData }));
  // The largest segments first, so that no thread is left with a large one at the end while the others wait.
  const order = segments.map((s, id) => ({ id, size: sizeOf(s) })).sort((a, b) => b.size - a.size || a.id - b.id).map((s) => s.id);
  let next = 0;
  let finished = 0;
  return new Promise((resolve, reject) => {
    let stopped = false;
    const stop = (error?: unknown) => {
      if (stopped) return;
      stopped = true;
      // Done, each thread is told to end and leaves on its own; terminated, a thread still compiling hot code
      // can abort the whole process (Node's platform is asked for an isolate it already forgot).
      for (const w of workers) {
        if (error) void w.terminate();
        else w.postMessage(null);
      }
      if (error) reject(appError('INGEST_FAILED', `an analysis thread failed: ${(error as Error).message}`, error));
      else resolve();
    };
    const feed = (worker: Worker) => {
      if (next >= segments.length) return;
      const id = order[next++]!;
      worker.postMessage({ id, chunks: textsOf(segments[id]!) });
    };
    for (const worker of workers) {
      worker.on('message', ({ id, result }: { id: number; result: AnalysedSegment }) => {
        if (stopped) return;
        // The thread is given its next segment first: it analyses while this one is taken in.
        try {
          feed(worker);
          report(result, countOf(segments[id]!));
          onSegment(id, result);
        } catch (error) {
          stop(error);
          return;
        }
        if (++finished === segments.length) stop();
      });
      worker.on('error', stop);
    }
    try {
      for (const worker of workers) feed(worker);
    } catch (error) {
      stop(error);
    }
  });
}
