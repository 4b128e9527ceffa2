import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/adapter/node/load-index.js';
import { openEngine } from '../../src/adapter/node/open-engine.js';
import { parseConfig } from '../../src/config.js';
import { buildIndex } from '../../src/ingest/build-index.js';
import { readEdict } from '../../src/ingest/edict.js';
import { ingest } from '../../src/ingest/ingest.js';
import { corpusHash, readCorpus } from '../../src/ingest/read-corpus.js';
import { loadSudachiGroups } from '../../src/ingest/sudachi.js';
import { createEngine } from '../../src/retrieve/engine.js';
import { ANALYZER_ID, type Analyzer } from '../../src/text/analyzer.js';
import { FORMAT_VERSION } from '../../src/vectors/artifact.js';
import { analyzer as makeAnalyzer, CORPUS, ipadic, DOCUMENT, EDICT, evalRows, INGEST_ARGS, ROOT, tempDir } from '../helpers.js';

const run = promisify(execFile);

describe('ingest of the corpus', () => {
  let analyzer: Analyzer;
  let indexDir: string;
  beforeAll(async () => {
    analyzer = await makeAnalyzer();
    indexDir = join(await tempDir(), 'index');
    await ingest({ corpusDir: CORPUS, indexDir, ipadic: await ipadic(), edictFile: EDICT });
  });

  it('writes a versioned manifest naming analyser, embedder, dimensions and corpus hash', async () => {
    const index = await loadIndex(indexDir, { analyzer: ANALYZER_ID });
    expect(index.manifest).toMatchObject({
      formatVersion: FORMAT_VERSION,
      analyzer: ANALYZER_ID,
      embedder: { id: 'local-hash/1:256', dimensions: 256 },
      corpusHash: await corpusHash(CORPUS),
      counts: { documents: 1, programs: 12, chunks: 71 },
    });
    expect(index.vectors).toMatchObject({ kind: 'quantized', dimensions: 256 });
    expect(index.vectors.kind === 'quantized' && index.vectors.codes.length).toBe(71 * 256);
    expect((await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim()).toMatch(/^build-/);
    // The dictionary is the same for every corpus: one copy beside the builds, named in the manifest.
    expect(index.manifest.dictionary.file).toMatch(/^dictionary-[0-9a-f]{16}\.bin$/);
    expect((await readdir(indexDir)).filter((f) => f.startsWith('dictionary-'))).toEqual([index.manifest.dictionary.file]);
  });

  it('chunks carry program, section, sub-item, the contacts that apply and source lines', async () => {
    const { chunks } = await loadIndex(indexDir, { analyzer: ANALYZER_ID });
    const nurse = chunks.find((c) => c.item === '(5)' && c.programTitle === '技術協力活用型・新興国市場開拓事業')!;
    expect(nurse).toMatchObject({
      section: '事業イメージ',
      text: '看護師・介護福祉士候補者日本語研修事業\n経済連携協定に基づく約束を着実に履行するため、看護師・介護福祉士の円滑な受入れに向けた日本語研修を行います。',
      contacts: [{ office: '通商政策局 アジア大洋州課', phone: '03-3501-1953', scope: '(5)' }],
      source: { document: DOCUMENT, lines: [404, 406] },
    });
    const budget = chunks.find((c) => c.section === '予算' && c.programTitle === '小規模事業者対策推進事業')!;
    expect(budget).toMatchObject({ text: '令和2年度概算要求額 59.2億円（50.3億円）', contacts: [], source: { lines: [3, 5] } });
  });

  it('round-trips: the loaded index ranks exactly as the one built in memory', async () => {
    const built = await buildIndex(await readCorpus(CORPUS), { ipadic: await ipadic(), sudachi: await loadSudachiGroups(), edict: (await readEdict(EDICT))?.edict });
    const memory = createEngine({ parts: { ...built.parts, manifest: { ...built.parts.manifest, createdAt: '', files: {}, dictionary: { file: '', bytes: 0, sha256: '' } } }, analyzer });
    const loaded = await openEngine(parseConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: indexDir }));
    expect((await loadIndex(indexDir, { analyzer: ANALYZER_ID })).readings).toEqual(built.parts.readings);
    // Questions typed in kana or with a typo are read through the readings table the index carries.
    const spelt = ['せきそうぞうけいのといあわせさきはどこですか', 'ショウエネシンダンヲウケタイ', '外国人材の受け入れ支縁について知りたい'].map((question) => ({ question }));
    for (const row of [...(await evalRows()), ...spelt]) {
      const a = await memory.retriever.search(row.question, 5);
      const b = await loaded.retriever.search(row.question, 5);
      expect(b.map((h) => h.chunk.id), row.question).toEqual(a.map((h) => h.chunk.id));
      b.forEach((h, i) => expect(h.score).toBe(a[i]!.score));
    }
  });
});

