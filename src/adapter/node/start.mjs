// `npm start`: the server (main.ts) run as one compiled set of modules (compiled-module.mjs), through tsx
// only when esbuild cannot compile it.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledModule } from './compiled-module.mjs';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
const options = { entry, root: fileURLToPath(new URL('../../..', import.meta.url)), cache: fileURLToPath(new URL('../../../node_modules/.cache/madoguchi', import.meta.url)), name: 'server' };

/** Runs the compiled server; false when it cannot be had, or when another start removed it since (it made a newer one). */
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

if (!(await run(await compiledModule(options).catch(() => null)))) {
  const tsx = await import('tsx/esm/api');
  tsx.register();
  await import(pathToFileURL(entry).href);
}
