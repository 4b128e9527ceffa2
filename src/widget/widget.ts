/**
 * The embeddable chat widget: one script tag, no framework, everything inside a Shadow DOM.
 *
 *   <script src="https://HOST/widget.js" data-endpoint="https://HOST" defer></script>
 *
 * Optional: data-title, data-mode="draft" (help-desk view with a copy button), data-lang="en",
 * data-key (an API key, when the server sets API_KEYS).
 * Theme with CSS custom properties on the page: --madoguchi-accent, --madoguchi-bg, --madoguchi-fg,
 * --madoguchi-font. Answers, snippets and questions are only ever inserted as text.
 */

interface Contact {
  office: string;
  phone: string | null;
  scope: string | null;
  extension?: string;
  email?: string;
  url?: string;
  hours?: string;
}
interface Citation {
  n: number;
  program: { id: string; title: string };
  section: string;
  snippet: string;
  contacts: Contact[];
}
interface Answer {
  /** The answer's id, for feedback. */
  id?: string;
  answer: string;
  answerable: boolean;
  citations: Citation[];
}
type Rating = 'up' | 'down';
interface Message {
  role: 'user' | 'assistant';
  content: string;
  result?: Answer;
  rating?: Rating;
  /** Whether a comment was sent with the 👎. */
  commented?: boolean;
}

const TEXT = {
  ja: {
    title: '支援制度の窓口',
    open: '窓口に質問する',
    close: '閉じる',
    reset: '新しい会話',
    input: '質問を入力',
    placeholder: '例：省エネ診断の問い合わせ先は？（Shift+Enterで改行）',
    send: '送信',
    copy: '下書きをコピー',
    copied: 'コピーしました',
    noContact: 'この資料に問い合わせ先の記載はありません',
    notCovered: '資料に記載がありません',
    sources: '出典',
    thinking: '回答を作成しています…',
    busy: '混み合っています。しばらくしてからもう一度お試しください。',
    server: 'サーバーで問題が発生しました。時間をおいてお試しください。',
    offline: '接続できません。ネットワークをご確認ください。',
    refused: '送信できませんでした',
    greeting: '支援制度について、ご質問をどうぞ。',
    up: '役に立った',
    down: '役に立たなかった',
    comment: 'よろしければ、足りなかった点をお書きください',
    sendComment: 'コメントを送る',
    thanks: 'ご意見ありがとうございます',
    feedbackFailed: 'ご意見を送れませんでした。時間をおいてお試しください。',
  },
  en: {
    title: 'Support programs help desk',
    open: 'Ask the help desk',
    close: 'Close',
    reset: 'New conversation',
    input: 'Your question',
    placeholder: 'e.g. Which office handles the energy audit? (Shift+Enter for a new line)',
    send: 'Send',
    copy: 'Copy draft',
    copied: 'Copied',
    noContact: 'This document names no contact office',
    notCovered: 'Not covered by the documents',
    sources: 'Sources',
    thinking: 'Preparing the answer…',
    busy: 'Too many requests. Please try again in a moment.',
    server: 'The server had a problem. Please try again later.',
    offline: 'Cannot connect. Please check your network.',
    refused: 'The question could not be sent',
    greeting: 'Ask about support programs.',
    up: 'Helpful',
    down: 'Not helpful',
    comment: 'What was missing? (optional)',
    sendComment: 'Send comment',
    thanks: 'Thank you for your feedback',
    feedbackFailed: 'Your feedback could not be sent. Please try again later.',
  },
};