describe('index safety', () => {
  async function freshIndex(): Promise<string> {
    const indexDir = join(await tempDir(), 'index');
    await ingest({ corpusDir: CORPUS, indexDir, ipadic: await ipadic() });
    return indexDir;
  }
  const build = async (indexDir: string) => join(indexDir, (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim());
  const expected = { analyzer: ANALYZER_ID };

  it('refuses a missing index with INDEX_MISSING and the fix', async () => {
    await expect(loadIndex(join(await tempDir(), 'none'), expected)).rejects.toMatchObject({ code: 'INDEX_MISSING', message: expect.stringContaining('npm run ingest') });
  });

  it('refuses an altered file with INDEX_CORRUPT', async () => {
    const indexDir = await freshIndex();
    const file = join(await build(indexDir), 'readings.json');
    const original = await readFile(file);
    await writeFile(file, original.toString('utf8').replace('支援', '支縁'));
    await expect(loadIndex(indexDir, expected)).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('npm run ingest') });
    // A truncated file, or one flipped byte in the binary postings, is refused alike.
    await writeFile(file, original);
    const lexical = join(await build(indexDir), 'lexical.bin');
    const bytes = await readFile(lexical);
    await writeFile(lexical, bytes.subarray(0, bytes.length - 100));
    await expect(loadIndex(indexDir, expected)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x40;
    await writeFile(lexical, bytes);
    await expect(loadIndex(indexDir, expected)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });

  it('refuses an unreadable manifest with INDEX_CORRUPT', async () => {
    const indexDir = await freshIndex();
    await writeFile(join(await build(indexDir), 'manifest.json'), '{"formatVersion": 1, "emb');
    await expect(loadIndex(indexDir, expected)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });

  it('refuses another format version or analyser with INDEX_VERSION_MISMATCH', async () => {
    const indexDir = await freshIndex();
    const file = join(await build(indexDir), 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...manifest, formatVersion: FORMAT_VERSION + 1 }));
    await expect(loadIndex(indexDir, expected)).rejects.toMatchObject({ code: 'INDEX_VERSION_MISMATCH' });
    await writeFile(file, JSON.stringify(manifest));
    await expect(loadIndex(indexDir, { analyzer: 'other/1' })).rejects.toMatchObject({ code: 'INDEX_VERSION_MISMATCH' });
    await expect(loadIndex(indexDir, { analyzer: ANALYZER_ID, embedder: 'openai:x' })).rejects.toMatchObject({ code: 'INDEX_VERSION_MISMATCH' });
  });

  it('keeps serving the old index when an ingest died half-way, and the next ingest clears its leftovers', async () => {
    const indexDir = await freshIndex();
    const before = await loadIndex(indexDir, expected);
    // What a killed ingest leaves: a temporary folder of a dead process, half written.
    const leftover = join(indexDir, '.tmp-999999-dead');
    await mkdir(leftover);
    await writeFile(join(leftover, 'lexical.bin'), 'half');
    const after = await loadIndex(indexDir, expected);
    expect(after.manifest).toEqual(before.manifest);
    await ingest({ corpusDir: CORPUS, indexDir, ipadic: await ipadic() });
    const entries = await readdir(indexDir);
    expect(entries.filter((e) => e.startsWith('.tmp-'))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('build-'))).toHaveLength(1);
  });

  it('rebuilds on start when the corpus changed', async () => {
    const root = await tempDir();
    const corpusDir = join(root, 'corpus');
    await cp(CORPUS, corpusDir, { recursive: true });
    const config = parseConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: join(root, 'index') });
    const lines: string[] = [];
    expect((await openEngine(config, { rebuild: true, log: (l) => lines.push(l) })).manifest.counts.documents).toBe(1);
    expect(lines[0]).toContain('unusable (INDEX_MISSING)');
    await writeFile(join(corpusDir, 'faq.md'), '# よくある質問\n\n申請は電子申請で受け付けます。\n');
    const engine = await openEngine(config, { rebuild: true, log: (l) => lines.push(l) });
    expect(engine.manifest.counts.documents).toBe(2);
    expect(lines.some((l) => l.includes('older than the corpus'))).toBe(true);
  });
});

