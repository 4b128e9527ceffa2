import { parentPort, workerData } from 'node:worker_threads';
import { openQueryDictionary } from '../text/query-dictionary.js';
import { analyseSegment, type AnalysedSegment, type ChunkText } from './analyse-segment.js';

/** An ingest thread: opens the index's dictionary once, then analyses each segment it is sent. */
const { dictionary, wanted } = workerData as { dictionary: Uint8Array; wanted: string };
const morphology = openQueryDictionary(dictionary);
// The phrases come joined by NUL (analysis-pool.ts), which no phrase holds.
const wantedSet = new Set(wanted ? wanted.split('\u0000') : []);

parentPort!.on('message', ({ id, chunks }: { id: number; chunks: ChunkText[] }) => {
  const result = analyseSegment(morphology, chunks, wantedSet);
  parentPort!.postMessage({ id, result }, transferables(result));
});

function transferables(result: AnalysedSegment): ArrayBuffer[] {
  const out = [result.windowChunk.buffer as ArrayBuffer];
  for (const s of Object.values(result.views)) out.push(...[s.keys, s.starts, s.bytes, s.lengths, s.lasts].map((a) => a.buffer as ArrayBuffer));
  return out;
}
