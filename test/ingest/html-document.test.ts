import { describe, expect, it } from 'vitest';
import { readHtmlDocument, type HtmlRead } from '../../src/ingest/html-document.js';
import { programId } from '../../src/ingest/program-id.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** 1-based line of the page that contains `text`. */
const lineOf = (page: string, text: string) => page.split('\n').findIndex((l) => l.includes(text)) + 1;
/** Codes of the problems: what the tests hold the reader to, not its prose. */
const coded = (read: HtmlRead) => read.problems.map(({ reason: _reason, ...rest }) => rest);

// A ministry-style page: the site's header, global navigation, breadcrumb and cookie banner around <main>,
// and a footer with the ministry's own switchboard number.
const PAGE = `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<title>IT導入補助金2025｜中小企業庁</title>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({ page: 'グーグル計測' });</script>
<style>.lead { font-weight: bold; }</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/"><img src="/img/logo.png" alt="中小企業庁"></a></div>
  <nav class="global-nav" aria-label="グローバルナビゲーション">
    <ul><li><a href="/keiei/">経営サポート</a></li><li><a href="/zaimu/">財務サポート</a></li></ul>
  </nav>
</header>
<ol class="breadcrumb"><li><a href="/">ホーム</a></li><li><a href="/keiei/">経営サポート</a></li><li>IT導入補助金2025</li></ol>
<div id="cookie-banner">当サイトはクッキーを使用しています。<button>同意する</button></div>
<main id="main">
  <h1>IT導入補助金2025</h1>
  <p class="lead">中小企業・小規模事業者等の生産性向上を目的として、<a href="/it/tool.html">ITツール</a>の導入を支援します。</p>
  <script>trackPage('本文スクリプト');</script>
  <div style="display: none">印刷用の隠しテキスト</div>
  <h2>概要</h2>
  <p>中小企業・小規模事業者等が自社の課題やニーズに合った
     ITツールを導入する経費の一部を補助します。</p>
  <ul>
    <li>ソフトウェア購入費</li>
    <li>クラウド利用料（最大2年分）</li>
  </ul>
  <h2>補助率・補助上限額</h2>
  <table class="table">
    <tr><th>類型</th><th>補助率</th><th>補助額</th></tr>
    <tr><td>通常枠</td><td>1/2以内</td><td>5万円～450万円未満</td></tr>
  </table>
  <h2>お問い合わせ先</h2>
  <p><a href="https://it-shien.smrj.go.jp/">サービス等生産性向上IT導入支援事業 コールセンター</a></p>
  <p>電話：<a href="tel:0570-666-376">0570-666-376</a></p>
  <p>受付時間：9:30～17:30（土日祝日除く）</p>
  <aside class="related"><h2>関連情報</h2><p>ものづくり補助金のページ</p></aside>
</main>
<footer class="site-footer">
  <p>中小企業庁　〒100-8912 東京都千代田区霞が関1-3-1　電話：03-3501-1511（代表）</p>
  <p>Copyright © Small and Medium Enterprise Agency. All Rights Reserved.</p>
</footer>
</body>
</html>
`;

