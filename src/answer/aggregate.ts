import type { Program } from '../catalog.js';
import type { Hit } from '../retrieve/retriever.js';
import type { SearchEngine } from '../retrieve/engine.js';
import { compact } from '../text/normalize.js';
import type { QueryTerms } from '../text/synonyms.js';
import type { CatalogView } from './catalog-view.js';
import type { CitationList } from './citations.js';
import type { Intent } from './intent.js';
import { P, yenText, type Style } from './phrases.js';
import { RANKING_WORDS } from './rank-spec.js';
import { rankingAnswer, rankPrograms } from './rankings.js';
import { subjectWords } from './scope.js';

// Matched after NFKC: full-width digits are ASCII by then.
const COUNT = /([0-9]+|[一二三四五六七八九十])(?:つ|件|事業)/;
const KANJI_DIGITS = '一二三四五六七八九十';
const ALL = /すべて|全て|全部|全事業|\ball\b/i;
const AGGREGATE_WORDS = new Set(['合計', '概算', '要求', '額', '事業', '制度', '関連', 'つ', '件', '合わせる', '足す', '新規', '一覧', '全部', 'すべて', '全て', 'ある', '数']);
/** A list longer than this names its first programs and counts the rest. */
const LISTED = 20;

export interface AggregateQuestion {
  engine: SearchEngine;
  view: CatalogView;
  intent: Intent;
  terms: QueryTerms;
  question: string;
  /** The prefecture asked about: only programs of that prefecture are listed or counted. */
  region: string | null;
  cites: CitationList;
  style: Style;
  /** The best programs for the question, for "these N programs". */
  hits: Hit[];
}

/**
 * Catalog questions computed from the structured records: sums of budgets, new programs, the list and its
 * count, rankings and comparisons of budgets — of a 所管 or prefecture the question names, and of a topic.
 * Null when the records cannot answer it.
 *
 * @example aggregate({ ...question, question: '概算要求額が最も少ない事業はどれですか' }) // '令和2年度概算要求額が最も少ない事業は「…」0.6億円[1]です。'
 */
export function aggregate({ view, intent, terms, question, region, cites, style, hits }: AggregateQuestion): string | null {
  const authority = namedAuthority(view.programs, question);
  const scoped = view.programs.filter(
    (p) => p.kind === 'program' && (!region || p.region.includes(region)) && (!authority || (p.authority !== null && compact(p.authority).includes(authority))),
  );
  const budgeted = scoped.filter((p) => p.budget);
  const budgetChunk = (p: Program) => view.chunks(p.id).find((c) => c.section === '予算')!;
  const item = (p: Program) => (p.budget ? `「${p.title}」${yenText(p.budget.requested)}[${cites.add(budgetChunk(p))}]` : `「${p.title}」[${cites.add(view.chunks(p.id)[0]!)}]`);
  const join = (xs: string[]) => xs.join(style.lang === 'en' ? ', ' : '、');

  if (intent.aggregate === 'new') {
    const fresh = budgeted.filter((p) => p.budget!.isNew);
    return fresh.length ? P.newOnes(join(fresh.map(item)), style) : null;
  }
  // The prefecture and the 所管 have chosen the programs already: they are not the topic.
  const chosenBy = [region, authority].filter((x): x is string => x !== null).map(compact);
  const topic = subjectWords(terms).filter(
    (w) => !AGGREGATE_WORDS.has(w) && !RANKING_WORDS.has(w) && !/^[\d.〇一二三四五六七八九十百千万億]+$/.test(w) && !chosenBy.some((c) => c.includes(compact(w))),
  );
  const expansions = terms.origins.filter((o) => topic.some((w) => compact(o.trigger).includes(w))).map((o) => o.expansion);
  const forms = [...topic, ...expansions].map(compact).filter((t) => t.length > 1);
  const pool = intent.aggregate === 'list' ? scoped : budgeted;
  // "X関連の事業": programs whose title names X, else those whose text does.
  const inTitle = pool.filter((p) => forms.some((f) => compact(p.title).includes(f)));
  const inText = pool.filter((p) => forms.some((f) => view.programWords(p.id).has(f) || view.programText(p.id).includes(f)));
  const onTopic = inTitle.length >= 2 ? inTitle : inText;
  // A ranking is over the whole catalog unless its topic picks some programs out (省エネ関連で一番大きい).
  const rankable = inTitle.length ? inTitle : inText.length ? inText : pool;

  if (intent.aggregate === 'rank' && intent.rank) {
    return rankingAnswer({ programs: rankable, spec: intent.rank, cite: (p) => cites.add(budgetChunk(p)), style });
  }

  if (intent.aggregate === 'list') {
    const listed = forms.length && onTopic.length ? onTopic : pool;
    if (listed.length === 0) return null;
    const shown = listed.slice(0, LISTED).map(item);
    return P.listAll(listed.length, join(shown), listed.length - shown.length, style);
  }
  // 10億円以上の事業の合計, 上位3事業の合計: the ranking chooses what is summed.
  let chosen = intent.rank ? rankPrograms(rankable, intent.rank) : ALL.test(question) ? budgeted : onTopic;
  const m = COUNT.exec(question.normalize('NFKC'));
  const count = m ? (KANJI_DIGITS.includes(m[1]!) ? KANJI_DIGITS.indexOf(m[1]!) + 1 : Number(m[1])) : null;
  if (!intent.rank && count && chosen.length !== count) {
    chosen = hits.map((h) => view.program(h.chunk.programId)).filter((p) => p.kind === 'program' && p.budget).slice(0, count);
  }
  if (chosen.length < 2) return null;
  chosen.sort((a, b) => b.budget!.requested - a.budget!.requested);
  const total = chosen.reduce((s, p) => s + p.budget!.requested, 0);
  const label = style.lang === 'en' ? `these ${chosen.length} programs` : `次の${chosen.length}事業`;
  return P.sum(label, yenText(total), join(chosen.map(item)), style);
}

/** The longest 所管 of the catalog that the question names (中小企業庁, 静岡県 …), compact; null when none. */
function namedAuthority(programs: Program[], question: string): string | null {
  const q = compact(question);
  let best: string | null = null;
  for (const p of programs) {
    for (const name of (p.authority ?? '').split(/\s+/).map(compact)) {
      if (name.length >= 2 && q.includes(name) && (!best || name.length > best.length)) best = name;
    }
  }
  return best;
}
