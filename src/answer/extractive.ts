import { CONTACT_SECTION, isQuotable, servesRegion, type Chunk, type Contact, type Program } from '../catalog.js';
import type { ChunkWeight, Hit } from '../retrieve/retriever.js';
import type { SearchEngine } from '../retrieve/engine.js';
import { isEnglish } from '../text/english.js';
import { compact } from '../text/normalize.js';
import { prefectureIn } from '../text/prefectures.js';
import { spelledOut } from '../text/spelling.js';
import { aggregate } from './aggregate.js';
import { askedFacts, askedKind } from './asked-facts.js';
import type { QueryTerms } from '../text/synonyms.js';
import { catalogView, type CatalogView } from './catalog-view.js';
import { CitationList } from './citations.js';
import { resolveFollowUp } from './follow-up.js';
import { detectIntent, type Intent } from './intent.js';
import { budgetText, contactList, P, yenText, type Style } from './phrases.js';
import { asksAboutUnknown, judgeScope, looksLikeInjection, subjectWords } from './scope.js';
import { passageForms } from './passage-forms.js';
import { bestSentences } from './sentences.js';
import type { Answerer, AskRequest, AskResponse } from './types.js';

/** Passages ranked per question: enough that a long rulebook's many passages leave room for other documents. */
const CHUNKS = 100;
/** How many of the best programs may cover a question for it to be answerable. */
const SCOPE_PROGRAMS = 3;
/** Programs within this share of the best score are named as related. */
const RELATED_SHARE = 0.85;
/** The share of a question's subject (idf-weighted) a program's name must hold for the question to be about it. */
const NAMED_SUBJECT = 0.5;
/**
 * How much a program's best passage is discounted per log of its passage count. Measured: 0.1 lets the leaflet
 * outrank the rulebook on pdf-dev and changes nothing on the dev, robust and catalog sets; 0.2 costs a
 * pdf-dev contact row.
 */
const PASSAGES_PRIOR = 0.1;
/** How much more a prefecture's own program weighs than a nationwide one for a question naming that prefecture. */
const OWN_PREFECTURE = 1.1;
/** How many other programs of the same name a contact answer lists. */
const NAMESAKES = 4;
/** A sub-item whose chunk scores this close to the program's best is what the question is about. */
const ITEM_SHARE = 0.7;

interface Ranked {
  program: Program;
  best: Hit;
  hits: Hit[];
}

/**
 * The embedded answerer: no LLM. Finds the program, quotes the sentences that answer the question, gives
 * the contact office of the sub-item asked about (or says the document names none), computes catalog
 * questions from the records, and refuses what the documents do not cover.
 *
 * @example await createExtractiveAnswerer(engine).answer({ question: '省エネ診断の問い合わせ先は？', history: [], mode: 'answer' })
 */
