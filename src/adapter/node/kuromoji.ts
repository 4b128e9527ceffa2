import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { appError } from '../../errors.js';
import type { Kuromoji } from '../../ingest/query-dictionary.js';

const cache = new Map<string, Promise<Kuromoji>>();

/**
 * kuromoji with its full IPADIC dictionary from node_modules, built once per process: the Worker bundle
 * cuts its dictionary from kuromoji's loaded tables (ingest and serving read the packed files instead).
 * A failed build is surfaced as ANALYZER_UNAVAILABLE with kuromoji's own error as the cause, never
 * swallowed.
 */
export function loadKuromoji(dicPath = defaultDicPath()): Promise<Kuromoji> {
  const hit = cache.get(dicPath);
  if (hit) return hit;
  const loading = new Promise<Kuromoji>((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) reject(appError('ANALYZER_UNAVAILABLE', `kuromoji could not load its dictionary from ${dicPath}: ${err.message}`, err));
      else resolve(tokenizer as unknown as Kuromoji);
    });
  });
  cache.set(dicPath, loading);
  loading.catch(() => cache.delete(dicPath));
  return loading;
}

export function defaultDicPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}
