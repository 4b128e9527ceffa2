import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteAnswerLog } from '../../src/adapter/node/sqlite-answer-log.js';
import { cachingAnswers } from '../../src/answer/answer-cache.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive.js';
import type { Answerer, AskRequest } from '../../src/answer/types.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine, tempDir } from '../helpers.js';

let engine: SearchEngine;
beforeAll(async () => {
  engine = await realEngine();
});

/** The real extractive answerer, counting the questions it works out. */
function counted(): Answerer & { worked: string[] } {
  const real = createExtractiveAnswerer(engine);
  const worked: string[] = [];
  return { worked, answer: (request) => (worked.push(request.question), real.answer(request)) };
}

const ask = (question: string, more: Partial<AskRequest> = {}): AskRequest => ({ question, history: [], mode: 'answer', ...more });

describe('cachingAnswers', () => {
  it('works a question out once and answers it again the same', async () => {
    const inner = counted();
    const cached = cachingAnswers(inner, 10);
    const first = await cached.answer(ask('省エネ診断の問い合わせ先は？'));
    const again = await cached.answer(ask('省エネ診断の問い合わせ先は？'));
    expect(again).toEqual(first);
    expect(again.citations[0]!.program.title).toBe('中小企業等に対する省エネルギー診断事業費補助金');
    expect(inner.worked).toEqual(['省エネ診断の問い合わせ先は？']);
  });

  it('treats width and surrounding space as the same question, and mode, region and conversation as different ones', async () => {
    const inner = counted();
    const cached = cachingAnswers(inner, 10);
    await cached.answer(ask('省エネ診断の補助率は？'));
    await cached.answer(ask(' 省エネ診断の補助率は? '));
    await cached.answer(ask('省エネ診断の補助率は？', { mode: 'draft' }));
    await cached.answer(ask('省エネ診断の補助率は？', { region: '静岡県' }));
    await cached.answer(ask('補助率は？', { history: [{ role: 'user', content: '省エネ診断について' }] }));
    await cached.answer(ask('補助率は？'));
    expect(inner.worked).toEqual(['省エネ診断の補助率は？', '省エネ診断の補助率は？', '省エネ診断の補助率は？', '補助率は？', '補助率は？']);
  });

  it('gives every caller the same frozen answer: none can change it for a later one', async () => {
    const cached = cachingAnswers(counted(), 10);
    const first = await cached.answer(ask('省エネ診断の問い合わせ先は？'));
    const text = first.answer;
    expect(() => (first.answer = 'changed')).toThrow(TypeError);
    expect(() => (first.citations.length = 0)).toThrow(TypeError);
    expect(() => ((first.citations[0]!.program as { title: string }).title = 'changed')).toThrow(TypeError);
    const again = await cached.answer(ask('省エネ診断の問い合わせ先は？'));
    expect(again).toBe(first);
    expect(again.answer).toBe(text);
    expect(again.citations.length).toBeGreaterThan(0);
  });

  it('forgets the least recently asked question first, and remembers nothing at size 0', async () => {
    const inner = counted();
    const cached = cachingAnswers(inner, 2);
    for (const q of ['省エネ診断の補助率は？', 'サイバーセキュリティの支援は？', '省エネ診断の補助率は？', '積層造形の事業は？', 'サイバーセキュリティの支援は？']) await cached.answer(ask(q));
    expect(inner.worked).toEqual(['省エネ診断の補助率は？', 'サイバーセキュリティの支援は？', '積層造形の事業は？', 'サイバーセキュリティの支援は？']);
    const none = counted();
    expect(cachingAnswers(none, 0)).toBe(none);
  });

  it('answers a question again through the app with a new id, and both answers are logged', async () => {
    const answerLog = await openSqliteAnswerLog(await tempDir());
    const app = createApp({ engine: () => engine, answerCache: 100, answerLog });
    const post = async () => (await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '省エネ診断の問い合わせ先は？' }) })).json() as Promise<{ id: string; answer: string }>;
    const [a, b] = [await post(), await post()];
    expect(b.answer).toBe(a.answer);
    expect(b.id).not.toBe(a.id);
    const logged = await answerLog.questions({ status: 'all', limit: 10 });
    expect(logged.map((q) => q.id).sort()).toEqual([a.id, b.id].sort());
  });
});