export function createExtractiveAnswerer(engine: SearchEngine): Answerer {
  const view = catalogView(engine);
  return {
    async answer(asked) {
      // Markup in a question is not what it asks about; it is never echoed either.
      const request = { ...asked, question: asked.question.replace(/<[^>]*>/g, ' ') };
      const style: Style = { lang: isEnglish(request.question) ? 'en' : 'ja', mode: request.mode };
      const resolved = await resolveFollowUp(engine, view, request.question, request.history);
      const named = view.named(request.question);
      // What the question asks for is read in it as the corpus writes its words (よさん → 予算). Expanded
      // right before the query (the same text but in a follow-up), whose expansion the retriever then reuses.
      const cues = `${spelledOut(request.question, engine.expand(request.question))} ${resolved.carried}`.trim();
      const terms = engine.expand(resolved.query);
      const intent = detectIntent(besidesNames(cues, named.map((p) => p.title)), named.length > 0 || resolved.focus !== null);
      const region = request.region ?? prefectureIn(request.question);
      const weight = region ? regionWeight(view, region) : undefined;
      const respond = (answer: string, citations: CitationList, answerable = true): AskResponse => ({
        answer: request.mode === 'draft' && answerable && style.lang === 'ja' ? `${P.draftOpen}\n${answer}\n${P.draftClose}\n\n${P.draftNote}` : answer,
        answerable,
        mode: request.mode,
        generator: 'extractive',
        citations: citations.all,
      });

      // A catalog question about something no document mentions (農林水産省の補助金の一覧) is not ours either.
      const refuse = looksLikeInjection(request.question) || (intent.aggregate !== null && asksAboutUnknown(engine, terms));
      if (intent.aggregate && !refuse) {
        const cites = new CitationList();
        const text = aggregate({ engine, view, intent, terms, question: request.question, region, cites, style, hits: await engine.retriever.searchPrograms(resolved.query, 12, weight) });
        if (text) return respond(text, cites);
      }

      const hits = await engine.retriever.search(resolved.query, CHUNKS, weight);
      const pinned = [...named.filter((p) => isSubject(engine, p, request.question, terms)), ...(named.length ? [] : [...view.officeNamed(request.question), ...view.shortened(request.question)])].filter(
        (p) => !region || servesRegion(p, region),
      );
      const ranked = rank(view, hits, [resolved.focus, ...pinned]);
      const top = ranked[0];
      const scope = judgeScope(engine, view, resolved.query, terms, ranked.slice(0, SCOPE_PROGRAMS).map((r) => r.program.id));
      // A program the question names, by its title, a shortening or its office, is what it asks about.
      if (!top || refuse || (!scope.answerable && !resolved.focus && named.length === 0 && pinned.length === 0)) {
        const summary = P.scopeSummary(view.programs.filter((p) => p.kind === 'program').map((p) => p.title), style);
        return respond(P.notCovered(scope.unknownProgram, summary, style), new CitationList(), false);
      }
      const cites = new CitationList();
      const parts = compose(engine, view, top, ranked, intent, terms, cues, region, cites, style);
      return respond(parts.join(style.lang === 'en' ? ' ' : ''), cites);
    },
  };
}

