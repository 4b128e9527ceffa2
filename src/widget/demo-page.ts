/**
 * GET /: a page that embeds the widget exactly as a customer site would, and shows the snippet to copy.
 * Static text only; `origin` is the server's own origin, escaped.
 */
export function demoPage(origin: string): string {
  const o = escapeHtml(origin);
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>madoguchi — 支援制度の窓口</title>
<style>
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#1f2328}
pre{background:#f4f5f7;padding:1rem;border-radius:8px;overflow-x:auto}
code{font-size:.9em}
</style>
</head>
<body>
<h1>madoguchi — 支援制度の窓口</h1>
<p>右下のボタンから、支援制度について質問できます。回答には出典の事業と問い合わせ先が付きます。</p>
<h2>サイトへの埋め込み</h2>
<p>次の1行をページに貼り付けてください（API の <code>CORS_ORIGINS</code> にサイトのオリジンを追加します）。</p>
<pre><code>&lt;script src="${o}/widget.js" data-endpoint="${o}" defer&gt;&lt;/script&gt;</code></pre>
<ul>
<li><code>data-title</code>：パネルの見出し</li>
<li><code>data-mode="draft"</code>：窓口担当者向けの返信下書き（コピーボタン付き）</li>
<li><code>data-lang="en"</code>：英語の表示</li>
<li>色とフォント：<code>--madoguchi-accent</code>、<code>--madoguchi-bg</code>、<code>--madoguchi-fg</code>、<code>--madoguchi-font</code></li>
</ul>
<script src="/widget.js" data-endpoint="${o}" defer></script>
</body>
</html>
`;
}

/** Text made safe inside HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
