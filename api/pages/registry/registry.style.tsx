/** Extra rules for the registry and account forms; inline like the layout's (the CSP allows inline styles only). */
const css = `
form.stack{display:grid;gap:.2rem;max-width:760px}
form.stack label,fieldset legend{font-size:.88rem;color:var(--muted);margin-top:.6rem}
form.stack input[type=text],form.stack input[type=email],form.stack input[type=password],form.stack input[type=date],form.stack input[type=search],
form.stack select,form.stack textarea{width:100%;padding:.5rem .6rem;border:1px solid #b8c1cc;border-radius:6px;font:inherit;background:#fff}
form.stack textarea{min-height:5rem}
form.stack .btn{justify-self:start;margin-top:1rem}
fieldset{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem .7rem}
fieldset label{display:inline-flex;gap:.35rem;align-items:center;margin-right:1.2rem;color:var(--ink)}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin-bottom:1rem}
form.search label{display:grid;font-size:.8rem;color:var(--muted);gap:.15rem}
form.search input,form.search select{padding:.4rem .5rem;border:1px solid #b8c1cc;border-radius:6px;font:inherit;min-width:10rem}
form.inline{display:inline-flex;gap:.5rem;align-items:center;margin:0}
.notice{padding:.6rem .8rem;border-radius:6px;background:#e8f5e9;color:#1b4d20;border:1px solid #b9dfbb;margin-bottom:.75rem}
.field-error{color:#a3261b;font-size:.82rem}
.thumbs{display:flex;flex-wrap:wrap;gap:.8rem}
.thumbs figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.4rem;background:#fff;max-width:220px}
.thumbs img{display:block;max-width:200px;max-height:160px}
.thumbs figcaption{font-size:.78rem;color:var(--muted);overflow-wrap:anywhere}
.progress{height:.6rem;background:#e6e9ee;border-radius:999px;overflow:hidden;max-width:320px}
.progress>span{display:block;height:100%;background:var(--ok)}
.badge.draft{background:#7a8694}.badge.active{background:var(--ok)}.badge.withdrawn{background:#5f6b7a}
.badge.pending{background:#b26a00}.badge.rejected{background:var(--confirmed)}.badge.done{background:var(--ok)}.badge.failed{background:var(--confirmed)}.badge.running{background:var(--new)}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1rem;align-items:start}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
table.list td.rejected{color:#7a1c12}
.actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:center;margin-bottom:1rem}
`;

export function PortalStyle() {
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}
