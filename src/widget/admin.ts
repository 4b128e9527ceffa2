/**
 * The staff page's script (/admin/admin.js): asks for the admin token, keeps it for the tab only
 * (sessionStorage), and shows what people asked, what could not be answered and what they said of the
 * answers, from /admin/api/*. Everything the log holds is inserted as text, never as markup.
 */
// A module, so that its names stay out of the page's global scope when type-checked beside widget.ts.
export {};

interface Question {
  id: string;
  time: string;
  answerable: boolean;
  programs: string[];
  question: string | null;
  answer: string | null;
  rating: 'up' | 'down' | null;
  comment: string | null;
}
interface Summary {
  totals: { answers: number; answered: number; refused: number; up: number; down: number };
  days: { day: string; answers: number; answered: number; rate: number }[];
  programs: { id: string; title: string | null; questions: number }[];
  topics: { label: string; count: number; examples: string[] }[];
  comments: Question[];
}

const TOKEN_KEY = 'madoguchi:admin-token';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const login = byId<HTMLFormElement>('login');
const tokenInput = byId<HTMLInputElement>('token');
const view = byId<HTMLElement>('view');
const filters = byId<HTMLFormElement>('filters');
const statusFilter = byId<HTMLSelectElement>('status-filter');
const since = byId<HTMLInputElement>('since');
const until = byId<HTMLInputElement>('until');
const status = byId<HTMLElement>('status');

let token = readToken();

class Unauthorized extends Error {}

function readToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}
function keepToken(value: string): void {
  token = value;
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage blocked: the token stays in memory for this page.
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function table(caption: string, headers: string[], rows: string[][]): HTMLElement {
  if (rows.length === 0) return el('p', 'ありません');
  const t = el('table', undefined, { 'aria-label': caption });
  const head = el('tr');
  for (const h of headers) head.append(el('th', h, { scope: 'col' }));
  t.append(el('thead'), el('tbody'));
  t.tHead!.append(head);
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', cell));
    t.tBodies[0]!.append(tr);
  }
  return t;
}

const when = (iso: string) => new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });
const rating = (r: Question['rating']) => (r === 'up' ? '👍' : r === 'down' ? '👎' : '');

function query(extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (since.value) params.set('since', since.value);
  if (until.value) params.set('until', until.value);
  return params.toString();
}

async function api(path: string, accept = 'application/json'): Promise<Response> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept } });
  if (res.status === 401) throw new Unauthorized();
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new Error(body?.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`);
  }
  return res;
}

function show(summary: Summary, questions: Question[]): void {
  const t = summary.totals;
  byId('totals').replaceChildren(
    ...[`回答 ${t.answers}`, `答えられた ${t.answered}`, `答えられなかった ${t.refused}`, `👍 ${t.up}`, `👎 ${t.down}`].map((text) => el('li', text)),
  );
  byId('topics').replaceChildren(
    ...(summary.topics.length
      ? summary.topics.map((topic) => {
          const box = el('div', undefined, { class: 'topic' });
          const list = el('ul');
          for (const q of topic.examples) list.append(el('li', q));
          box.append(el('strong', `${topic.label}（${topic.count} 件）`), list);
          return box;
        })
      : [el('p', 'ありません')]),
  );
  byId('comments').replaceChildren(table('👎 とコメント', ['日時', '質問', '回答', 'コメント'], summary.comments.map((q) => [when(q.time), q.question ?? '', q.answer ?? '', q.comment ?? ''])));
  byId('days').replaceChildren(table('日別の回答率', ['日', '回答', '答えられた', '回答率'], summary.days.map((d) => [d.day, String(d.answers), String(d.answered), `${Math.round(d.rate * 100)}%`])));
  byId('programs').replaceChildren(table('制度別の質問数', ['制度', '質問'], summary.programs.map((p) => [p.title ?? p.id, String(p.questions)])));
  byId('questions').replaceChildren(
    table(
      '質問一覧',
      ['日時', '状態', '質問', '回答', '評価', 'コメント'],
      questions.map((q) => [when(q.time), q.answerable ? '回答' : '答えられず', q.question ?? '', q.answer ?? '', rating(q.rating), q.comment ?? '']),
    ),
  );
}

function signedOut(message: string): void {
  keepToken('');
  view.hidden = true;
  login.hidden = false;
  status.textContent = message;
  status.className = 'status error';
  tokenInput.focus();
}

async function load(): Promise<void> {
  login.hidden = true;
  view.hidden = false;
  status.className = 'status';
  status.textContent = '読み込んでいます…';
  try {
    const [summary, list] = await Promise.all([
      api(`/admin/api/summary?${query()}`).then((r) => r.json() as Promise<Summary>),
      api(`/admin/api/questions?${query({ status: statusFilter.value })}`).then((r) => r.json() as Promise<{ questions: Question[] }>),
    ]);
    show(summary, list.questions);
    status.textContent = `${list.questions.length} 件の質問を表示しています`;
  } catch (e) {
    if (e instanceof Unauthorized) return signedOut('トークンが違います（401）。もう一度入力してください。');
    status.className = 'status error';
    status.textContent = `読み込めませんでした: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function exportCsv(): Promise<void> {
  try {
    const res = await api(`/admin/api/questions?${query({ status: statusFilter.value, limit: '100000' })}`, 'text/csv');
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', undefined, { href: url, download: 'questions.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status.textContent = 'CSV を書き出しました';
  } catch (e) {
    if (e instanceof Unauthorized) return signedOut('トークンが違います（401）。もう一度入力してください。');
    status.textContent = `書き出せませんでした: ${e instanceof Error ? e.message : String(e)}`;
  }
}

login.addEventListener('submit', (e) => {
  e.preventDefault();
  keepToken(tokenInput.value.trim());
  tokenInput.value = '';
  if (token) void load();
});
filters.addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
byId('csv').addEventListener('click', () => void exportCsv());
byId('logout').addEventListener('click', () => signedOut('トークンを消しました'));

if (token) void load();
else tokenInput.focus();
