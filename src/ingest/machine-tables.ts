import { fileURLToPath } from 'node:url';
import { machineTableCache, type TableCache } from './tables.js';

/**
 * Where the tables made from the installed dictionaries alone are kept for every index on this machine,
 * like a package's prebuilt data: the packed IPADIC and its readings, the Sudachi synonym tables, the
 * phrases the analysis looks for and the reduced EDICT. `npm install` makes them (src/ingest/prepare.ts);
 * otherwise the first ingest does.
 */
export const MACHINE_TABLES = fileURLToPath(new URL('../../node_modules/.cache/madoguchi', import.meta.url));

/** The folder of MACHINE_TABLES as a table cache (`machineTableCache`). */
export const machineTables = (dir: string = MACHINE_TABLES): TableCache => machineTableCache(dir);
