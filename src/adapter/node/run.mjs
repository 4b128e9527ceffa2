// `node src/adapter/node/run.mjs ENTRY.ts`: `npm start` and `npm run ingest`. The entry runs as one compiled
// set of modules (compiled-module.mjs), through tsx only when esbuild cannot compile it.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledModule, ROOT } from './compiled-module.mjs';

const entry = resolve(ROOT, process.argv[2] ?? '');

/** Runs the compiled entry; false when it cannot be had, or when another process removed it since (it compiled a newer one). */
async function run(module) {
  if (!module) return false;
  try {
    await import(pathToFileURL(module).href);
    return true;
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(module)) throw e;
    return false;
  }
}

if (!(await run(await compiledModule(entry).catch(() => null)))) {
  const tsx = await import('tsx/esm/api');
  tsx.register();
  await import(pathToFileURL(entry).href);
}