describe('readHtmlDocument on a ministry page', () => {
  const read = readHtmlDocument('meti/it-hojo-2025.html', utf8(PAGE));
  const program = read.program!;
  const section = (name: string) => program.sections.find((s) => s.name === name)!;
  const at = (text: string) => lineOf(PAGE, text);

  it('reads the page without problems, titled by its <h1>', () => {
    expect(read.problems).toEqual([]);
    expect(program.title).toBe('IT導入補助金2025');
    expect(program.id).toBe(programId('meti/it-hojo-2025.html', 'IT導入補助金2025'));
    expect(program.kind).toBe('program');
    expect(program.source).toEqual({ document: 'meti/it-hojo-2025.html', lines: [1, PAGE.trimEnd().split('\n').length] });
  });

  it('makes one section per heading of the main content, in order', () => {
    expect(program.sections.map((s) => s.name)).toEqual(['IT導入補助金2025', '概要', '補助率・補助上限額', 'お問い合わせ先']);
  });

  it('keeps the text of paragraphs, list items and table rows, links as their text', () => {
    expect(section('IT導入補助金2025').text).toBe('中小企業・小規模事業者等の生産性向上を目的として、ITツールの導入を支援します。');
    expect(section('概要').text).toBe(
      '中小企業・小規模事業者等が自社の課題やニーズに合った ITツールを導入する経費の一部を補助します。\n・ソフトウェア購入費\n・クラウド利用料（最大2年分）',
    );
    expect(section('補助率・補助上限額').text).toBe('類型 | 補助率 | 補助額\n通常枠 | 1/2以内 | 5万円～450万円未満');
    expect(section('補助率・補助上限額').text.split('\n')).toContain('通常枠 | 1/2以内 | 5万円～450万円未満');
  });

  it('keeps a link URL inside the contact section only', () => {
    expect(section('お問い合わせ先').text).toBe(
      'サービス等生産性向上IT導入支援事業 コールセンター（https://it-shien.smrj.go.jp/）\n電話：0570-666-376\n受付時間：9:30～17:30（土日祝日除く）',
    );
    expect(section('IT導入補助金2025').text).not.toContain('/it/tool.html');
  });

  it('reads the contact office from the お問い合わせ先 section, not the footer', () => {
    expect(program.contacts).toEqual([
      {
        office: 'サービス等生産性向上IT導入支援事業 コールセンター',
        phone: '0570-666-376',
        scope: null,
        hours: '受付時間：9:30～17:30（土日祝日除く）',
        url: 'https://it-shien.smrj.go.jp/',
      },
    ]);
  });

  it('leaves out navigation, breadcrumb, cookie banner, header, footer, aside, scripts, styles and hidden text', () => {
    const all = program.sections.map((s) => `${s.name}\n${s.text}`).join('\n');
    for (const absent of ['経営サポート', 'ホーム', 'クッキー', '同意する', '中小企業庁', '03-3501-1511', 'Copyright',
      '関連情報', 'ものづくり補助金', 'グーグル計測', '本文スクリプト', 'font-weight', '隠しテキスト']) {
      expect(all, absent).not.toContain(absent);
    }
  });

  it('keeps 補助率 and 補助上限額 as facts of the section they name, with its text and lines', () => {
    const source = { document: 'meti/it-hojo-2025.html', lines: [at('<th>類型</th>'), at('<td>通常枠</td>')] };
    expect(program.facts).toEqual([
      { label: '補助率', text: '類型 | 補助率 | 補助額\n通常枠 | 1/2以内 | 5万円～450万円未満', source },
      { label: '補助上限額', text: '類型 | 補助率 | 補助額\n通常枠 | 1/2以内 | 5万円～450万円未満', source },
    ]);
  });

  it('cites each section by the source lines of its first and last text', () => {
    expect(program.sections.map((s) => s.source)).toEqual([
      { document: 'meti/it-hojo-2025.html', lines: [at('class="lead"'), at('class="lead"')] },
      { document: 'meti/it-hojo-2025.html', lines: [at('自社の課題'), at('クラウド利用料')] },
      { document: 'meti/it-hojo-2025.html', lines: [at('<th>類型</th>'), at('<td>通常枠</td>')] },
      { document: 'meti/it-hojo-2025.html', lines: [at('コールセンター</a>'), at('受付時間')] },
    ]);
    expect(at('class="lead"')).toBe(20);
  });
});

