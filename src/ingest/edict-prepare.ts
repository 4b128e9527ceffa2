import { EDICT_FILE } from '../config.js';
import { EDICT_TABLES, machineTables, readEdict } from './edict.js';

// `npm install`: reduces EDICT once for every index of this machine, when it is installed. Never fails the install.
const file = process.env.EDICT_FILE?.trim() || EDICT_FILE;
try {
  const read = await readEdict(file, machineTables());
  console.log(read ? `EDICT ${file} reduced for English questions: ${EDICT_TABLES}/${read.table}` : `no EDICT at ${file} (apt-get install edict): English questions will find little`);
} catch (e) {
  console.log(`EDICT ${file} could not be reduced now (${(e as Error).message}); npm run ingest will try again`);
}
