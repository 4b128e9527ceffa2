import { CLOSE, collapse, hasText, KEPT_HREF, OPEN, renderLinks, URL } from './html-text.js';
import { attr, isDropped, isElement, isHeading, isText, walk, type Element, type Node } from './html-tree.js';

/** A line of a page's text, with its links marked (see renderLinks) until its section says whether to keep them. */
export interface HtmlLine {
  kind: 'line';
  text: string;
  /** A table row's cells, as marked text; null for any other line. */
  cells: string[] | null;
  /** 1-based source lines where the line's first and last text nodes start. */
  first: number;
  last: number;
  /** Lines of one paragraph (a <p>, a list item, a <dd>, lines broken by <br>) share it. */
  para: number;
}

export interface HtmlHeading {
  kind: 'heading';
  level: number;
  text: string;
  line: number;
}

export type HtmlItem = HtmlLine | HtmlHeading;

const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img', 'ins',
  'kbd', 'label', 'mark', 'nobr', 'q', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr', 'rb',
]);
// Furigana: 補助金<rt>ほじょきん</rt> is read as 補助金.
const UNREAD = new Set(['rt', 'rp']);

/**
 * The headings and text lines of a page's main content, in document order: a paragraph, a `<br>`-broken
 * line, a list item (・…), a `<dt>：<dd>` pair and a `<pre>` line are each a line; a table row is one line
 * of its cells joined with ' | '.
 */
export function readLines(roots: Element[]): HtmlItem[] {
  const items: HtmlItem[] = [];
  let buf = '';
  let [first, last, para, pre, flushed] = [0, 0, 0, 0, 0];
  let prefix = { text: '', line: 0 };
  let term: { text: string; first: number; last: number; used: boolean } | null = null;
  const links: { a: Element; flushed: number; href: string }[] = [];

  const flush = () => {
    const text = collapse(buf);
    if (hasText(text)) {
      const start = prefix.line || first;
      items.push({ kind: 'line', text: prefix.text + text, cells: null, first: start, last: last || start, para });
      prefix = { text: '', line: 0 };
      flushed++;
    }
    [buf, first, last] = ['', 0, 0];
  };
  const add = (s: string, line: number) => {
    buf += s;
    if (/\S/.test(s) && line) [first, last] = [first || line, line];
  };
  const closeTerm = () => {
    if (term && !term.used) items.push({ kind: 'line', text: term.text, cells: null, first: term.first, last: term.last, para: ++para });
    term = null;
  };
  const block = () => {
    flush();
    para++;
  };

  const enter = (n: Node): boolean => {
    if (isText(n)) {
      const line = n.sourceCodeLocation?.startLine ?? 0;
      if (!pre) add(n.value, line);
      else {
        const parts = n.value.split('\n');
        for (let i = 0; i < parts.length; i++) {
          if (i > 0) flush();
          add(parts[i]!, line && line + i);
        }
      }
      return false;
    }
    if (!isElement(n)) return 'childNodes' in n;
    const tag = n.tagName;
    if (isDropped(n) || UNREAD.has(tag) || tag === 'img') return false;
    if (isHeading(n)) {
      block();
      closeTerm();
      const h = inline(n, true);
      if (h.text) items.push({ kind: 'heading', level: Number(tag[1]), text: renderLinks(h.text, false), line: h.first });
      return false;
    }
    if (tag === 'tr') {
      block();
      const cells = n.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th') && !isDropped(c));
      const read = cells.map((c) => inline(c, false)).filter((c) => hasText(c.text));
      if (read.length) {
        const texts = read.map((c) => c.text);
        items.push({ kind: 'line', text: texts.join(' | '), cells: texts, first: read[0]!.first, last: read.at(-1)!.last, para });
      }
      return false;
    }
    if (tag === 'dt') {
      block();
      closeTerm();
      const t = inline(n, false);
      term = t.text ? { ...t, used: false } : null;
      return false;
    }
    if (tag === 'br') {
      flush();
      return false;
    }
    if (tag === 'a') {
      const href = (attr(n, 'href') ?? '').trim();
      if (KEPT_HREF.test(href)) {
        links.push({ a: n, flushed, href });
        buf += OPEN;
      }
      return true;
    }
    if (INLINE.has(tag)) return true;
    block();
    if (tag === 'li') prefix = { text: '・', line: 0 };
    if (tag === 'dd' && term) [prefix, term.used] = [{ text: `${term.text}：`, line: term.first }, true];
    if (tag === 'pre') pre++;
    return true;
  };

  const leave = (n: Node) => {
    if (!isElement(n) || INLINE.has(n.tagName)) {
      // A link broken over lines by blocks inside it keeps its text only: its opening mark is left unmatched.
      if (isElement(n) && links.at(-1)?.a === n) {
        const { flushed: at, href } = links.pop()!;
        if (at === flushed) buf += URL + href + CLOSE;
      }
      return;
    }
    block();
    if (n.tagName === 'li' || n.tagName === 'dd') prefix = { text: '', line: 0 };
    if (n.tagName === 'dl') closeTerm();
    if (n.tagName === 'pre') pre--;
  };

  for (const root of roots) walk(root, (n) => (n === root && isElement(n) ? true : enter(n)), leave);
  flush();
  closeTerm();
  return items;
}

/**
 * An element's text on one line (a heading, a table cell, a <dt>), links marked; `alt` reads images' alt
 * text, as a heading drawn as an image names itself by it.
 */
function inline(e: Element, alt: boolean): { text: string; first: number; last: number } {
  let [text, first, last] = ['', 0, 0];
  const mark = new Map<Element, string>();
  walk(
    e,
    (n) => {
      if (isText(n)) {
        text += n.value;
        const line = n.sourceCodeLocation?.startLine ?? 0;
        if (/\S/.test(n.value) && line) [first, last] = [first || line, line];
        return false;
      }
      if (!isElement(n)) return false;
      if (n !== e && (isDropped(n) || UNREAD.has(n.tagName))) return false;
      if (n.tagName === 'img') {
        const a = alt ? (attr(n, 'alt') ?? '').trim() : '';
        const line = n.sourceCodeLocation?.startLine ?? 0;
        if (a) [text, first, last] = [`${text} ${a} `, first || line, line];
        return false;
      }
      if (!INLINE.has(n.tagName)) text += ' ';
      const href = n.tagName === 'a' ? (attr(n, 'href') ?? '').trim() : '';
      if (KEPT_HREF.test(href)) {
        mark.set(n, href);
        text += OPEN;
      }
      return true;
    },
    (n) => {
      if (!isElement(n)) return;
      const href = mark.get(n);
      if (href) text += URL + href + CLOSE;
      else if (!INLINE.has(n.tagName)) text += ' ';
    },
  );
  return { text: collapse(text), first, last };
}
