import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/catalog.js';
import type { AskResponse } from '../../src/answer/types.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { createApp } from '../../src/server/app.js';
import { realEngine, SHARED, tempDir } from '../helpers.js';

// A real sample of ミラサポplus: its first 60 records and a few that share a name or serve one prefecture.
const EXTRA = new Set(['26', '214', '1006', '1116', '1221', '1334', '1549', '1937', '1990', '2034', '2328']);

describe('answers over a real catalog (ミラサポplus sample)', () => {
  let engine: SearchEngine;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const { total: _, items } = JSON.parse(await readFile(join(SHARED, 'corpora', 'mirasapo', 'supports.json'), 'utf8')) as { total: number; items: { id: string }[] };
    const sample = items.filter((r, i) => i < 60 || EXTRA.has(r.id));
    const dir = await tempDir();
    await writeFile(join(dir, 'supports.json'), JSON.stringify({ total: sample.length, items: sample }));
    engine = await realEngine(dir);
    app = createApp({ engine: () => engine, log: () => {} });
  });
  const ask = async (body: object): Promise<{ status: number; body: AskResponse & { error?: { code: string } } }> => {
    const res = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const programs = async (query: string): Promise<Program[]> => (await (await app.request(`/api/programs?${query}`)).json()).programs;

  it('reads every record as one program with its 所管, region and record source', () => {
    expect(engine.programs).toHaveLength(69);
    const p = engine.programs.find((x) => x.source.record === '1006')!;
    expect(p).toMatchObject({ kind: 'program', title: '労働相談・あっせん制度について', authority: '群馬県', region: ['群馬県'], source: { document: 'supports.json', record: '1006' } });
    expect(p.contacts).toEqual([{ office: '群馬県労働委員会事務局', phone: '027-226-2783', scope: null }]);
  });

  it('reads what is asked beside the program\'s name: a title holding 条件 does not ask for the conditions', async () => {
    const { body } = await ask({ question: '「取引先の支払条件改善のための融資制度 ～企業活力強化資金（下請中小企業関連）～」の貸付期間を教えてください' });
    expect(body.answer).toMatch(/^「取引先の支払条件改善のための融資制度 ～企業活力強化資金（下請中小企業関連）～」の貸付期間は、設備資金20年以内（うち据置期間2年以内）/);
  });

  it('gives the phone and hours of the contact the record gives, citing the record', async () => {
    const { body } = await ask({ question: '「ものづくり・商業・サービス生産性向上促進補助金」の問い合わせ先を教えてください' });
    expect(body.answer).toContain('050-8880-4053');
    expect(body.answer).toContain('10:00～17:00');
    expect(body.citations[0]).toMatchObject({ program: { title: 'ものづくり・商業・サービス生産性向上促進補助金' }, section: '問い合わせ先', source: { document: 'supports.json', record: '26' } });
    expect(body.citations[0]!.contacts[0]).toMatchObject({ phone: '050-8880-4053' });
  });

  it('quotes a fact as the record states it', async () => {
    const { body } = await ask({ question: '「セーフティネット貸付」の貸付限度額を教えてください' });
    expect(body.answer).toMatch(/^「セーフティネット貸付」の貸付限度額は、[^。]*7億2,000万円/);
    expect(body.citations[0]!.source).toEqual({ document: 'supports.json', record: '1937' });
  });

  it('gives each program of a shared name by where it is offered, and says which lists no contact', async () => {
    const { body } = await ask({ question: '「建設業許可」の問い合わせ先を教えてください' });
    expect(body.answer).toContain('「建設業許可（京都府）」の問い合わせ先は、京都府建設交通部指導検査課（電話 075-414-5222');
    expect(body.answer).toContain('「建設業許可（栃木県）」の掲載には問い合わせ先の記載がありません');
    expect(body.answer).not.toContain('075-414-5183'); // the FAX number
  });

  it('says a record gives no contact only when it gives none', async () => {
    const { body } = await ask({ question: '「土日祝日における相談対応」の問い合わせ先を教えてください' });
    expect(body.answer).toContain('この資料には問い合わせ先の記載がありません');
    expect(body.citations[0]!.contacts).toEqual([]);
  });

  it('answers a prefecture named in the question or sent as region with its own and nationwide programs only', async () => {
    const serves = (p: { id: string }, pref: string) => {
      const { region } = engine.programs.find((x) => x.id === p.id)!;
      return region.length === 0 || region.includes(pref);
    };
    const named = await ask({ question: '静岡県の事業者です。社会福祉施設の整備に補助はありますか' });
    expect(named.body.citations[0]!.program.title).toBe('社会福祉施設等施設整備費補助金');
    expect(named.body.citations.every((c) => serves(c.program, '静岡県'))).toBe(true);
    const sent = await ask({ question: '新型コロナウイルスの相談窓口はありますか', region: '宮城県' });
    expect(sent.body.citations.length).toBeGreaterThan(0);
    expect(sent.body.citations.every((c) => serves(c.program, '宮城県'))).toBe(true);
    const tokyo = await ask({ question: '新型コロナウイルスの相談窓口はありますか', region: '東京都' });
    expect(tokyo.body.citations.some((c) => engine.programs.find((x) => x.id === c.program.id)!.region.includes('東京都'))).toBe(true);
  });

  it('lists and counts the programs of a prefecture or a 所管 from the records', async () => {
    const miyagi = await ask({ question: '宮城県の制度の一覧を教えてください' });
    expect(miyagi.body.answer).toBe(
      'この資料には5件の事業が記載されています：「プロフェッショナル人材戦略拠点事業［宮城県］」[1]、「プロフェッショナル人材UIJターン助成金事業［宮城県］」[2]、「みやぎIJUターン就職支援オフィス」[3]、「移住支援金」[4]、「みやぎお知らせコロナアプリ(MICA)」[5]。',
    );
    const all = await ask({ question: '全部で何件の事業がありますか' });
    expect(all.body.answer).toMatch(/^この資料には69件の事業が記載されています：.*ほか49件。$/);
    expect(all.body.citations).toHaveLength(20);
  });

  it('finds a program by a shortened name the records never write (水協法 for 水産協同組合法)', async () => {
    const { body } = await ask({ question: '岩手県の事業者です。水協法について知りたい' });
    expect(body.citations[0]!.program.title).toBe('水産協同組合法');
  });

  it('refuses a region that is not a prefecture with a coded 400', async () => {
    const { status, body } = await ask({ question: '相談窓口はありますか', region: '静岡' });
    expect(status).toBe(400);
    expect(body.error!.code).toBe('INVALID_INPUT');
  });

  it('filters GET /api/programs by authority and region', async () => {
    const miyagi = await programs(`region=${encodeURIComponent('宮城県')}`);
    expect(miyagi.every((p) => p.region.length === 0 || p.region.includes('宮城県'))).toBe(true);
    expect(miyagi.filter((p) => p.region.includes('宮城県')).map((p) => p.source.record)).toEqual(['508', '509', '512', '513', '852']);
    const agency = await programs(`authority=${encodeURIComponent('中小企業庁')}`);
    expect(agency.length).toBeGreaterThan(0);
    expect(agency.every((p) => p.authority?.includes('中小企業庁'))).toBe(true);
    expect((await app.request(`/api/programs?region=${encodeURIComponent('静岡')}`)).status).toBe(400);
  });
});