describe('bad corpus files', () => {
  it('reports each by name and ingests the rest', async () => {
    const dir = await tempDir();
    await cp(join(CORPUS, DOCUMENT), join(dir, DOCUMENT));
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'blank.md'), '  \n\n');
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(join(dir, 'huge.txt'), '');
    await truncate(join(dir, 'huge.txt'), 50 * 1024 * 1024);
    await writeFile(join(dir, 'huge.jsonl'), '');
    await truncate(join(dir, 'huge.jsonl'), 200 * 1024 * 1024);
    await writeFile(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0xff, 0xfe, 0x80]));
    await writeFile(join(dir, 'sjis.txt'), Buffer.from(new Uint8Array([0x8f, 0xc8, 0x83, 0x47, 0x83, 0x6c])));
    await writeFile(join(dir, 'utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 案内\n\n本文です。\n', 'utf16le')]));
    await writeFile(join(dir, 'slides.pptx'), 'PK');
    await writeFile(join(dir, 'broken.pdf'), '%PDF-1.4');
    const corpus = await readCorpus(dir);
    expect(corpus.documents.map((d) => [d.path, d.encoding])).toEqual([
      [DOCUMENT, 'utf-8'],
      ['sjis.txt', 'shift_jis'],
      ['utf16.md', 'utf-16le'],
    ]);
    expect(corpus.documents[1]!.text).toBe('省エネ');
    expect(corpus.problems).toEqual([
      { document: 'binary.txt', reason: 'binary file (contains NUL bytes)' },
      { document: 'blank.md', reason: 'no text (only white space)' },
      { document: 'empty.txt', reason: 'empty file' },
      { document: 'huge.jsonl', reason: 'too large: 200.0 MB, the limit is 64 MB' },
      { document: 'huge.txt', reason: 'too large: 50.0 MB, the limit is 10 MB' },
      { document: 'latin1.txt', reason: 'not UTF-8, UTF-16 or Shift_JIS text' },
      { document: 'slides.pptx', reason: 'skipped: documents are .txt, .md, .pdf and .html files, catalogs .json, .jsonl and .csv' },
    ]);
    // A PDF is read by its reader at build time, which names what is wrong with it.
    expect(corpus.files.map((f) => f.path)).toEqual(['broken.pdf']);
    const built = await buildIndex(corpus, { ipadic: await ipadic(), sudachi: [] });
    expect(built.problems.find((p) => p.document === 'broken.pdf')).toMatchObject({ code: 'PDF_INVALID' });
  });

  it('reads catalogs beside documents: field maps found by name, bad lines and rows named, every good record kept', async () => {
    const dir = await tempDir();
    await cp(join(CORPUS, DOCUMENT), join(dir, DOCUMENT));
    const csv = '\ufeffid,name,office,tel\n1,省エネ設備導入支援,"静岡県 経済産業部\nエネルギー政策課",TEL：054-221-2407\n2,販路開拓支援\n3,事業承継相談,中小企業庁,03-3501-1511\n';
    await writeFile(join(dir, 'pref.csv'), csv);
    await writeFile(join(dir, 'pref.fields.json'), JSON.stringify({ id: 'id', title: 'name', contact: ['office', 'tel'], region: 'pref' }));
    await writeFile(join(dir, 'more.jsonl'), '{"id":"a","title":"創業支援"}\n{"id":"b",\n{"id":"c"}\n');
    await writeFile(join(dir, 'more.fields.json'), '{"id":"id","title":"title"}');
    await writeFile(join(dir, 'nomap.json'), '[{"id":1,"title":"x"}]');
    await writeFile(join(dir, 'orphan.fields.json'), '{"id":"id","title":"title"}');
    const built = await buildIndex(await readCorpus(dir), { ipadic: await ipadic(), sudachi: [] });
    const records = built.parts.catalog.programs.filter((p) => p.source.record);
    expect(records.map((p) => [p.source.document, p.source.record, p.title, p.contacts])).toEqual([
      ['more.jsonl', 'a', '創業支援', []],
      ['pref.csv', '1', '省エネ設備導入支援', [{ office: '静岡県 経済産業部 エネルギー政策課', phone: '054-221-2407', scope: null }]],
      ['pref.csv', '3', '事業承継相談', [{ office: '中小企業庁', phone: '03-3501-1511', scope: null }]],
    ]);
    const problems = built.problems.map((p) => [p.document, p.line ?? p.record ?? null]);
    // pref.csv's short row is on line 4: the quoted office holds a line break. Its map names a column (pref) no row has.
    expect(problems).toEqual([['orphan.fields.json', null], ['more.jsonl', 2], ['more.jsonl', 3], ['nomap.json', null], ['pref.csv', 4], ['pref.csv', null]]);
    expect(built.problems.find((p) => p.document === 'nomap.json')!.reason).toContain('nomap.fields.json');
    expect(built.parts.catalog.programs.filter((p) => p.kind === 'program')).toHaveLength(12 + 3);
  });

  it('reads HTML pages beside the rest: one program each, its contact from the page, cited by line', async () => {
    const dir = await tempDir();
    const page = [
      '<!doctype html><html><head><meta charset="utf-8"><title>省エネ設備導入支援｜静岡県</title></head><body>',
      '<nav><a href="/">トップ</a> 電話 054-000-0000</nav>',
      '<main><h1>省エネ設備導入支援</h1>',
      '<h2>概要</h2><p>県内の中小企業が行う省エネ設備の導入を支援します。</p>',
      '<h2>お問い合わせ先</h2><p>静岡県 経済産業部 エネルギー政策課<br>電話：054-221-2407</p></main>',
      '</body></html>',
    ].join('\n');
    await writeFile(join(dir, 'page.html'), page);
    const built = await buildIndex(await readCorpus(dir), { ipadic: await ipadic(), sudachi: [] });
    const [program] = built.parts.catalog.programs;
    expect(program).toMatchObject({ kind: 'program', title: '省エネ設備導入支援', source: { document: 'page.html' } });
    expect(program!.contacts).toEqual([{ office: '静岡県 経済産業部 エネルギー政策課', phone: '054-221-2407', scope: null }]);
    expect(program!.sections.find((s) => s.name === '概要')!.source).toEqual({ document: 'page.html', lines: [4, 4] });
    expect(JSON.stringify(built.parts.catalog)).not.toContain('054-000-0000');
  });

  it('npm run ingest exits 1 only when nothing usable remains, naming the files', async () => {
    const bad = await tempDir();
    await writeFile(join(bad, 'empty.txt'), '');
    const env = { ...process.env, CORPUS_DIR: bad, INDEX_DIR: join(bad, 'index') };
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.ingest).toBe(`node ${INGEST_ARGS.join(' ')}`);
    const failed = await run(process.execPath, INGEST_ARGS, { cwd: ROOT, env }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('problem empty.txt: empty file');
    expect(failed.stderr).toContain('no usable document');

    await writeFile(join(bad, 'note.md'), '# 申請の手引き\n\n申請は電子申請で受け付けます。\n\n締切は公募要領で確認してください。\n');
    const ok = await run(process.execPath, INGEST_ARGS, { cwd: ROOT, env });
    expect(ok.stdout).toContain('1 generic documents, 2 chunks');
    expect(ok.stdout).toContain('problem empty.txt: empty file');
  });
});
