import type { Chunk, Contact } from '../catalog.js';
import type { Citation } from './types.js';

const SNIPPET_CHARS = 240;

/** Citations in the order the answer first uses them: `add` returns the `[n]` to write. */
export class CitationList {
  private readonly list: Citation[] = [];
  private readonly byChunk = new Map<number, number>();

  add(chunk: Chunk, contacts: Contact[] = chunk.contacts): number {
    const seen = this.byChunk.get(chunk.id);
    if (seen) return seen;
    const n = this.list.length + 1;
    this.list.push({
      n,
      program: { id: chunk.programId, title: chunk.programTitle },
      section: sectionLabel(chunk),
      snippet: passageSnippet(chunk),
      contacts,
      source: chunk.source,
    });
    this.byChunk.set(chunk.id, n);
    return n;
  }

  get all(): Citation[] {
    return this.list;
  }
}

/** "事業イメージ (5)": the section, and the sub-item where the passage is one. */
export function sectionLabel(chunk: Chunk): string {
  return chunk.item ? `${chunk.section} ${chunk.item}` : chunk.section;
}

// Passages never change once loaded: each one's snippet is cut once, not per answer.
const snippets = new WeakMap<Chunk, string>();

/** The snippet of a passage that citations and search hits show. */
export function passageSnippet(chunk: Chunk): string {
  let s = snippets.get(chunk);
  if (s === undefined) snippets.set(chunk, (s = snippet(chunk.text)));
  return s;
}

function snippet(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}
