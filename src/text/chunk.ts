import { KEYWORDS_SECTION, type Chunk, type Contact, type Item, type Program } from '../catalog.js';

/**
 * Chunks aligned to the document's structure: the budget line, each section's own text and each
 * sub-item, carrying the contacts that apply to it (per sub-item where the document splits them).
 */
export function chunkPrograms(programs: Program[]): Chunk[] {
  const chunks: Chunk[] = [];
  const push = (c: Omit<Chunk, 'id'>) => chunks.push({ id: chunks.length, ...c });
  for (const p of programs) {
    const base = { programId: p.id, programTitle: p.title };
    if (p.budget) {
      const offices = p.contacts.map((c) => (c.scope ? `${c.scope} ${c.office}` : c.office));
      const text = [p.budget.text, ...p.budget.notes, ...(offices.length ? [`担当：${offices.join('、')}`] : [])].join('\n');
      push({ ...base, section: '予算', item: null, text, contacts: p.contacts, source: p.budget.source ?? p.source });
    }
    for (const s of p.sections) {
      if (s.text) push({ ...base, section: s.name, item: null, text: s.text, contacts: p.contacts, source: s.source });
      for (const item of s.items) {
        if (!item.text) continue;
        const text = item.text === item.label ? item.text : `${item.label}\n${item.text}`;
        push({ ...base, section: s.name, item: item.key, text, contacts: contactsFor(p.contacts, item), source: item.source });
      }
    }
    if (p.keywords.length) push({ ...base, section: KEYWORDS_SECTION, item: null, text: keywordsText(p), contacts: p.contacts, source: p.source });
  }
  return chunks;
}

/**
 * The keywords passage: the keywords, then the program's first section's own text (a catalog record's
 * summary where its field map lists that first). Keywords are labels of a few characters each: alone
 * beside the title they make a passage so short that a question sharing one label with it outranks the
 * passages that describe what it asks; read with the summary they name, they count together with it.
 * Never quoted as an answer (`isQuotable`): the summary is still answered from its own passage.
 *
 * @example keywordsText(program26) // 'もの補助、ものづくり補助金、…\n新型コロナや物価高、…'
 */
export function keywordsText(p: Program): string {
  const first = p.sections.find((s) => s.text);
  return [p.keywords.join('、'), ...(first ? [first.text] : [])].join('\n');
}

/** The text an index sees for a chunk: the program title is part of every chunk. */
export function indexedText(chunk: Chunk): string {
  const section = chunk.section === chunk.programTitle ? [] : [chunk.section];
  return [chunk.programTitle, ...section, chunk.text].join('\n');
}

/** Contacts whose scope covers a numbered sub-item; all contacts where none is scoped to it. */
export function contactsFor(contacts: Contact[], item: Pick<Item, 'key' | 'number'>): Contact[] {
  if (!item.key.startsWith('(')) return contacts;
  const scoped = contacts.filter((c) => c.scope !== null && coveredBy(c.scope, item.number));
  return scoped.length ? scoped : contacts;
}

function coveredBy(scope: string, n: number): boolean {
  const [from, to = from] = [...scope.matchAll(/\d+/g)].map((m) => Number(m[0]));
  return n >= from! && n <= to!;
}
