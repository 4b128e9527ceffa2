import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { compiledModule, ROOT } from '../adapter/node/compiled-module.mjs';
import { ipadicSource } from '../adapter/node/ipadic.js';
import { EDICT_FILE } from '../config.js';
import { readEdict } from './edict.js';
import { MACHINE_TABLES, machineTables } from './machine-tables.js';
import { sudachiSource } from './sudachi.js';
import { dictionaryTables, phraseTable, synonymTables } from './tables.js';

// `npm install`: makes once, for every index of this machine, what ingest makes from the installed
// dictionaries alone (IPADIC packed with its readings, the Sudachi tables, EDICT reduced, the phrases the
// analysis looks for); a later run only checks them, and forgets what older versions left. Then compiles
// what `npm start` and `npm run ingest` run (src/adapter/node/run.mjs). Never fails the install: ingest
// makes what is missing, and a start compiles what is not compiled.
const t0 = performance.now();
const machine = machineTables();
const file = process.env.EDICT_FILE?.trim() || EDICT_FILE;
try {
  const [english, dictionary, synonyms] = await Promise.all([
    readEdict(file, machine).catch((e: Error) => {
      console.log(`EDICT ${file} could not be reduced now (${e.message}); npm run ingest will try again`);
      return null;
    }),
    ipadicSource().then((source) => dictionaryTables(source, machine)),
    sudachiSource().then((source) => synonymTables(source, machine)),
  ]);
  const phrases = phraseTable(synonyms, english?.edict ?? null, machine);
  await phrases.table();
  // What older versions (of the packages, or of ingest) left there is not read again.
  const used = new Set([dictionary.entry.file, ...dictionary.names, synonyms.name, phrases.name, ...(english?.table ? [english.table] : [])]);
  for (const f of await readdir(MACHINE_TABLES).catch(() => [] as string[])) if (!used.has(f) && !f.endsWith('.tmp')) await rm(join(MACHINE_TABLES, f), { force: true });
  console.log(`IPADIC (${dictionary.entry.file}), Sudachi synonyms${english ? ' and EDICT' : ''} prepared for ingest in ${MACHINE_TABLES} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (!english) console.log(`no EDICT at ${file} (apt-get install edict): English questions will find little`);
} catch (e) {
  console.log(`the dictionaries' tables could not be prepared now (${(e as Error).message}); npm run ingest will make them`);
}

const ENTRIES = ['src/adapter/node/main.ts', 'src/ingest/cli.ts'];
try {
  await Promise.all(ENTRIES.map((e) => compiledModule(join(ROOT, e))));
} catch (e) {
  console.log(`npm start and npm run ingest could not be compiled now (${(e as Error).message}); they compile when first run`);
}
