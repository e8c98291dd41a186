/** The console's stylesheet: one column that fits a phone (390 px wide) and widens on a desk. */
export const CONSOLE_CSS = `
:root { --ink:#1d2430; --muted:#667085; --line:#e4e7ec; --bg:#f7f8fa; --card:#fff; --accent:#1f6feb;
  --ok:#127a3e; --warn:#b54708; --bad:#b42318; font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font-size:16px; line-height:1.45; }
header { display:flex; flex-wrap:wrap; align-items:center; gap:.25rem 1rem; padding:.6rem 1rem; background:#111827; }
header a { color:#e5e7eb; text-decoration:none; }
header .brand { font-weight:700; font-size:1.1rem; color:#fff; margin-right:auto; }
header nav { display:flex; gap:.9rem; flex-wrap:wrap; font-size:.95rem; }
main { max-width:52rem; margin:0 auto; padding:1rem; }
h1 { font-size:1.3rem; margin:.2rem 0 1rem; }
h2 { font-size:1.05rem; margin:1.2rem 0 .5rem; }
.card { background:var(--card); border:1px solid var(--line); border-radius:12px; padding:1rem; margin:.75rem 0; }
label { display:block; font-weight:600; margin:.6rem 0 .25rem; }
textarea, input, select { width:100%; font:inherit; padding:.6rem; border:1px solid #cfd4dc; border-radius:8px; background:#fff; }
textarea { min-height:5.5rem; resize:vertical; }
.row { display:grid; grid-template-columns:repeat(auto-fit, minmax(9rem, 1fr)); gap:.6rem; }
button, .button { font:inherit; border:0; border-radius:10px; padding:.7rem 1.1rem; cursor:pointer; background:#e9edf3; color:var(--ink); min-height:44px; }
button.primary { background:var(--accent); color:#fff; font-weight:600; }
button.approve { background:var(--ok); color:#fff; font-weight:600; }
button.decline { background:#fff; color:var(--bad); border:1px solid var(--bad); }
button:disabled { opacity:.55; cursor:default; }
.actions { display:flex; gap:.6rem; flex-wrap:wrap; margin-top:.8rem; }
.actions button { flex:1 1 8rem; }
.muted { color:var(--muted); }
.rows li { padding:.4rem 0; border-bottom:1px solid var(--line); overflow-wrap:anywhere; }
label.check { font-weight:400; display:flex; gap:.5rem; align-items:center; }
label.check input { width:auto; }
.receipts li { padding:.45rem 0; border-bottom:1px solid var(--line); overflow-wrap:anywhere; }
.receipts .what { font-family:ui-monospace, Menlo, monospace; font-size:.85rem; color:var(--muted); }
.small { font-size:.85rem; }
.error { color:var(--bad); font-weight:600; }
.examples { display:flex; flex-wrap:wrap; gap:.4rem; margin:.5rem 0; }
.examples button { font-size:.85rem; padding:.35rem .7rem; min-height:auto; background:#eef2ff; }
ul.plain, ol.plain { list-style:none; padding:0; margin:0; }
.steps li { border-left:3px solid var(--line); padding:.35rem .6rem; margin:.3rem 0; overflow-wrap:anywhere; }
.steps li.ok { border-color:var(--ok); }
.steps li.bad { border-color:var(--bad); }
.steps li.wait { border-color:var(--warn); }
.steps li.thought { color:var(--muted); font-size:.9rem; }
.steps .tool { font-family:ui-monospace, Menlo, monospace; font-size:.88rem; }
.plan li { margin:.2rem 0; }
.plan li.done { color:var(--ok); }
.plan li.in_progress { font-weight:600; }
.understood li { margin:.25rem 0; }
.approval { border:2px solid var(--warn); background:#fffaf5; }
.approval h3 { margin:0 0 .5rem; font-size:1.1rem; overflow-wrap:anywhere; }
.approval dl { display:grid; grid-template-columns:max-content 1fr; gap:.25rem .8rem; margin:.5rem 0; }
.approval dt { color:var(--muted); }
.approval dd { margin:0; font-weight:600; overflow-wrap:anywhere; }
.answered { border-color:var(--line); background:#fff; }
.badge { display:inline-block; padding:.1rem .55rem; border-radius:999px; font-size:.85rem; font-weight:600; background:#eef2f6; }
.badge.done, .badge.finished, .badge.ok { background:#dcfae6; color:var(--ok); }
.badge.partial, .badge.running, .badge.cancelled, .badge.interrupted { background:#fef0c7; color:var(--warn); }
.badge.blocked, .badge.refused, .badge.failed, .badge.bad { background:#fee4e2; color:var(--bad); }
table { width:100%; border-collapse:collapse; font-size:.92rem; }
th, td { text-align:left; padding:.4rem .3rem; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
.history li { padding:.6rem 0; border-bottom:1px solid var(--line); }
.history a { color:var(--ink); text-decoration:none; display:block; }
.history .req { font-weight:600; }
.usage { display:flex; flex-wrap:wrap; gap:.3rem 1rem; font-size:.9rem; color:var(--muted); }
.search { display:flex; gap:.5rem; }
.search input { flex:1; }
.thinking::after { content:" …"; }
@media (max-width: 480px) { main { padding:.6rem; } .card { padding:.8rem; } header nav { gap:.7rem; } }
`;
