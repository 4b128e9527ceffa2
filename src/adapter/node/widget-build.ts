import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const SOURCE = join(import.meta.dirname, '../../widget/widget.ts');

/** The widget as browsers get it: the TypeScript source minified into one script (about 10 KB). */
export async function buildWidget(): Promise<string> {
  const { code } = await transform(await readFile(SOURCE, 'utf8'), { loader: 'ts', minify: true, format: 'iife', target: 'es2020', charset: 'utf8' });
  return code;
}
