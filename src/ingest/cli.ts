import { readIpadic } from '../adapter/node/ipadic.js';
import { parseConfig } from '../config.js';
import { createServiceEmbeddings } from '../vectors/service-embeddings.js';
import { ingest } from './ingest.js';
import type { FileRead } from './read-programs.js';

/** `npm run ingest`: prints what it parsed and what it could not; exits 1 only when nothing was usable. */
async function main(): Promise<number> {
  const config = parseConfig(process.env);
  const report = await ingest({ corpusDir: config.corpusDir, indexDir: config.indexDir, ipadic: readIpadic(), embeddings: await createServiceEmbeddings(config.openai), onFile: progress(process.stdout) });
  const programs = report.programs.filter((p) => p.kind === 'program');
  // maxRSS is in KiB: the process's peak, the figure that decides whether a corpus fits the machine.
  console.log(`ingest ${config.corpusDir} → ${report.folder ?? '(nothing written)'} in ${report.ms.toFixed(0)} ms, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  if (report.manifest) {
    const { counts, embedder } = report.manifest;
    console.log(`  ${counts.documents} documents, ${programs.length} programs, ${counts.programs - programs.length} generic documents, ${counts.chunks} chunks, ${counts.windows} sentence windows, embedder ${embedder.id}`);
  }
  if (programs.length <= 50) for (const p of programs) console.log(`  program ${p.id} ${p.title}`);
  const SHOWN = 100;
  for (const p of report.problems.slice(0, SHOWN)) console.log(`  problem ${p.document}${p.line ? `:${p.line}` : ''}${p.record ? ` record ${p.record}` : ''}: ${p.reason}`);
  if (report.problems.length > SHOWN) console.log(`  … and ${report.problems.length - SHOWN} more problems`);
  for (const u of report.unplaced) console.log(`  unplaced ${u.document}:${u.line} (${u.reason}): ${u.text}`);
  if (!report.folder) {
    console.error('ingest: no usable document in the corpus; the previous index (if any) is unchanged');
    return 1;
  }
  return 0;
}

/**
 * Each file as it is read: on a terminal one line that counts up in place; otherwise (a log, a pipe) one
 * JSON line per file.
 */
function progress(out: NodeJS.WriteStream): (read: FileRead) => void {
  if (!out.isTTY) return (read) => out.write(`${JSON.stringify({ ...read, ms: Math.round(read.ms) })}\n`);
  return (read) => {
    const pages = read.pages === undefined ? '' : `, ${read.pages} pages`;
    const line = `  [${read.at}/${read.of}] ${read.document}: ${read.programs} programs${pages}, ${read.ms.toFixed(0)} ms${read.problems ? `, ${read.problems} problems` : ''}`;
    out.write(`\r\x1b[K${line.slice(0, (out.columns || 120) - 1)}${read.at === read.of ? '\n' : ''}`);
  };
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`ingest failed: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    process.exit(1);
  },
);
