import { readFile } from 'node:fs/promises';
import { EDICT_FILE } from '../config.js';
import { indexEdict, type EdictEntry, type EdictGlosses, type EdictSense } from '../text/english-table.js';

/**
 * EDICT's tags other than parts of speech (fields, usage, dialects …): read off the start of a gloss so
 * that what remains is the English. A parenthesis that is not a tag, as in "(hospital) nurse", stays.
 */
const TAGS = new Set(
  ('P uk abbr arch ateji chn col dated derog eK ek fam fem gikun hist hon hum iK id ik io joc litf m-sl male male-sl net-sl oK obs obsc ' +
    'ok on-mim poet pol proverb quote rare sens sl uK vulg X yoji aphorism form ' +
    'Buddh Christn MA Shinto anat archit astron baseb biol bot bus chem comp econ engr finc food geol geom gramm hanaf law ling mahj ' +
    'math med mil music physics shogi sports sumo tradem zool').split(' '),
);
const POS =
  /^(adj(-i|-ix|-na|-no|-pn|-t|-f|-ku|-shiku|-nari)?|adv(-to)?|aux(-v|-adj)?|conj|cop|ctr|exp|int|n(-adv|-suf|-pref|-t|-pr)?|num|pn|pref|prt|suf|unc|v1(-s)?|v2\w-[ks]|v4\w|v5\w{0,3}(-[is])?|vk|vn|vr|vs(-[cis])?|vz|vi|vt|v-unspec)$/;
/** A dialect (ksb: Kansai-ben …). */
const DIALECT = /^\w+:$/;

/**
 * One line of EDICT (`漢字 [かな] /(n,vs) (1) gloss/gloss/(n) (2) gloss/(P)/`, or `かな /…/` for a word
 * written in kana): its headword, reading, priority mark and senses with their parts of speech, tags and
 * glosses. Null for the header line and anything else that is not an entry.
 *
 * @example parseEdictLine('融資 [ゆうし] /(n,vs) financing/loan/(P)/') // { headword: '融資', reading: 'ゆうし', priority: true, senses: [{ pos: ['n', 'vs'], tags: [], glosses: ['financing', 'loan'] }] }
 */
export function parseEdictLine(line: string): EdictEntry | null {
  const at = line.indexOf(' /');
  if (at < 0 || line.startsWith('　')) return null;
  const head = /^(\S+)(?: \[(\S+)\])?$/.exec(line.slice(0, at));
  if (!head) return null;
  const fields = line.slice(at + 2).split('/').filter((f) => f.length > 0);
  let priority = false;
  const senses: EdictSense[] = [];
  let sense: EdictSense = { pos: [], tags: [], glosses: [] };
  let pos: string[] = [];
  const next = () => {
    if (sense.glosses.length) senses.push(sense);
    sense = { pos, tags: [], glosses: [] };
  };
  for (const field of fields) {
    let rest = field;
    for (let m: RegExpExecArray | null; (m = /^\(([^()]*)\)\s*/.exec(rest)); rest = rest.slice(m[0].length)) {
      const parts = m[1]!.split(',');
      if (/^\d+$/.test(m[1]!)) {
        if (sense.glosses.length) next();
      } else if (parts.every((p) => POS.test(p))) {
        // Parts of speech open a sense: "(n,vs) (1) export/(adj-f) (2) (biol) efferent".
        if (sense.glosses.length) next();
        pos = parts;
        sense.pos = parts;
      } else if (parts.every((p) => TAGS.has(p) || DIALECT.test(p))) {
        if (m[1] === 'P') priority = true;
        else sense.tags.push(...parts);
      } else break;
    }
    if (rest.trim()) sense.glosses.push(rest.trim());
  }
  next();
  if (senses.length === 0) return null;
  return { headword: head[1]!, reading: head[2] ?? head[1]!, priority, senses };
}

/** Every entry of an EDICT file's text, one line after the other. */
export function* parseEdict(text: string): Generator<EdictEntry> {
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const entry = parseEdictLine(text.slice(at, end));
    if (entry) yield entry;
    at = end + 1;
  }
}

/** The last EDICT read, while something still holds it: ingests in one process (tests) read it once. */
const read = new Map<string, WeakRef<EdictGlosses>>();

/**
 * EDICT as Debian installs it (EUC-JP, ~19 MB, ~267k lines), reduced to its glosses' keys as it is read
 * (text/english-table.ts): read at ingest only, never on the query path. Null when the file is not
 * there: English questions then go without it.
 */
export async function readEdict(file: string = EDICT_FILE): Promise<EdictGlosses | null> {
  const kept = read.get(file)?.deref();
  if (kept) return kept;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const edict = indexEdict(parseEdict(new TextDecoder('euc-jp').decode(bytes)));
  read.set(file, new WeakRef(edict));
  return edict;
}
