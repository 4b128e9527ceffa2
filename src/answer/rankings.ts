import type { Program } from '../catalog.js';
import { P, yenText, type Style } from './phrases.js';
import type { Bound, Ranking } from './rank-spec.js';

/** A list longer than this names its first programs and counts the rest. */
const LISTED = 20;
/** Amounts are written to 0.1億円: closer than this they are the same amount. */
const SAME = 1e-6;

export interface RankingQuestion {
  /** The programs in question (of the 所管, prefecture or topic asked about), each with a budget. */
  programs: Program[];
  spec: Ranking;
  /** Cites a program's budget passage; returns its [n]. */
  cite: (program: Program) => number;
  style: Style;
}

/**
 * The programs that qualify for a ranking, in its order, cut to its count; programs tied with the last
 * one kept stay in, since choosing between equal amounts would be arbitrary.
 *
 * @example rankPrograms(programs, { order: 'desc', by: 'amount', count: 1, nth: null, min: null, max: null, status: null, change: null }) // [the largest request]
 */
export function rankPrograms(programs: Program[], spec: Ranking): Program[] {
  const key = (p: Program) => {
    const { requested, previous } = p.budget!;
    return spec.by === 'amount' ? requested : spec.change === 'down' ? previous! - requested : requested - previous!;
  };
  const sorted = programs
    .filter((p) => p.budget && qualifies(p, spec))
    // Stable: equal amounts keep the documents' order.
    .sort((a, b) => (spec.order === 'desc' ? key(b) - key(a) : key(a) - key(b)));
  if (spec.nth) {
    const at = sorted[spec.nth - 1];
    return at ? sorted.filter((p) => Math.abs(key(p) - key(at)) < SAME) : [];
  }
  if (spec.count === null || sorted.length <= spec.count) return sorted;
  const edge = key(sorted[spec.count - 1]!);
  return sorted.filter((p, i) => i < spec.count! || Math.abs(key(p) - edge) < SAME);
}

/**
 * A ranking answered from the records, each program with its amount and its budget passage cited, the top
 * of the ranking first. Says so when no program qualifies; null when there is nothing to rank.
 *
 * @example rankingAnswer({ programs, spec: { order: 'asc', by: 'amount', count: 1, … }, cite, style }) // '令和2年度概算要求額が最も少ない事業は「…」0.6億円[1]です。'
 */
export function rankingAnswer({ programs, spec, cite, style }: RankingQuestion): string | null {
  const within = [
    spec.min && P.rankBound(spec.min.inclusive ? 'ge' : 'gt', written(spec.min), style),
    spec.max && P.rankBound(spec.max.inclusive ? 'le' : 'lt', written(spec.max), style),
  ].filter((b): b is string => b !== null);
  const exact = rankPrograms(programs, spec);
  // 新規で3番目に大きい, of two new programs: there is no such place, so the programs there are.
  const shape: Ranking = exact.length ? spec : { ...spec, count: null, nth: null };
  const ranked = exact.length ? exact : rankPrograms(programs, shape);
  if (ranked.length === 0) {
    const none = P.rankPool(spec.status, within, spec.change, style);
    return none ? P.rankNone(none, style) : null;
  }
  // Ranked by the change, the programs are those that changed so: the measure says so already.
  const pool = P.rankPool(shape.status, within, shape.by === 'change' ? null : shape.change, style);

  const years = new Set(ranked.map((p) => p.budget!.fiscalYear));
  const year = years.size === 1 ? [...years][0]! : null;
  const measure = P.rankMeasure(shape.by === 'change' ? shape.change : null, year, style);
  // Where the question is about the change, each amount shows the previous year's beside it.
  const withChange = shape.by === 'change' || shape.change !== null;
  const shown = ranked.slice(0, LISTED);
  const items = shown
    .map((p) => `「${p.title}」${withChange ? P.rankChange(p.budget!.requested, p.budget!.previous, style) : yenText(p.budget!.requested)}[${cite(p)}]`)
    .join(style.lang === 'en' ? ', ' : '、');
  if (shape.nth) return P.rankNth(pool, measure, shape.order, shape.nth, items, style);
  if (shape.count === 1) return P.rankOne(pool, measure, shape.order, items, ranked.length, style);
  if (shape.count !== null) return P.rankFirst(pool, measure, shape.order, shape.count, items, ranked.length, style);
  return P.rankAll(pool, measure, shape.order, ranked.length, items, ranked.length - shown.length, style);
}

function qualifies(p: Program, spec: Ranking): boolean {
  const { requested, previous, isNew } = p.budget!;
  const within = (b: Bound | null, side: 1 | -1) => !b || (b.inclusive ? side * (requested - b.value) >= -SAME : side * (requested - b.value) > SAME);
  if (!within(spec.min, 1) || !within(spec.max, -1)) return false;
  if (spec.status === 'new' && !isNew) return false;
  if (spec.status === 'continuing' && isNew) return false;
  if (spec.change === null) return true;
  if (previous === null) return false;
  const d = requested - previous;
  return spec.change === 'up' ? d > SAME : spec.change === 'down' ? d < -SAME : Math.abs(d) <= SAME;
}

/** A bound as a person writes it: 10億円, 5000万円. */
function written(b: Bound): string {
  return b.value >= 1 || b.value === 0 ? `${Number(b.value.toFixed(4))}億円` : `${Number((b.value * 10_000).toFixed(2))}万円`;
}
