import type { Chunk } from '../catalog.js';
import { compact, normalize } from '../text/normalize.js';

/** A passage's text in the forms the answerer compares questions and contacts with. */
export interface PassageForms {
  normalized: string;
  compact: string;
  /** Its digits alone, after NFKC: where a phone number is looked for. */
  digits: string;
}

// Passages never change once loaded: each is put in these forms once, not per question.
const forms = new WeakMap<Chunk, PassageForms>();

/** @example passageForms(chunk).digits.includes('0335019726') */
export function passageForms(chunk: Chunk): PassageForms {
  let f = forms.get(chunk);
  if (!f) forms.set(chunk, (f = { normalized: normalize(chunk.text), compact: compact(chunk.text), digits: chunk.text.normalize('NFKC').replace(/\D/g, '') }));
  return f;
}