const STYLE = `
:host{all:initial}
.root{font-family:var(--madoguchi-font,system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif);font-size:15px;line-height:1.6;color:var(--madoguchi-fg,#1f2328);text-align:left}
*{box-sizing:border-box}
button{font:inherit;cursor:pointer}
.launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:block;border:0;border-radius:999px;padding:12px 18px;background:var(--madoguchi-accent,#0b5cad);color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.panel{position:fixed;z-index:2147483000;right:max(8px,min(16px,100vw - 408px));bottom:76px;width:min(400px,calc(100vw - 16px));height:min(620px,calc(100vh - 96px));display:flex;flex-direction:column;background:var(--madoguchi-bg,#fff);border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}
.panel[hidden]{display:none}
header{display:flex;align-items:center;gap:8px;padding:10px 12px;background:var(--madoguchi-accent,#0b5cad);color:#fff}
header h2{flex:1;margin:0;font-size:16px}
header button{border:1px solid rgba(255,255,255,.6);background:transparent;color:#fff;border-radius:6px;padding:2px 8px;font-size:13px}
.log{flex:1;overflow-y:auto;padding:12px;margin:0;list-style:none}
.msg{margin:0 0 12px;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-break:break-word}
.user{background:#e8f0fb;margin-left:15%}
.assistant{background:#f4f5f7;margin-right:5%}
.unanswerable{border-left:4px solid #b35900}
.tag{display:inline-block;font-size:12px;color:#b35900;margin-bottom:4px}
.cites{list-style:none;margin:8px 0 0;padding:0}
.card{margin:6px 0 0;padding:8px;border:1px solid #d0d7de;border-radius:8px;background:#fff;white-space:normal;font-size:13px}
.card:target{outline:2px solid var(--madoguchi-accent,#0b5cad)}
.card strong{display:block}
.card a,.msg a{color:var(--madoguchi-accent,#0b5cad)}
.muted{color:#57606a}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #d0d7de}
textarea{flex:1;resize:none;min-height:44px;max-height:120px;font:inherit;padding:8px;border:1px solid #8c959f;border-radius:8px}
form button,.copy{border:0;border-radius:8px;padding:8px 14px;background:var(--madoguchi-accent,#0b5cad);color:#fff}
.copy{margin-top:6px;padding:4px 10px;font-size:13px}
.alert{margin:0;padding:8px 12px;background:#fff1e5;color:#8a3c00;font-size:14px}
.alert:empty{display:none}
.rate{display:flex;gap:6px;margin-top:6px}
.rate button{border:1px solid #8c959f;background:#fff;border-radius:6px;padding:2px 10px;font-size:15px;line-height:1.4}
.rate button[aria-pressed="true"]{background:#e8f0fb;border-color:var(--madoguchi-accent,#0b5cad)}
form.comment{padding:6px 0 0;border:0;flex-wrap:wrap}
form.comment textarea{min-height:56px;background:#fff}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:3px solid #f0a000;outline-offset:2px}
`;