function compose(engine: SearchEngine, view: CatalogView, top: Ranked, ranked: Ranked[], intent: Intent, terms: QueryTerms, question: string, region: string | null, cites: CitationList, style: Style): string[] {
  const { program } = top;
  const out: string[] = [];
  const end = style.lang === 'en' ? '.' : '。';
  // A question about the whole program (its budget) gets all its contacts; otherwise those of the sub-item asked about.
  const contact = intent.budget ? { contacts: program.contacts, scope: null, chunk: top.best.chunk } : contactsFor(program, top, view.chunks(program.id));
  const say = (text: string, n: number) => out.push(`${text.replace(/[。.]$/, '')}[${n}]${end}`);
  const kind = intent.contact || intent.budget ? null : askedKind(besidesNames(question, [program.title]));
  const facts = askedFacts(kind, program);
  // Asked for what the program's document never states: say so and whom to ask, and quote nothing in its place.
  const unstated = kind !== null && facts.length === 0 && !view.chunks(program.id).some((c) => isQuotable(c) && kind.stated.test(passageForms(c).normalized));

  if (intent.budget && program.budget) {
    const chunk = view.chunks(program.id).find((c) => c.section === '予算')!;
    const n = cites.add(chunk);
    say(P.budgetIs(program.title, program.budget.fiscalYear, budgetText(program.budget, style), style), n);
    for (const note of program.budget.notes) say(note, n);
  } else if (intent.contact) {
    // Catalogs list one name several times (建設業許可 of each prefecture): each is named by where it is offered.
    const others = namesakes(view, program, region);
    const title = (p: Program) => (others.length ? `${p.title}（${offeredBy(p, style)}）` : p.title);
    if (contact.contacts.length) {
      const list = contactList(contact.contacts, style, contact.scope === null);
      say(P.contactIs(title(program), contact.scope, list, style), cites.add(contact.chunk, contact.contacts));
    }
    for (const other of others.filter((p) => p.contacts.length)) {
      const chunk = view.chunks(other.id).find((c) => c.section === CONTACT_SECTION) ?? view.chunks(other.id)[0]!;
      say(P.contactIs(title(other), null, contactList(other.contacts, style), style), cites.add(chunk, other.contacts));
    }
    if (!contact.contacts.length) {
      say(P.matches(title(program), style), cites.add(top.best.chunk));
      out.push(others.length ? P.noContactFor(title(program), style) : P.noContact(style));
    }
  } else if (unstated) {
    say(P.notStated(program.title, kind.name[style.lang], style), cites.add(top.best.chunk));
  } else if (facts.length) {
    const chunk = chunkStating(view.chunks(program.id), facts[0]!.text) ?? top.best.chunk;
    say(P.factIs(program.title, facts[0]!.label, flat(facts[0]!.text), style), cites.add(chunk));
    const others = [...new Set(facts.slice(1).map((f) => flat(f.text)))].filter((t) => t !== flat(facts[0]!.text)).slice(0, 3);
    if (others.length) say(P.factOthers(others, style), cites.add(chunkStating(view.chunks(program.id), facts[1]!.text) ?? chunk));
  } else {
    say(P.matches(program.title, style), cites.add(top.best.chunk));
  }

  if (!facts.length && !unstated && (!intent.budget || intent.figure)) {
    // Headings alone (a sub-item's name) are no answer.
    const sentences = bestSentences(engine, view, program.id, terms, intent, question).filter((s) => !s.heading && (s.text.length >= 15 || /\d/.test(s.text)));
    const wanted = intent.contact ? 1 : 2;
    // A second sentence when it is nearly as good, or when it too holds a figure in the unit asked for.
    const second = (s: (typeof sentences)[number]) => s.score >= 0.6 * sentences[0]!.score || (s.figure && s.score >= 0.3 * sentences[0]!.score);
    for (const s of sentences.slice(0, wanted).filter((s, i) => i === 0 || second(s))) {
      say(`${P.detailLead(style)}${s.text}`, cites.add(s.chunk));
    }
  }

  if (!intent.contact && program.kind === 'program') {
    if (contact.contacts.length) {
      const list = contactList(contact.contacts, style, contact.scope === null);
      say(P.contactsAre(list, contact.scope, style), cites.add(contact.chunk, contact.contacts));
    } else out.push(P.noContact(style));
  }

  const related = ranked.slice(1, 3).filter((r) => r.best.score >= RELATED_SHARE * top.best.score);
  if (related.length && !intent.contact && !intent.budget) {
    out.push(P.related(related.map((r) => `「${r.program.title}」[${cites.add(r.best.chunk)}]`).join(style.lang === 'en' ? ', ' : '、'), style));
  }
  return out;
}

/**
 * A prefecture asked about: only its own and nationwide programs are answered with, and of two that match
 * alike its own is the likelier to serve whoever named it.
 */
function regionWeight(view: CatalogView, prefecture: string): ChunkWeight {
  return (chunk) => {
    const p = view.program(chunk.programId);
    return p.region.includes(prefecture) ? OWN_PREFECTURE : p.region.length === 0 ? 1 : 0;
  };
}

/**
 * The question without the program names it holds: what it asks of a program, not what the program is
 * called (「取引先の支払条件改善のための融資制度」の貸付期間 asks for no 条件). As it is when it holds none.
 */
function besidesNames(question: string, titles: string[]): string {
  const names = titles.map(compact).filter(Boolean);
  const text = compact(question);
  if (!names.some((n) => text.includes(n))) return question;
  return names.reduce((t, n) => t.split(n).join('・'), text);
}

/**
 * Whether a program the question names is what it asks about: its name is quoted, or the name holds most of the
 * question's subject. 「障害者の雇用を推進するための支援策」 names 障害者の雇用 but asks for more than it.
 */
function isSubject(engine: SearchEngine, program: Program, question: string, terms: QueryTerms): boolean {
  const name = compact(program.title);
  for (const m of question.matchAll(/[「『]([^」』]+)[」』]/g)) if (compact(m[1]!) === name) return true;
  const inName = new Set(engine.analyzer.analyze(program.title).words);
  let total = 0;
  let named = 0;
  for (const w of subjectWords(terms)) {
    const weight = engine.lexical.idf('words', w);
    total += weight;
    if (inName.has(w)) named += weight;
  }
  return total === 0 || named / total >= NAMED_SUBJECT;
}

