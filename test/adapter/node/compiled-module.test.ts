import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledModule } from '../../../src/adapter/node/compiled-module.mjs';
import { tempDir } from '../../helpers.js';

/** A small project: an entry reading its own location, a module it imports, one it imports only when asked. */
async function project(): Promise<{ root: string; cache: string; entry: string }> {
  const root = await tempDir();
  await mkdir(join(root, 'src/lib'), { recursive: true });
  await writeFile(join(root, 'src/main.ts'), "import { where } from './lib/where.js';\nexport const here: string = import.meta.dirname;\nexport const url: string = import.meta.url;\nexport { where };\nexport const later = () => import('./lib/later.js');\n");
  await writeFile(join(root, 'src/lib/where.ts'), 'export const where: string = import.meta.dirname;\n');
  await writeFile(join(root, 'src/lib/later.ts'), "export const later = 'loaded when asked';\n");
  return { root, cache: join(root, 'cache'), entry: join(root, 'src/main.ts') };
}

describe('compiledModule', () => {
  it('runs each source with its own location, split where it imports lazily', async () => {
    const { root, cache, entry } = await project();
    const module = await compiledModule(entry, { root, cache });
    const m = await import(pathToFileURL(module).href);
    expect(m.here).toBe(join(root, 'src'));
    expect(m.url).toBe(pathToFileURL(entry).href);
    expect(m.where).toBe(join(root, 'src/lib'));
    expect((await m.later()).later).toBe('loaded when asked');
    const files = await readdir(join(module, '..'));
    expect(files).toContain('main.js');
    expect(files.some((f) => f.startsWith('later-'))).toBe(true);
  });

  it('keeps the compiled folder while no source changes, and makes a new one (removing the old) when one does', async () => {
    const { root, cache, entry } = await project();
    const first = await compiledModule(entry, { root, cache });
    const written = (await stat(first)).mtimeMs;
    expect(await compiledModule(entry, { root, cache })).toBe(first);
    expect((await stat(first)).mtimeMs).toBe(written);

    await writeFile(join(root, 'src/lib/where.ts'), "export const where: string = 'changed';\n");
    const second = await compiledModule(entry, { root, cache });
    expect(second).not.toBe(first);
    expect((await import(pathToFileURL(second).href)).where).toBe('changed');
    expect((await readdir(cache)).sort()).toEqual([join(second, '..').slice(cache.length + 1), 'src-main.json']);
  });
});
