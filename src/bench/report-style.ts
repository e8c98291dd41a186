/** The report's stylesheet: light and dark, a table on a laptop, cards on a phone. */
export const REPORT_CSS = `
:root{--bg:#f6f6f3;--card:#fff;--fg:#1c1c1f;--muted:#6c6c73;--line:#e3e3de;--track:#ececE7;
--good:#2e9a68;--mid:#d8961b;--bad:#cf4437;--accent:#3866d4;--soft:#eef2fc;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC","Noto Sans CJK SC",monospace}
@media (prefers-color-scheme:dark){:root{--bg:#131315;--card:#1c1c20;--fg:#e8e8ec;--muted:#9a9aa3;--line:#2d2d33;
--track:#2a2a30;--soft:#1f2740}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 var(--sans);-webkit-text-size-adjust:100%}
main{max-width:1200px;margin:0 auto;padding:20px 16px 48px}
h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:18px;margin:32px 0 12px}
h3{font-size:14px;margin:0 0 2px}
h4{font-size:13px;margin:12px 0 4px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.sub,.muted,.note{color:var(--muted)}
.note{font-size:12.5px;margin:0 0 8px}
code,.mono{font-family:var(--mono);font-size:.92em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(168px,1fr));gap:10px;margin-top:18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.card .k{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .k sup{text-transform:none;line-height:0;font-size:.85em}
.card .v{font-size:26px;font-weight:650;font-variant-numeric:tabular-nums;margin:2px 0}
.card .d{font-size:12.5px;color:var(--muted)}
.card.hero{grid-column:span 2}.card.hero .v{font-size:40px}
.v.good{color:var(--good)}.v.mid{color:var(--mid)}.v.bad{color:var(--bad)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px}
.chart{width:100%;height:auto;display:block;margin-top:6px;font-family:var(--sans)}
.chart text{fill:var(--fg);font-size:12px}.chart .tick,.chart .axis,.chart .muted{fill:var(--muted);font-size:11px}
.chart .value{font-weight:600;font-variant-numeric:tabular-nums}
.chart .track{fill:var(--track)}.chart .grid{stroke:var(--line);stroke-width:1}
.chart .good{fill:var(--good)}.chart .mid{fill:var(--mid)}.chart .bad{fill:var(--bad)}
.chart .line{fill:none;stroke:var(--accent);stroke-width:2.5;stroke-linejoin:round}
.chart .area{fill:var(--accent);opacity:.12}.chart .dot{fill:var(--accent);stroke:var(--card);stroke-width:1.5}
.chart .dot.good{fill:var(--good)}.chart .dot.mid{fill:var(--mid)}.chart .dot.bad{fill:var(--bad)}
.chart .count{fill:#fff;font-size:10px;font-weight:700}
.empty{color:var(--muted);font-style:italic}
.tools{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 10px}
.tools button{font:inherit;font-size:13px;border:1px solid var(--line);background:var(--card);color:var(--fg);
border-radius:999px;padding:4px 12px;cursor:pointer}
.tools button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
.tools input{font:inherit;font-size:14px;flex:1 1 180px;min-width:0;padding:5px 10px;border-radius:8px;
border:1px solid var(--line);background:var(--card);color:var(--fg)}
.tasks{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
.row{display:grid;grid-template-columns:72px minmax(130px,1.2fr) 40px 132px 84px minmax(160px,2.6fr) 56px 48px 56px 64px 64px;
gap:10px;align-items:center;padding:8px 12px;font-variant-numeric:tabular-nums}
.row>span{min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.row .n{text-align:right}
.thead{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em;border-bottom:1px solid var(--line)}
details.task{border-bottom:1px solid var(--line)}details.task:last-child{border-bottom:0}
details.task>summary{list-style:none;cursor:pointer}details.task>summary::-webkit-details-marker{display:none}
details.task>summary:hover{background:var(--soft)}
details.task[open]>summary{background:var(--soft)}
.chev{display:inline-block;width:10px;color:var(--muted);transition:transform .15s}
details[open]>summary .chev{transform:rotate(90deg)}
.pill{display:inline-block;font-size:11.5px;font-weight:650;border-radius:999px;padding:1px 8px;color:#fff}
.pill.pass,.pill.good{background:var(--good)}.pill.flaky,.pill.mid{background:var(--mid)}
.pill.fail,.pill.bad{background:var(--bad)}.pill.none{background:var(--muted)}
.id{font-family:var(--mono);font-size:13px}
.body{padding:6px 16px 16px 16px}
.request{font-size:16px;margin:6px 0 4px;overflow-wrap:anywhere}
.meta{font-size:13px;color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 14px}
details.trial{border:1px solid var(--line);border-radius:8px;margin-top:10px;padding:0 12px}
details.trial>summary{cursor:pointer;padding:8px 0;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
details.trial.fail{border-left:4px solid var(--bad)}details.trial.pass{border-left:4px solid var(--good)}
details.trial .figs{font-size:12.5px;color:var(--muted)}
ol.timeline{list-style:none;margin:0 0 10px;padding:0;font-family:var(--mono);font-size:12.5px}
ol.timeline li{display:grid;grid-template-columns:28px 66px 1fr;gap:8px;padding:3px 0;border-top:1px dashed var(--line)}
ol.timeline .step{color:var(--muted);text-align:right}
ol.timeline .text{overflow-wrap:anywhere;white-space:pre-wrap}
.kind{font-size:11px;font-weight:650;border-radius:4px;padding:0 6px;text-align:center;align-self:start;font-family:var(--sans)}
.k-action .kind{background:#e2ecff;color:#224a9e}.k-denied .kind{background:#fde3e0;color:#a1281d}
.k-failed .kind{background:#fff0d6;color:#8a5600}.k-flagged .kind{background:#f1e4ff;color:#6232a8}
.k-finish .kind{background:#ddf3e8;color:#1d6b47}.k-note .kind{background:var(--track);color:var(--muted)}
.k-denied .text{color:var(--bad)}.k-failed .text{color:var(--mid)}
@media (prefers-color-scheme:dark){.k-action .kind{background:#22335a;color:#b9ceff}.k-denied .kind{background:#4a2220;color:#ffb4ab}
.k-failed .kind{background:#45341a;color:#ffd28a}.k-flagged .kind{background:#36264d;color:#dcc2ff}.k-finish .kind{background:#1d3d2e;color:#a6e5c6}}
ul.issues{margin:0 0 10px;padding-left:18px;font-size:13.5px;overflow-wrap:anywhere}
ul.failures li::marker{color:var(--bad)}ul.collateral li::marker{color:var(--mid)}
.error{color:var(--bad);font-size:13px;margin:0 0 8px;overflow-wrap:anywhere}
footer{margin-top:28px;font-size:12.5px;color:var(--muted)}
@media (max-width:880px){
.card.hero{grid-column:1/-1}.card.hero .v{font-size:34px}
.row.thead{display:none}
.row{display:flex;flex-wrap:wrap;gap:2px 12px;padding:10px 12px}
.row>span{white-space:normal}
.row .c-status{order:0}.row .c-id{order:1;flex:1 1 0}.row .c-pass{order:2;font-weight:650}
.row .c-req{order:3;flex:1 1 100%;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.row .c-x{order:4;font-size:12.5px;color:var(--muted)}
.row .c-x::before{content:attr(data-label) " "}
details.task[open]>summary .c-req{display:none}
.body{padding:4px 10px 12px}
ol.timeline li{grid-template-columns:22px 58px 1fr;gap:6px}
}
`;
