/**
 * GET /admin: the staff page's static shell. It holds no data and no secret: its script
 * (/admin/admin.js, same origin, as the CSP's script-src 'self' requires) asks for the admin token and
 * fills the page from /admin/api/* with DOM APIs only.
 */
export function adminPage(): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>madoguchi — 窓口の記録</title>
<style>
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;max-width:1100px;margin:1.5rem auto;padding:0 1rem;line-height:1.6;color:#1f2328}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1rem 0}
label{display:flex;flex-direction:column;font-size:.9rem}
input,select,button,textarea{font:inherit;padding:.3rem .5rem}
button{cursor:pointer;border:1px solid #0b5cad;background:#0b5cad;color:#fff;border-radius:6px}
button.secondary{background:#fff;color:#0b5cad}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-top:1px solid #d0d7de;padding:.4rem;vertical-align:top;text-align:left;white-space:pre-wrap;word-break:break-word}
th{background:#f4f5f7;white-space:nowrap}
.totals{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.totals li{background:#f4f5f7;border-radius:8px;padding:.5rem 1rem}
.topic{margin:.5rem 0;padding:.5rem .75rem;border:1px solid #d0d7de;border-radius:8px}
.topic ul{margin:.25rem 0 0;padding-left:1.2rem}
.status{min-height:1.5em;color:#57606a}
.error{color:#8a3c00}
[hidden]{display:none!important}
:focus-visible{outline:3px solid #f0a000;outline-offset:2px}
</style>
</head>
<body>
<h1>窓口の記録</h1>
<p class="status" id="status" role="status" aria-live="polite"></p>
<form id="login" aria-label="管理トークン">
<label>管理トークン（ADMIN_TOKEN）<input id="token" type="password" autocomplete="off" required></label>
<button type="submit">表示する</button>
</form>
<main id="view" hidden>
<form id="filters" aria-label="絞り込み">
<label>状態<select id="status-filter"><option value="all">すべて</option><option value="refused">答えられなかった質問</option><option value="down">👎 の回答</option></select></label>
<label>開始日<input id="since" type="date"></label>
<label>終了日<input id="until" type="date"></label>
<button type="submit">絞り込む</button>
<button type="button" class="secondary" id="csv">CSV に書き出す</button>
<button type="button" class="secondary" id="logout">トークンを消す</button>
</form>
<section aria-labelledby="h-totals"><h2 id="h-totals">概要</h2><ul class="totals" id="totals"></ul></section>
<section aria-labelledby="h-topics"><h2 id="h-topics">答えられなかった質問（話題別）</h2><div id="topics"></div></section>
<section aria-labelledby="h-comments"><h2 id="h-comments">👎 とコメント</h2><div id="comments"></div></section>
<section aria-labelledby="h-days"><h2 id="h-days">日別の回答率</h2><div id="days"></div></section>
<section aria-labelledby="h-programs"><h2 id="h-programs">制度別の質問数</h2><div id="programs"></div></section>
<section aria-labelledby="h-questions"><h2 id="h-questions">質問一覧</h2><div id="questions"></div></section>
</main>
<script src="/admin/admin.js" defer></script>
</body>
</html>
`;
}
