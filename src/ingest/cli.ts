import { ipadicSource } from '../adapter/node/ipadic.js';
import { parseConfig } from '../config.js';
import { createServiceEmbeddings } from '../vectors/service-embeddings.js';
import { englishMissing, ingest } from './ingest.js';
import type { AnalysisProgress } from './analysis-pool.js';
import type { FileRead } from './read-programs.js';

/** `npm run ingest`: prints what it parsed and what it could not; exits 1 only when nothing was usable. */
async function main(): Promise<number> {
  const config = parseConfig(process.env);
  let analysed = null as AnalysisProgress | null;
  const onAnalysis = analysisProgress(process.stdout);
  const report = await ingest({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    ipadic: await ipadicSource(),
    embeddings: await createServiceEmbeddings(config.openai),
    threads: config.ingestThreads || undefined,
    edictFile: config.edictFile,
    onFile: progress(process.stdout),
    onAnalysis: (p) => onAnalysis((analysed = p)),
  });
  const programs = report.programs.filter((p) => p.kind === 'program');
  // maxRSS is in KiB: the process's peak, the figure that decides whether a corpus fits the machine.
  console.log(`ingest ${config.corpusDir} → ${report.folder ?? '(nothing written)'} in ${report.ms.toFixed(0)} ms, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  if (report.manifest) {
    const { counts, embedder } = report.manifest;
    console.log(`  ${counts.documents} documents, ${programs.length} programs, ${counts.programs - programs.length} generic documents, ${counts.chunks} chunks, ${counts.windows} sentence windows, embedder ${embedder.id}`);
    const { segments } = report;
    console.log(`  ${segments.analysed} of ${segments.total} segments analysed, ${segments.total - segments.analysed} unchanged since the last ingest`);
    if (analysed) console.log(`  analysed ${analysed.characters} characters in ${analysed.ms.toFixed(0)} ms (${rate(analysed)} characters/s)`);
  }
  const { english } = report;
  if (english.file) console.log(`  English: EDICT (${english.file}) gives ${english.phrases.toLocaleString('en')} English words and phrases for ${english.terms.toLocaleString('en')} of the corpus's terms`);
  else console.log(`  English: ${englishMissing(config.edictFile)}`);
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

/** The analysis as it goes: on a terminal one line with chunks, characters per second and the time left; otherwise nothing until the summary. */
function analysisProgress(out: NodeJS.WriteStream): (p: AnalysisProgress) => void {
  if (!out.isTTY) return () => {};
  return (p) => {
    const left = p.chunks ? ((p.of - p.chunks) * p.ms) / p.chunks / 1000 : 0;
    out.write(`\r\x1b[K  analysing: ${p.chunks}/${p.of} chunks, ${(p.characters / 1e6).toFixed(1)} M characters, ${rate(p)} characters/s, ${left.toFixed(0)} s left${p.chunks === p.of ? '\n' : ''}`);
  };
}

function rate(p: AnalysisProgress): string {
  return Math.round(p.characters / Math.max(p.ms / 1000, 0.001)).toLocaleString('en');
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`ingest failed: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    process.exit(1);
  },
);
