import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFPageProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';

/** A run of text where pdf.js drew it, in page coordinates from the top left (y is the baseline, growing downwards). */
export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
  /** The font size as drawn. */
  size: number;
  /** Written top to bottom (a vertical table header such as 北海道). */
  vertical: boolean;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

export type PdfProblemCode = 'EMPTY' | 'PDF_ENCRYPTED' | 'PDF_INVALID' | 'PDF_NO_TEXT';
/** The pages read, and how many the document has (a damaged page is left out of `pages`). */
export type PdfPages = { pages: PdfPage[]; count: number } | { code: PdfProblemCode; reason: string; pages: number };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<{ pdfjs: PdfJs; assets: string }> | undefined;

/** pdf.js is loaded on the first PDF, so that a corpus without one never pays for it. */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; assets: string }> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => ({
    pdfjs,
    assets: dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  }));
  return loading;
}

/**
 * The positioned text of every page, or why there is none: an empty file, a password, a file pdf.js cannot
 * parse, or pages without a text layer (scans that need OCR). Never throws for bad input.
 *
 * @example const read = await readPdfPages(new Uint8Array(await readFile('leaflet.pdf')));
 */
export async function readPdfPages(bytes: Uint8Array): Promise<PdfPages> {
  if (bytes.length === 0) return { code: 'EMPTY', reason: 'empty file', pages: 0 };
  const { pdfjs, assets } = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js transfers the buffer it is given to its worker: hand it a copy so the caller's bytes stay usable.
    data: new Uint8Array(bytes),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    cMapUrl: join(assets, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(assets, 'standard_fonts') + '/',
    wasmUrl: join(assets, 'wasm') + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let doc: Awaited<typeof task.promise> | undefined;
  try {
    doc = await task.promise;
    const pages: PdfPage[] = [];
    let failure: unknown;
    for (let n = 1; n <= doc.numPages; n++) {
      // One damaged page costs its own text, not the document's.
      try {
        pages.push(await readPage(await doc.getPage(n), n));
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure !== undefined && pages.length === 0) throw failure;
    if (pages.length === 0) return { code: 'PDF_INVALID', reason: 'not a readable PDF: it has no pages', pages: 0 };
    if (!pages.some((p) => p.items.length > 0)) return { code: 'PDF_NO_TEXT', reason: 'no text layer: needs OCR', pages: pages.length };
    return { pages, count: doc.numPages };
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    // Without an onPassword callback pdf.js rejects with a PasswordException instead of waiting for one.
    if (name === 'PasswordException') return { code: 'PDF_ENCRYPTED', reason: 'encrypted: a password is needed', pages: 0 };
    const message = e instanceof Error ? e.message : String(e);
    return { code: 'PDF_INVALID', reason: `not a readable PDF (truncated or corrupt): ${message}`, pages: doc?.numPages ?? 0 };
  } finally {
    await (doc ? doc.destroy() : task.destroy());
  }
}

async function readPage(page: PDFPageProxy, number: number): Promise<PdfPage> {
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) => ('str' in item ? placed(item, viewport.transform) : []));
    return { number, width: viewport.width, height: viewport.height, items };
  } finally {
    page.cleanup();
  }
}

/** An item in the page's display coordinates (rotation and crop box applied); blank runs carry nothing. */
function placed(item: TextItem, view: number[]): PdfItem[] {
  const text = item.str.replace(/[\u2F00-\u2FDF\uF900-\uFAFF]/gu, (c) => c.normalize('NFKC'));
  if (!text.trim()) return [];
  const [a, b, c, d, e, f] = multiply(view, item.transform as number[]);
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
  return [{ text, x: e, y: f, width: item.width, size, vertical: item.dir === 'ttb' }];
}

function multiply(m: number[], n: number[]): [number, number, number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
  const [g = 0, h = 0, i = 0, j = 0, k = 0, l = 0] = n;
  return [a * g + c * h, b * g + d * h, a * i + c * j, b * i + d * j, a * k + c * l + e, b * k + d * l + f];
}
