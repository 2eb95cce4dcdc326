/** Inline so the UI works offline and under a strict CSP: no external assets, no CDN. */
export const css = `
*,*::before,*::after{box-sizing:border-box}
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#dde3ea;--bg:#f5f7fa;--card:#fff;--brand:#8a1c1c;--brand-dark:#6d1414;--link:#1d4f91;
--new:#1d4f91;--confirmed:#a3261b;--dismissed:#5f6b7a;--ok:#2e7d32}
html{font-size:15px}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
header.top{background:var(--brand);color:#fff}
header.top .bar{max-width:1280px;margin:0 auto;padding:.6rem 1.25rem;display:flex;align-items:center;gap:1.25rem;flex-wrap:wrap}
header.top .brand{font-weight:700;font-size:1.15rem;color:#fff;letter-spacing:.02em}
header.top .tagline{font-size:.85rem;opacity:.85;flex:1;min-width:12rem}
header.top nav{display:flex;align-items:center;gap:1rem}
header.top nav a,header.top nav button{color:#fff;font-size:.9rem}
header.top .who{font-size:.85rem;opacity:.9}
header.top form{margin:0}
button.linklike{background:none;border:0;padding:0;cursor:pointer;font:inherit;text-decoration:underline}
main{max-width:1280px;margin:0 auto;padding:1.25rem}
h1{font-size:1.45rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:0 0 .75rem}
h3{font-size:.95rem;margin:1rem 0 .4rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.15rem;margin-bottom:1rem}
table.list{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
table.list th,table.list td{padding:.55rem .7rem;text-align:left;border-bottom:1px solid var(--line);vertical-align:top}
table.list th{background:#eef1f5;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
table.list tr:last-child td{border-bottom:0}
table.list tbody tr:hover{background:#f9fafc}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:.1rem .55rem;border-radius:999px;font-size:.78rem;font-weight:600;color:#fff;background:var(--muted);white-space:nowrap}
.badge.new{background:var(--new)}.badge.confirmed{background:var(--confirmed)}.badge.dismissed{background:var(--dismissed)}
.badge.notice_sent,.badge.not_removed{background:#b26a00}.badge.removed{background:var(--ok)}
.filters{display:flex;gap:.5rem;align-items:center;margin-bottom:1rem;flex-wrap:wrap}
.filters a{padding:.25rem .7rem;border:1px solid var(--line);border-radius:999px;background:#fff;font-size:.85rem;color:var(--ink)}
.filters a.active{background:var(--ink);color:#fff;border-color:var(--ink)}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem;align-items:start}
@media (max-width:900px){.side{grid-template-columns:1fr}}
.side>.card h2{padding-bottom:.5rem;border-bottom:2px solid var(--line)}
.side>.card.work h2{border-color:var(--ok)}.side>.card.listing h2{border-color:var(--confirmed)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.75rem 0 0}
dl.meta dt{color:var(--muted);font-size:.88rem}dl.meta dd{margin:0;overflow-wrap:anywhere}
.images{display:flex;flex-wrap:wrap;gap:.6rem}
.frame{position:relative;display:inline-block;max-width:100%;border:1px solid var(--line);border-radius:6px;overflow:hidden;background:#fafafa;line-height:0}
.frame img{display:block;max-width:100%;max-height:320px;height:auto}
.images.one .frame img{max-height:380px}
.frame .region{position:absolute;border:3px solid #ffcc00;box-shadow:0 0 0 1px #000,inset 0 0 0 1px #000;background:rgba(255,204,0,.12)}
.frame .cap{position:absolute;left:0;bottom:0;background:rgba(0,0,0,.6);color:#fff;font-size:.72rem;line-height:1.4;padding:.1rem .4rem}
.muted{color:var(--muted)}.small{font-size:.85rem}
.price{font-size:1.2rem;font-weight:700;color:var(--confirmed)}
.signal{border-top:1px solid var(--line);padding:.8rem 0}.signal:first-of-type{border-top:0;padding-top:0}
.signal .head{display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.signal .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin-top:.6rem}
.signal .pair figure{margin:0}.signal .pair figcaption{font-size:.8rem;color:var(--muted);margin-top:.25rem}
mark{background:#ffe58a;padding:0 .1em;border-radius:2px}
.quote{background:#fafbfc;border-left:3px solid var(--line);padding:.5rem .75rem;margin:.5rem 0;white-space:pre-wrap}
code.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8rem;overflow-wrap:anywhere}
.evidence{display:grid;grid-template-columns:minmax(160px,260px) 1fr;gap:1rem;align-items:start}
@media (max-width:700px){.evidence{grid-template-columns:1fr}}
.evidence .shot{display:block;max-height:420px;overflow:hidden;border:1px solid var(--line);border-radius:6px}
.evidence .shot img{width:100%;display:block}
.review{display:flex;gap:.6rem;align-items:flex-end;flex-wrap:wrap}
.review textarea{flex:1;min-width:16rem;min-height:2.6rem;padding:.45rem;border:1px solid var(--line);border-radius:6px;font:inherit}
.btn{display:inline-block;padding:.5rem 1rem;border-radius:6px;border:1px solid transparent;font:inherit;font-weight:600;cursor:pointer}
.btn.danger{background:var(--confirmed);color:#fff}.btn.danger:hover{background:#821e15}
.btn.plain{background:#fff;border-color:#b8c1cc;color:var(--ink)}.btn.plain:hover{background:#f0f2f5}
.btn.primary{background:var(--brand);color:#fff}.btn.primary:hover{background:var(--brand-dark)}
.login{max-width:380px;margin:3rem auto}
.login label{display:block;font-size:.88rem;color:var(--muted);margin:.75rem 0 .25rem}
.login input{width:100%;padding:.55rem .6rem;border:1px solid #b8c1cc;border-radius:6px;font:inherit}
.login .btn{width:100%;margin-top:1.2rem}
.alert{padding:.6rem .8rem;border-radius:6px;background:#fdecea;color:#7a1c12;border:1px solid #f5c2bc;margin-bottom:.75rem}
.pager{margin-top:1rem}
.history{margin:.5rem 0 0;padding-left:1.1rem;font-size:.88rem}
`;
