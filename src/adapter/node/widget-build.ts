import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const WIDGET = join(import.meta.dirname, '../../widget/widget.ts');
const ADMIN = join(import.meta.dirname, '../../widget/admin.ts');

/** The widget as browsers get it: the TypeScript source minified into one script (about 10 KB). */
export function buildWidget(): Promise<string> {
  return buildScript(WIDGET);
}

/** The staff page's script, served at /admin/admin.js. */
export function buildAdminScript(): Promise<string> {
  return buildScript(ADMIN);
}

async function buildScript(file: string): Promise<string> {
  const { code } = await transform(await readFile(file, 'utf8'), { loader: 'ts', minify: true, format: 'iife', target: 'es2020', charset: 'utf8' });
  return code;
}
