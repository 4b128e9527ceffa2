// Each bench loads its own modules (wrangler, Chromium, autocannon) only when it runs.

/** `npm run bench [-- NAME…]`: prints the side-by-side figures. Names: ask, scope, widget, load, feedback, ingest, scale, retrieval, analysis, worker, worker-scale. */
const benches: Record<string, () => Promise<void>> = {
  async load() {
    console.log('\nLoad: autocannon → npm start on loopback, POST /api/ask, 10,000 requests, 64 connections; one server process with the answer log on and off, the answer cache off, then two processes');
    const { loadBench } = await import('./load.js');
    console.table([await loadBench(1, true), await loadBench(1, false), await loadBench(1, true, false), await loadBench(2, true)]);
  },
  async feedback() {
    console.log('\nFeedback: autocannon → npm start on loopback, POST /api/feedback, 10,000 requests, 64 connections; then the server killed (SIGKILL) mid-run and started again');
    const { feedbackBench } = await import('./feedback.js');
    const { load, crash } = await feedbackBench();
    console.table([load]);
    console.table([crash]);
  },
  async ask() {
    console.log('\nPOST /api/ask, extractive, in-process (the 50 dev questions × 20)');
    console.table([await (await import('./ask.js')).askBench()]);
  },
  async widget() {
    console.log('\nwidget.js (launcher paint measured from navigation start; panel open = click to two frames later)');
    console.table([await (await import('./widget.js')).widgetBench()]);
  },
  async scope() {
    console.log('\nAnswerability (refusals)');
    console.table(await (await import('./ask.js')).scopeBench());
  },
  async worker() {
    console.log('\nCloudflare Worker: wrangler upload size, workerd on loopback, isolate memory and CPU measured in V8');
    const { figures, score } = await (await import('./worker.js')).workerBench();
    console.table([figures]);
    console.log(`dev set through the Worker (../shared/eval/score.mjs): ${score}`);
  },
  async 'worker-scale'() {
    console.log('\nCloudflare Worker over 行政事業レビュー FY2025 in local R2 (npm run worker:upload -- --local), in workerd on loopback; memory as workerd\'s V8 reports it');
    const { figures, objects, memory, differing } = await (await import('./worker-scale.js')).workerScaleBench();
    console.table(Object.entries(figures).map(([figure, value]) => ({ figure, value })));
    console.table(objects);
    console.log('What the isolate keeps, step by step (V8 in Node after full collections)');
    console.table(memory);
    for (const d of differing) console.log(`  top program differs: ${d}`);
  },
  async analysis() {
    console.log('\nPacked dictionaries vs kuromoji\'s own IPADIC: size, build, load, questions analysed identically');
    console.table(await (await import('./analysis.js')).analysisBench());
  },
  async ingest() {
    console.log('\nnpm run ingest over the five PDFs of ../shared/pdf (pdf.js text, layout, sections; then the whole index)');
    const { files, total } = await (await import('./ingest.js')).ingestBench();
    console.table(files);
    console.table([total]);
  },
  async scale() {
    console.log('\n行政事業レビュー (../shared/corpora/rs) as catalogs: npm run ingest (warm: the tables made from the installed dictionaries alone already in node_modules/.cache/madoguchi, as npm install leaves them) and MiniSearch + kuromoji in the same run, each in its own process; npm start over the index; /api/search and /api/ask in process');
    console.table(await (await import('./scale.js')).scaleBench());
  },
  async retrieval() {
    const { retrievalBench, mirasapoBench } = await import('./retrieval.js');
    const fixed = (x: number | undefined, digits: number) => (x === undefined ? '' : x.toFixed(digits));
    const show = (rows: Awaited<ReturnType<typeof retrievalBench>>) => console.table(rows.map((r) => ({
      system: r.system,
      'R@1': Number.isNaN(r.r1) ? '' : r.r1.toFixed(3),
      'R@5': fixed(r.r5, 3),
      'MRR@10': fixed(r.mrr10, 3),
      'ms/query': fixed(r.msPerQuery, 3),
      'build ms': fixed(r.buildMs, 0),
    })));
    const jsquad = await retrievalBench();
    console.log('\nJSQuAD v1.3 valid: 1,145 paragraphs, 4,442 questions (paragraph retrieval)');
    show(jsquad);
    const mirasapo = await mirasapoBench();
    console.log('\nミラサポplus need rows: 1,112 programs, 157 questions (program retrieval)');
    show(mirasapo);
  },
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of asked.length ? asked : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown bench "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  await bench();
}