/** Other programs of the same name, in the region asked about (up to four). */
function namesakes(view: CatalogView, program: Program, region: string | null): Program[] {
  return view
    .sameName(program)
    .filter((p) => p.id !== program.id && (!region || servesRegion(p, region)))
    .slice(0, NAMESAKES);
}

/** Where a program is offered: its prefectures, else its 所管, else nationwide. */
function offeredBy(program: Program, style: Style): string {
  return program.region.length ? program.region.join('・') : (program.authority ?? (style.lang === 'en' ? 'nationwide' : '全国'));
}

/** The passage a fact was read from. */
function chunkStating(chunks: Chunk[], text: string): Chunk | undefined {
  const first = compact(text.split('\n')[0]!);
  return chunks.find((c) => passageForms(c).compact.includes(first));
}

/** A fact's lines as one line of an answer. */
function flat(text: string): string {
  return text.split(/\n+/).map((l) => l.trim()).filter(Boolean).join('、');
}

/** The contacts to give: those of the sub-item the question is about, else all the program's. */
function contactsFor(program: Program, top: Ranked, chunks: Chunk[]): { contacts: Contact[]; scope: string | null; chunk: Chunk } {
  const scoped = top.hits.find((h) => h.chunk.item?.startsWith('(') && h.chunk.contacts.length < program.contacts.length);
  if (scoped && scoped.score >= ITEM_SHARE * top.best.score) {
    const label = `${scoped.chunk.item} ${scoped.chunk.text.split('\n')[0]}`;
    return { contacts: scoped.chunk.contacts, scope: label, chunk: scoped.chunk };
  }
  return { contacts: program.contacts, scope: null, chunk: passageGiving(chunks, program.contacts) ?? top.best.chunk };
}

/**
 * The passage that writes the first contact's phone number (a PDF's last page, a record's 問い合わせ先), with
 * its office where one does; undefined when none writes the number.
 */
function passageGiving(chunks: Chunk[], contacts: Contact[]): Chunk | undefined {
  const first = contacts.find((c) => c.phone);
  if (!first) return undefined;
  const digits = first.phone!.replace(/\D/g, '');
  const giving = chunks.filter((c) => passageForms(c).digits.includes(digits));
  const office = compact(first.office);
  return giving.find((c) => passageForms(c).compact.includes(office)) ?? giving[0];
}

/** Chunk hits → programs, best first; programs the question or the conversation names come first. */
function rank(view: CatalogView, hits: Hit[], pinned: (Program | null)[]): Ranked[] {
  const byProgram = new Map<string, Ranked>();
  for (const hit of hits) {
    const r = byProgram.get(hit.chunk.programId);
    if (r) r.hits.push(hit);
    else byProgram.set(hit.chunk.programId, { program: view.program(hit.chunk.programId), best: hit, hits: [hit] });
  }
  // A document of many passages (a 75-page rulebook) has more chances to hold one that matches by chance than
  // a leaflet: its best passage counts for a little less.
  const chance = new Map([...byProgram.values()].map((r) => [r, r.best.score / (1 + PASSAGES_PRIOR * Math.log(Math.max(1, view.chunks(r.program.id).length)))]));
  const ranked = [...byProgram.values()].sort((a, b) => chance.get(b)! - chance.get(a)!);
  const first = pinned.filter((p): p is Program => p !== null).map((p) => p.id);
  for (const id of [...first].reverse()) {
    const at = ranked.findIndex((r) => r.program.id === id);
    if (at > 0) ranked.unshift(...ranked.splice(at, 1));
    if (at < 0) {
      const chunk = view.chunks(id)[0];
      if (chunk) ranked.unshift({ program: view.program(id), best: { chunk, score: ranked[0]?.best.score ?? 1 }, hits: [] });
    }
  }
  return ranked;
}