function start(script: HTMLScriptElement | null): void {
  const data = script?.dataset ?? {};
  const lang = data.lang === 'en' ? 'en' : 'ja';
  const t = TEXT[lang];
  const mode = data.mode === 'draft' ? 'draft' : 'answer';
  const endpoint = (data.endpoint || (script?.src ? new URL(script.src).origin : location.origin)).replace(/\/+$/, '');
  const storeKey = `madoguchi:${endpoint}:${mode}`;

  // A tag of its own: the page's element selectors (div, section …) never reach it; inherited fonts and
  // colours that `*` rules force onto it stop at .root inside.
  const host = document.createElement('madoguchi-widget');
  host.setAttribute('data-madoguchi', '');
  const root = host.attachShadow({ mode: 'open' });
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const style = el('style', {}, STYLE);
  const launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'madoguchi-panel' }, t.open);
  const panel = el('section', { class: 'panel', id: 'madoguchi-panel', role: 'dialog', 'aria-label': data.title || t.title, hidden: '' });
  const header = el('header');
  const heading = el('h2', {}, data.title || t.title);
  const reset = el('button', { type: 'button' }, t.reset);
  const close = el('button', { type: 'button', 'aria-label': t.close }, '×');
  header.append(heading, reset, close);
  const alert = el('p', { class: 'alert', role: 'alert' });
  const log = el('ol', { class: 'log', 'aria-label': data.title || t.title });
  const live = el('div', { class: 'sr', 'aria-live': 'polite' });
  const form = el('form');
  const input = el('textarea', { 'aria-label': t.input, placeholder: t.placeholder, rows: '2', maxlength: '2000' });
  const send = el('button', { type: 'submit' }, t.send);
  form.append(input, send);
  panel.append(header, alert, log, live, form);
  const wrapper = el('div', { class: 'root' });
  wrapper.append(panel, launcher);
  root.append(style, wrapper);
  document.body.appendChild(host);

  let messages: Message[] = load();
  let busy = false;
  let composing = false;
  render();

  function load(): Message[] {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storeKey) ?? '[]');
      return Array.isArray(saved) ? saved : [];
    } catch {
      return [];
    }
  }
  function save(): void {
    try {
      sessionStorage.setItem(storeKey, JSON.stringify(messages));
    } catch {
      // Storage full or blocked: the conversation still works for this page.
    }
  }

  function setOpen(open: boolean): void {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) input.focus();
    else launcher.focus();
  }
  launcher.addEventListener('click', () => setOpen(panel.hidden));
  close.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') setOpen(false);
  });
  reset.addEventListener('click', () => {
    messages = [];
    save();
    render();
    input.focus();
  });

  // Enter sends; Enter that confirms a kana→kanji conversion never does; Shift+Enter is a new line.
  input.addEventListener('compositionstart', () => (composing = true));
  input.addEventListener('compositionend', () => setTimeout(() => (composing = false), 0));
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey) return;
    if (e.isComposing || composing || e.keyCode === 229) return;
    e.preventDefault();
    form.requestSubmit();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const question = input.value.trim();
    if (question && !busy) void ask(question);
  });

  async function ask(question: string): Promise<void> {
    busy = true;
    send.disabled = true;
    alert.textContent = '';
    const history = messages.slice(-20).map(({ role, content }) => ({ role, content }));
    messages.push({ role: 'user', content: question });
    input.value = '';
    render();
    const bubble = el('li', { class: 'msg assistant', 'aria-busy': 'true' }, t.thinking);
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
    try {
      const res = await fetch(`${endpoint}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(data.key ? { authorization: `Bearer ${data.key}` } : {}) },
        body: JSON.stringify({ question, history, mode }),
      });
      if (!res.ok || !res.body) throw new HttpError(res.status, await errorMessage(res));
      const result = await readStream(res.body, (text) => {
        if (bubble.getAttribute('aria-busy')) bubble.textContent = '';
        bubble.removeAttribute('aria-busy');
        bubble.append(text);
        log.scrollTop = log.scrollHeight;
      });
      messages.push({ role: 'assistant', content: result.answer, result });
      save();
      render();
      // Show the new answer from its first line, not its last citation card.
      const last = log.lastElementChild;
      if (last) log.scrollTop += last.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
      live.textContent = result.answer;
    } catch (e) {
      messages.pop();
      input.value = question;
      render();
      alert.textContent = e instanceof HttpError ? (e.status === 429 ? t.busy : e.status >= 500 ? t.server : `${t.refused}: ${e.message}`) : t.offline;
    } finally {
      busy = false;
      send.disabled = false;
    }
  }

  function render(): void {
    log.replaceChildren();
    if (messages.length === 0) log.appendChild(el('li', { class: 'msg assistant muted' }, t.greeting));
    messages.forEach((m, i) => log.appendChild(m.role === 'user' ? el('li', { class: 'msg user' }, m.content) : answerView(m, i)));
    log.scrollTop = log.scrollHeight;
  }

  function answerView(m: Message, index: number): HTMLElement {
    const result = m.result ?? { answer: m.content, answerable: true, citations: [] };
    const item = el('li', { class: `msg assistant${result.answerable ? '' : ' unanswerable'}` });
    if (!result.answerable) item.appendChild(el('span', { class: 'tag' }, t.notCovered));
    const body = el('div');
    // [n] markers become links to their citation card; everything else stays text.
    for (const part of result.answer.split(/(\[\d+\])/)) {
      const n = /^\[(\d+)\]$/.exec(part)?.[1];
      if (n && result.citations.some((c) => c.n === Number(n))) {
        body.appendChild(el('a', { href: `#cite-${index}-${n}`, 'aria-label': `${t.sources} ${n}` }, part));
      } else body.append(part);
    }
    item.appendChild(body);
    if (mode === 'draft' && result.answerable) {
      const copy = el('button', { type: 'button', class: 'copy' }, t.copy);
      copy.addEventListener('click', async () => {
        await copyText(result.answer);
        copy.textContent = t.copied;
      });
      item.appendChild(copy);
    }
    if (result.citations.length) {
      const list = el('ol', { class: 'cites', 'aria-label': t.sources });
      for (const c of result.citations) list.appendChild(card(c, index));
      item.appendChild(list);
    }
    if (result.id) item.appendChild(rating(m, result.id));
    return item;
  }

  // 👍/👎 under an answer; 👎 opens a comment box and moves focus into it. Updated in place, so focus stays.
  function rating(m: Message, id: string): HTMLElement {
    const box = el('div', { class: 'feedback' });
    const buttons = el('div', { class: 'rate', role: 'group', 'aria-label': `${t.up} / ${t.down}` });
    const up = el('button', { type: 'button', 'aria-label': t.up, title: t.up }, '👍');
    const down = el('button', { type: 'button', 'aria-label': t.down, title: t.down }, '👎');
    buttons.append(up, down);
    box.appendChild(buttons);
    const pressed = () => {
      up.setAttribute('aria-pressed', String(m.rating === 'up'));
      down.setAttribute('aria-pressed', String(m.rating === 'down'));
    };
    pressed();
    let comment: HTMLFormElement | null = null;
    const openComment = (focus: boolean) => {
      if (comment || m.commented) return;
      comment = el('form', { class: 'comment' });
      const text = el('textarea', { 'aria-label': t.comment, placeholder: t.comment, rows: '2', maxlength: '2000' });
      comment.append(text, el('button', { type: 'submit' }, t.sendComment));
      comment.addEventListener('submit', async (e) => {
        e.preventDefault();
        const said = text.value.trim();
        if (!said) return;
        if (!(await sendFeedback({ id, rating: 'down', comment: said }))) return;
        m.commented = true;
        save();
        comment?.remove();
        comment = null;
        down.focus();
      });
      box.appendChild(comment);
      if (focus) text.focus();
    };
    const rate = async (r: Rating) => {
      if (!(await sendFeedback({ id, rating: r }))) return;
      m.rating = r;
      save();
      pressed();
      if (r === 'down') openComment(true);
      else {
        comment?.remove();
        comment = null;
      }
    };
    up.addEventListener('click', () => void rate('up'));
    down.addEventListener('click', () => void rate('down'));
    if (m.rating === 'down') openComment(false);
    return box;
  }

  async function sendFeedback(body: { id: string; rating: Rating; comment?: string }): Promise<boolean> {
    try {
      const res = await fetch(`${endpoint}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(data.key ? { authorization: `Bearer ${data.key}` } : {}) },
        body: JSON.stringify(body),
      });
      live.textContent = res.ok ? t.thanks : t.feedbackFailed;
      return res.ok;
    } catch {
      live.textContent = t.feedbackFailed;
      return false;
    }
  }

  function card(c: Citation, index: number): HTMLElement {
    const li = el('li', { class: 'card', id: `cite-${index}-${c.n}` });
    li.append(el('strong', {}, `[${c.n}] ${c.program.title}`), el('span', { class: 'muted' }, c.section), el('p', {}, c.snippet));
    if (c.contacts.length === 0) li.appendChild(el('p', { class: 'muted' }, t.noContact));
    for (const contact of c.contacts) {
      const line = el('p', {}, `${contact.scope ? `${contact.scope} ` : ''}${contact.office} `);
      const digits = (contact.phone ?? '').replace(/[^\d]/g, '');
      if (/^0\d{9,10}$/.test(digits)) line.appendChild(el('a', { href: `tel:${digits}` }, contact.phone!));
      else if (contact.phone) line.append(contact.phone);
      if (contact.extension) line.append(` (${contact.extension})`);
      if (contact.hours) line.append(` ${contact.hours}`);
      if (contact.email) line.append(' ', el('a', { href: `mailto:${contact.email}` }, contact.email));
      if (contact.url && /^https?:\/\//.test(contact.url)) line.append(' ', el('a', { href: contact.url, rel: 'noopener', target: '_blank' }, contact.url));
      li.appendChild(line);
    }
    return li;
  }

  // The stylesheet's :target rule needs the card inside the shadow root to be reachable by its link.
  root.addEventListener('click', (e) => {
    const a = (e.target as Element).closest?.('a[href^="#cite-"]');
    if (!a) return;
    e.preventDefault();
    root.getElementById(a.getAttribute('href')!.slice(1))?.scrollIntoView({ block: 'nearest' });
  });
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function errorMessage(res: Response): Promise<string> {
  try {
    return (await res.json()).error?.message ?? String(res.status);
  } catch {
    return String(res.status);
  }
}

/** Reads `delta` and `done` events from a Server-Sent Events body; resolves with the `done` JSON. */
async function readStream(body: ReadableStream<Uint8Array>, onDelta: (text: string) => void): Promise<Answer> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1];
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.replace(/^data: ?/, '')).join('\n');
      if (event === 'delta') onDelta(JSON.parse(data).text);
      if (event === 'done') return JSON.parse(data);
    }
    if (done) throw new Error('the answer stream ended early');
  }
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

const current = document.currentScript as HTMLScriptElement | null;
if (document.body) start(current);
else document.addEventListener('DOMContentLoaded', () => start(current));
