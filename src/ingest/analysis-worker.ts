import { parentPort, workerData } from 'node:worker_threads';
import { openQueryDictionary } from '../text/query-dictionary.js';
import { analyseSegment, type AnalysedSegment, type ChunkText } from './analyse-segment.js';
import { PhraseTable } from './phrase-table.js';

/** An ingest thread: opens the index's dictionary and the phrases' table (both shared, as they are), then analyses each segment it is sent. */
const { dictionary, wanted } = workerData as { dictionary: Uint8Array; wanted: Uint8Array };
const morphology = openQueryDictionary(dictionary);
const phrases = PhraseTable.open(wanted);

parentPort!.on('message', (message: { id: number; chunks: ChunkText[] } | null) => {
  // null: nothing more to analyse; closing the port lets the thread end.
  if (message === null) return parentPort!.close();
  const { id, chunks } = message;
  const result = analyseSegment(morphology, chunks, phrases);
  parentPort!.postMessage({ id, result }, transferables(result));
});

function transferables(result: AnalysedSegment): ArrayBuffer[] {
  const out = [result.windowChunk.buffer as ArrayBuffer];
  for (const s of Object.values(result.views)) out.push(...[s.keys, s.starts, s.bytes, s.lengths, s.lasts].map((a) => a.buffer as ArrayBuffer));
  return out;
}