describe('readHtmlDocument on other layouts', () => {
  const LAYOUTS = `<html><head><title>小規模事業者持続化補助金 | 全国商工会連合会</title></head><body>
<form id="aspnetForm" action="./page.aspx"><div id="content">
<h2>制度の<ruby>概要<rt>がいよう</rt></ruby></h2>
<table><tr><th>補助率</th><td>2/3</td></tr><tr><th>補助上限額</th><td>50万円</td></tr></table>
<dl><dt>対象者</dt><dd>小規模事業者</dd><dt>申請期間</dt><dd>2025年1月～3月</dd></dl>
<pre>
様式第1号   申請書
様式第2号   経営計画書</pre>
<p>【お問い合わせ先】中小企業庁 経営支援部 小規模企業振興課<br>電話：03-3501-2036<br>E-mail：<a href="mailto:info@example.go.jp">info@example.go.jp</a></p>
<div role="search"><input name="q"><label>サイト内検索</label></div>
</div></form></body></html>`;
  const program = readHtmlDocument('jcci/jizokuka.html', utf8(LAYOUTS)).program!;

  it('titles a page without <h1> by its <title> without the site name', () => {
    expect(program.title).toBe('小規模事業者持続化補助金');
  });

  it('reads <dl> as dt：dd, <pre> line by line, a vertical table row by row, and furigana not at all', () => {
    expect(program.sections.map((s) => s.name)).toEqual(['制度の概要']);
    expect(program.sections[0]!.text).toBe(
      [
        '補助率 | 2/3',
        '補助上限額 | 50万円',
        '対象者：小規模事業者',
        '申請期間：2025年1月～3月',
        '様式第1号 申請書',
        '様式第2号 経営計画書',
        '【お問い合わせ先】中小企業庁 経営支援部 小規模企業振興課',
        '電話：03-3501-2036',
        'E-mail：info@example.go.jp',
      ].join('\n'),
    );
  });

  it('keeps facts from table rows and <dl> pairs, the value without the cell separator', () => {
    expect(program.facts.map((f) => [f.label, f.text])).toEqual([
      ['補助率', '2/3'],
      ['補助上限額', '50万円'],
      ['対象者', '小規模事業者'],
      ['申請期間', '2025年1月～3月'],
    ]);
  });

  it('reads the contact of a paragraph that opens with 【お問い合わせ先】', () => {
    expect(program.contacts).toEqual([
      { office: '中小企業庁 経営支援部 小規模企業振興課', phone: '03-3501-2036', scope: null, email: 'info@example.go.jp' },
    ]);
  });

  it('reads a page laid out before HTML5: #contents, else the body without #header, #gnav and #footer', () => {
    const legacy = (contents: string) => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>
<div id="header"><p>経済産業省</p><div id="gnav"><a href="/">トップ</a></div></div>
<div ${contents}><h1>事業承継・引継ぎ補助金</h1><p>事業承継を契機とした新たな取組を支援します。</p></div>
<div id="footer"><p>代表電話 03-3501-1511</p></div></body></html>`;
    for (const page of [legacy('id="contents"'), legacy('class="column"')]) {
      const program = readHtmlDocument('meti/shokei.html', utf8(page)).program!;
      expect(program.title).toBe('事業承継・引継ぎ補助金');
      expect(program.sections.map((s) => [s.name, s.text])).toEqual([['事業承継・引継ぎ補助金', '事業承継を契機とした新たな取組を支援します。']]);
    }
  });

  it('falls back to the file name for a page with neither <h1> nor <title>', () => {
    const read = readHtmlDocument('pref/tokyo/jyosei_01.htm', utf8('<p>東京都の助成制度の案内です。</p>'));
    expect(read.program?.title).toBe('jyosei_01');
    expect(read.program?.kind).toBe('document');
    expect(read.program?.sections).toEqual([
      { name: 'jyosei_01', text: '東京都の助成制度の案内です。', items: [], source: { document: 'pref/tokyo/jyosei_01.htm', lines: [1, 1] } },
    ]);
  });

  it('cuts a long section at line boundaries near 600 characters, each part keeping the heading', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `<p>${`第${i + 1}項の説明文です。`.padEnd(80, '詳')}</p>`);
    const page = `<main><h2>事業の詳細</h2>\n${paragraphs.join('\n')}\n</main>`;
    const sections = readHtmlDocument('long.html', utf8(page)).program!.sections;
    expect(sections.length).toBe(5);
    expect(new Set(sections.map((s) => s.name))).toEqual(new Set(['事業の詳細']));
    expect(sections.every((s) => s.text.length <= 600)).toBe(true);
    expect(sections.map((s) => s.text).join('\n').split('\n')).toHaveLength(30);
    expect(sections.map((s) => s.source.lines)).toEqual([[2, 8], [9, 15], [16, 22], [23, 29], [30, 31]]);
  });
});

describe('readHtmlDocument decoding', () => {
  // 補助金 in Shift_JIS, byte by byte: not valid UTF-8.
  const HOJOKIN = [0x95, 0xe2, 0x8f, 0x95, 0x8b, 0xe0];
  const bytes = (head: string, body: string) => new Uint8Array([...utf8(head), ...HOJOKIN, ...utf8(body)]);

  it('has the right bytes for 補助金', () => {
    expect(new TextDecoder('shift_jis').decode(new Uint8Array(HOJOKIN))).toBe('補助金');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(HOJOKIN))).toThrow();
  });

  it.each([
    ['<meta charset="Shift_JIS">', '<html><head><meta charset="Shift_JIS"></head><body><h1>'],
    ['<meta http-equiv> Windows-31J', '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Windows-31J"></head><body><h1>'],
    ['no declaration (not UTF-8)', '<html><body><h1>'],
  ])('reads a Shift_JIS page: %s', (_, head) => {
    const program = readHtmlDocument('sjis.html', bytes(head, '</h1><p>IT 2025 (Shift_JIS)</p></body></html>')).program!;
    expect(program.title).toBe('補助金');
    expect(program.sections.map((s) => [s.name, s.text])).toEqual([['補助金', 'IT 2025 (Shift_JIS)']]);
  });

  it('reads an EUC-JP page by its <meta charset>', () => {
    const euc = new Uint8Array([...utf8('<meta charset="EUC-JP"><h1>'), 0xca, 0xe4, 0xbd, 0xf5, 0xb6, 0xe2, ...utf8('</h1><p>EUC</p>')]);
    expect(readHtmlDocument('euc.html', euc).program?.title).toBe('補助金');
  });

  it('reads a UTF-8 page with a BOM, whatever its meta says', () => {
    const page = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<meta charset="Shift_JIS"><h1>補助金</h1><p>本文</p>')]);
    expect(readHtmlDocument('bom.html', page).program?.title).toBe('補助金');
  });
});

describe('readHtmlDocument on bad input', () => {
  it('reads broken markup as a browser does: unclosed tags, stray end tags, misnested inline elements', () => {
    const broken = `<html><body><main>
<h1>ものづくり補助金
<h2>概要</h2>
<p>革新的な製品開発を<b>支援<i>します</b></i>
<p>設備投資が対象です</div></span></td>
<ul><li>一般型<li>グローバル展開型</ul>
<table><tr><td>補助率<td>1/2<tr><td>補助上限額<td>1,250万円</table>
<h2>お問い合わせ先</h2>
<p>ものづくり補助金事務局サポートセンター<br>電話：050-8880-4053<p><a href=http://portal.monodukuri-hojo.jp/>公式サイト
</main>`;
    const read = readHtmlDocument('broken.html', utf8(broken));
    expect(read.problems).toEqual([]);
    const program = read.program!;
    expect(program.title).toBe('ものづくり補助金');
    expect(program.sections.map((s) => [s.name, s.text])).toEqual([
      ['概要', '革新的な製品開発を支援します\n設備投資が対象です\n・一般型\n・グローバル展開型\n補助率 | 1/2\n補助上限額 | 1,250万円'],
      ['お問い合わせ先', 'ものづくり補助金事務局サポートセンター\n電話：050-8880-4053\n公式サイト（http://portal.monodukuri-hojo.jp/）'],
    ]);
    expect(program.contacts[0]).toEqual({ office: 'ものづくり補助金事務局サポートセンター', phone: '050-8880-4053', scope: null });
  });

  it('reads a 5 MB page in one pass', () => {
    const block = (i: number) =>
      `<h2>支援メニュー${i}</h2>\n<p>中小企業・小規模事業者等が<a href="/it/">ITツール</a>を導入する経費の一部を補助します。</p>\n` +
      `<table><tr><th>補助率</th><td>1/2以内</td></tr></table>\n<ul><li>ソフトウェア購入費</li><li>クラウド利用料</li></ul>\n`;
    const parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>大きなページ</title></head><body><main>\n'];
    for (let i = 0, size = 0; size < 5 * 1024 * 1024; i++) size += utf8(parts[parts.push(block(i)) - 1]!).length;
    const page = utf8(`${parts.join('')}</main></body></html>`);
    const started = performance.now();
    const read = readHtmlDocument('big.html', page);
    const ms = performance.now() - started;
    console.log(`html-document: ${(page.length / 1048576).toFixed(1)} MB page read in ${ms.toFixed(0)} ms`);
    expect(read.problems).toEqual([]);
    expect(read.program!.sections.length).toBe(parts.length - 1);
    expect(read.program!.sections.at(-1)!.text).toBe('中小企業・小規模事業者等がITツールを導入する経費の一部を補助します。\n補助率 | 1/2以内\n・ソフトウェア購入費\n・クラウド利用料');
  });

  it('reports an empty file', () => {
    expect(coded(readHtmlDocument('empty.html', new Uint8Array(0)))).toEqual([{ document: 'empty.html', code: 'EMPTY' }]);
  });

  it('reports binary junk', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(coded(readHtmlDocument('image.html', png))).toEqual([{ document: 'image.html', code: 'BINARY' }]);
  });

  it('reports a page over 20 MB by its size, before reading it', () => {
    const read = readHtmlDocument('huge.html', new Uint8Array(20 * 1024 * 1024 + 1));
    expect(read.program).toBeNull();
    expect(coded(read)).toEqual([{ document: 'huge.html', code: 'TOO_LARGE' }]);
  });

  it('reports a page with only navigation, scripts and chrome as having no text', () => {
    const page = `<html><head><title>トップ</title><script>var a = '本文';</script></head><body>
<header><p>サイト名</p></header><nav><ul><li><a href="/">ホーム</a></li></ul></nav>
<div class="cookie-consent">クッキーに同意してください</div><main><h1>見出しだけ</h1></main>
<noscript>JavaScriptを有効にしてください</noscript><footer>フッター</footer></body></html>`;
    const read = readHtmlDocument('nav-only.html', utf8(page));
    expect(read.program).toBeNull();
    expect(coded(read)).toEqual([{ document: 'nav-only.html', code: 'NO_TEXT' }]);
  });

  it('reads markup nested thousands deep without overflowing the stack', () => {
    const deep = utf8(`<body>${'<div><span>'.repeat(20000)}深い本文`);
    expect(readHtmlDocument('deep.html', deep).program?.sections[0]?.text).toBe('深い本文');
  });
});
