import { defaultTreeAdapter, parse, type DefaultTreeAdapterMap, type DefaultTreeAdapterTypes as T, type TreeAdapter } from 'parse5';

export type Node = T.Node;
export type Element = T.Element;
export type TextNode = T.TextNode;

const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'footer', 'aside', 'iframe',
  'object', 'embed', 'canvas', 'button', 'select', 'textarea', 'head',
]);
const LANDMARKS = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary']);
const CHROME = /cookie|consent|gdpr|breadcrumb|topicpath|pankuzu/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// The main content, most specific first (the order of the HTML standard's landmarks, then CMS habits).
// #contents and #main_contents are what Japanese CMSs (and hand-made ministry pages) call it.
const CONTENT: ((e: Element) => boolean)[] = [
  (e) => e.tagName === 'main',
  (e) => e.tagName === 'article',
  (e) => attr(e, 'role') === 'main',
  (e) => attr(e, 'id') === 'main',
  (e) => attr(e, 'id') === 'content',
  (e) => hasClass(e, 'main'),
  (e) => hasClass(e, 'content'),
  (e) => /^(?:main[-_]?contents?|contents|tmp_contents)$/i.test(attr(e, 'id') ?? ''),
  (e) => hasClass(e, 'contents'),
];
// The header, footer and navigation of a page laid out before HTML5, by the ids such layouts give them.
const LAYOUT_ID = /^(?:header|footer|g-?nav|global-?nav(?:i|igation)?|side-?bar|local-?navi?|lnav|skip(?:-?link)?)$/i;
const FORMS = new WeakMap<Element, boolean>();

// Citations need the line where each text starts, nothing more: keeping parse5's full location objects on
// every element (start tag, end tag, attributes) nearly doubles the time of reading a large page.
const LINES_ONLY: TreeAdapter<DefaultTreeAdapterMap> = {
  ...defaultTreeAdapter,
  setNodeSourceCodeLocation(node, location) {
    if (location && (node.nodeName === '#text' || node.nodeName === 'img')) node.sourceCodeLocation = location;
  },
  updateNodeSourceCodeLocation() {},
};

/** Parses a page as a browser does (the HTML standard's error recovery), text nodes carrying their source line. */
export function parseHtml(text: string): T.Document {
  return parse(text, { sourceCodeLocationInfo: true, treeAdapter: LINES_ONLY });
}

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function isText(node: Node): node is TextNode {
  return node.nodeName === '#text';
}

export function attr(e: Element, name: string): string | null {
  return e.attrs.find((a) => a.name === name)?.value ?? null;
}

function hasClass(e: Element, name: string): boolean {
  return (attr(e, 'class') ?? '').split(/\s+/).includes(name);
}

export function isHeading(e: Element): boolean {
  return HEADINGS.has(e.tagName);
}

/**
 * Visits a subtree in document order without recursion (broken markup can nest thousands deep): `enter`
 * returning false skips the node's children; `leave` runs after them.
 */
export function walk(root: Node, enter: (n: Node) => boolean | void, leave?: (n: Node) => void): void {
  // Parallel stacks, not an object per node: a 5 MB page has half a million nodes.
  const nodes: Node[] = [root];
  const left: boolean[] = [false];
  while (nodes.length) {
    const node = nodes.pop()!;
    if (left.pop()) {
      leave!(node);
      continue;
    }
    if (enter(node) === false) continue;
    if (leave) {
      nodes.push(node);
      left.push(true);
    }
    if (!('childNodes' in node)) continue;
    for (let i = node.childNodes.length - 1; i >= 0; i--) {
      nodes.push(node.childNodes[i]!);
      left.push(false);
    }
  }
}

/**
 * Site chrome and what a reader never sees: scripts and styles, navigation, the page's header and footer
 * (<header>, or <div id="header"> in an older layout), forms, hidden elements, cookie banners and breadcrumbs. A header inside an article or section is that
 * part's own header (the HTML standard gives it no banner role), and a form holding headings is the
 * ASP.NET page wrapper, not a form.
 */
export function isDropped(e: Element): boolean {
  if (DROPPED.has(e.tagName)) return true;
  if (e.tagName === 'header' && !within(e, ['main', 'article', 'section'])) return true;
  if (e.tagName === 'form') {
    if (!FORMS.has(e)) FORMS.set(e, !contains(e, isHeading));
    if (FORMS.get(e)) return true;
  }
  const role = attr(e, 'role');
  if (role && LANDMARKS.has(role)) return true;
  if (attr(e, 'hidden') !== null || attr(e, 'aria-hidden') === 'true') return true;
  if (HIDDEN_STYLE.test(attr(e, 'style') ?? '')) return true;
  const id = attr(e, 'id') ?? '';
  return LAYOUT_ID.test(id) || CHROME.test(`${id} ${attr(e, 'class') ?? ''}`);
}

function within(e: Element, tags: string[]): boolean {
  for (let p = e.parentNode; p && isElement(p); p = p.parentNode) if (tags.includes(p.tagName)) return true;
  return false;
}

/** Whether a kept element below `root` satisfies `test`. */
export function contains(root: Node, test: (e: Element) => boolean): boolean {
  let found = false;
  walk(root, (n) => {
    if (found || (n !== root && isElement(n) && isDropped(n))) return false;
    if (n !== root && isElement(n) && test(n)) found = true;
    return !found;
  });
  return found;
}

/** All kept elements satisfying `test`, outermost only, in document order. */
export function findAll(root: Node, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  walk(root, (n) => {
    if (!isElement(n)) return 'childNodes' in n;
    if (isDropped(n)) return false;
    if (test(n)) {
      out.push(n);
      return false;
    }
    return true;
  });
  return out;
}

/** The page's main content: the elements of the first landmark it has, else its body. */
export function mainContent(document: Node): Element[] {
  const body = findAll(document, (e) => e.tagName === 'body');
  for (const test of CONTENT) {
    const found = body.flatMap((b) => findAll(b, test));
    if (found.length) return found;
  }
  return body;
}

/** The text of the document's `<title>`. */
export function titleText(document: Node): string {
  let title: Element | undefined;
  walk(document, (n) => {
    if (title || (isElement(n) && (n.tagName === 'svg' || n.tagName === 'body'))) return false;
    if (isElement(n) && n.tagName === 'title') title = n;
    return !title;
  });
  return title ? title.childNodes.map((c) => (isText(c) ? c.value : '')).join('') : '';
}
