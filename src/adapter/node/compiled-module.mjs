// A TypeScript entry and what it imports from the project, compiled by esbuild into a folder of modules
// that Node runs as they are, kept until a source changes. `npm start` and `npm run ingest` run so: loading
// each file through tsx's loader hook instead costs about 0.9 s of CPU at start-up, in round trips to the
// hook's thread. Each source keeps its own location (`import.meta.url`, `import.meta.dirname` are its
// own), so files found next to it are found as before; packages stay imports; the output is split at
// dynamic imports, so what is imported only when asked (the OpenAI answerer, MCP, the PDF reader) is
// still loaded only then.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's folder: entries are named, and their imports resolved, from it. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Where compiled entries are kept: beside, not among, the dictionary tables of node_modules/.cache/madoguchi. */
const COMPILED = join(ROOT, 'node_modules/.cache/madoguchi-modules');

/**
 * The compiled entry's path: the kept one when every source it was made from has the size and modification
 * time it had then, else compiled now (a folder named by the output's hash, then a stamp naming it, each
 * written under a temporary name and renamed; older folders of the entry are removed). `root` is where its
 * imports are resolved from, `cache` where compiled folders are kept.
 *
 * @param {string} entry
 * @param {{ root?: string, cache?: string }} [options]
 * @returns {Promise<string>}
 */
export async function compiledModule(entry, { root = ROOT, cache = COMPILED } = {}) {
  const name = relative(root, entry).replace(/\.ts$/, '').replace(/[^\w]+/g, '-');
  const stamp = join(cache, `${name}.json`);
  return kept(stamp) ?? (await compile(entry, root, cache, name, stamp));
}

function kept(stamp) {
  try {
    const { node, module, inputs } = JSON.parse(readFileSync(stamp, 'utf8'));
    if (node !== process.version) return null;
    for (const [file, [size, mtime]] of Object.entries(inputs)) {
      const s = statSync(file);
      if (s.size !== size || s.mtimeMs !== mtime) return null;
    }
    return join(dirname(stamp), module);
  } catch {
    return null;
  }
}

async function compile(entry, root, cache, name, stamp) {
  const esbuild = await import('esbuild');
  // Each source's size and time when read: one changed while compiling makes the output stale at once.
  const inputs = {};
  const ownLocation = {
    name: 'own-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const s = statSync(args.path);
        inputs[args.path] = [s.size, s.mtimeMs];
        const contents = readFileSync(args.path, 'utf8')
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        return { contents, loader: 'ts' };
      });
    },
  };
  const out = join(cache, name);
  const built = await esbuild.build({
    entryPoints: { main: entry }, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', absWorkingDir: root, write: false, logLevel: 'silent', plugins: [ownLocation], outdir: out,
  });
  const folder = `${name}-${built.outputFiles.map((f) => f.hash).join('').replace(/[^\w]/g, '').slice(0, 24)}`;
  const tmp = join(cache, `${folder}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  for (const file of built.outputFiles) {
    const path = join(tmp, relative(out, file.path));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
  try {
    renameSync(tmp, join(cache, folder));
  } catch {
    // Another process made the same folder first.
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(`${stamp}.${process.pid}.tmp`, JSON.stringify({ node: process.version, module: join(folder, 'main.js'), inputs }));
  renameSync(`${stamp}.${process.pid}.tmp`, stamp);
  for (const old of readdirSync(cache)) {
    if (old.startsWith(`${name}-`) && old !== folder && !old.endsWith('.tmp')) rmSync(join(cache, old), { recursive: true, force: true });
  }
  return join(cache, folder, 'main.js');
}
