import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { evalRows, realEngine } from '../helpers.js';

/** The official `openai` npm client pointed at the app: what chat front ends see. */
describe('OpenAI-compatible chat API (official openai client)', () => {
  let server: ServerType;
  let client: OpenAI;
  beforeAll(async () => {
    const engine = await realEngine();
    server = serve({ fetch: createApp({ engine: () => engine, apiKeys: ['front-end-key'], log: () => {} }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    client = new OpenAI({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: 'front-end-key', maxRetries: 0 });
  });
  afterAll(() => new Promise((r) => server.close(r)));

  type Extra = { madoguchi: { answerable: boolean; citations: { program: { title: string }; contacts: { phone: string }[] }[] } };

  it('lists the models', async () => {
    const models = [];
    for await (const m of client.models.list()) models.push(m.id);
    expect(models).toEqual(['madoguchi', 'madoguchi-draft']);
  });

  it('answers the dev contact questions with the right program and phone, citations in content and extra field', async () => {
    const rows = (await evalRows()).filter((r) => r.kind === 'contact' && (r as { phones?: string[] }).phones);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const phones = (row as { phones?: string[] }).phones!;
      const res = await client.chat.completions.create({ model: 'madoguchi', messages: [{ role: 'user', content: row.question }] });
      const content = res.choices[0]!.message.content!;
      const extra = (res as unknown as Extra).madoguchi;
      expect(extra.citations[0]!.program.title, row.id).toBe(row.program);
      expect(phones.some((p) => content.includes(p)), row.id).toBe(true);
      expect(content).toContain('**出典**');
      expect(extra.answerable).toBe(true);
    }
  });

  it('streams chunks in OpenAI format, the last carrying the citations', async () => {
    const stream = await client.chat.completions.create({ model: 'madoguchi', stream: true, messages: [{ role: 'user', content: '看護師・介護福祉士候補者の日本語研修の担当課はどこですか？' }] });
    let content = '';
    let last: unknown;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      last = chunk;
    }
    expect(content).toContain('通商政策局 アジア大洋州課（電話 03-3501-1953）');
    expect(content).toContain('**出典**');
    const extra = (last as Extra).madoguchi;
    expect(extra.citations[0]!.contacts.map((c) => c.phone)).toEqual(['03-3501-1953']);
  });

  it('uses earlier messages as history and shows refusals', async () => {
    const follow = await client.chat.completions.create({
      model: 'madoguchi',
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: '製造業の外国人材受入れを支援する事業について教えて' },
        { role: 'assistant', content: '製造業における外国人材受入れ支援事業では、相談窓口の運営やセミナーの開催を行います。' },
        { role: 'user', content: [{ type: 'text', text: '予算はいくらですか？' }] },
      ],
    });
    expect(follow.choices[0]!.message.content).toContain('5.0億円（前年度1.0億円）');
    const refused = await client.chat.completions.create({ model: 'madoguchi-draft', messages: [{ role: 'user', content: '今日の東京の天気を教えて' }] });
    expect((refused as unknown as Extra).madoguchi).toMatchObject({ answerable: false, citations: [] });
  });

  it('refuses a wrong key, an unknown model and a conversation not ending with the user', async () => {
    const wrong = new OpenAI({ baseURL: client.baseURL, apiKey: 'nope', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401 });
    await expect(client.chat.completions.create({ model: 'gpt-4', messages: [{ role: 'user', content: 'a' }] })).rejects.toMatchObject({ status: 404 });
    await expect(client.chat.completions.create({ model: 'madoguchi', messages: [{ role: 'assistant', content: 'a' }] })).rejects.toMatchObject({ status: 400 });
  });
});
