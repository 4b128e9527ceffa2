import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { appError } from '../../errors.js';
import type { Morphology } from '../../text/morphemes.js';

const cache = new Map<string, Promise<Morphology>>();

/**
 * kuromoji with its IPADIC dictionary from node_modules, built once per process. A failed build is
 * surfaced as ANALYZER_UNAVAILABLE with kuromoji's own error as the cause, never swallowed.
 */
export function loadMorphology(dicPath = defaultDicPath()): Promise<Morphology> {
  const hit = cache.get(dicPath);
  if (hit) return hit;
  const loading = new Promise<Morphology>((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) reject(appError('ANALYZER_UNAVAILABLE', `kuromoji could not load its dictionary from ${dicPath}: ${err.message}`, err));
      else resolve(tokenizer);
    });
  });
  cache.set(dicPath, loading);
  loading.catch(() => cache.delete(dicPath));
  return loading;
}

function defaultDicPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}
