/** The viewer's stylesheet, served as `/ui/assets/style.css` (kept in TypeScript so `tsc -b` ships it). */
export const uiStyle = `
:root { --fg:#1d2330; --muted:#6b7385; --line:#e3e6ee; --bg:#f7f8fb; --card:#fff; --accent:#3b5bdb;
  --call:#7048e8; --result:#0c8599; --warn:#e8590c; --ok:#2f9e44; --bad:#e03131; font-size:14px; }
* { box-sizing:border-box; }
body { margin:0; font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
code, pre, .mono { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
.top { display:flex; gap:12px; align-items:baseline; padding:12px 20px; background:var(--card); border-bottom:1px solid var(--line); }
.brand { font-weight:700; color:var(--accent); text-decoration:none; font-size:16px; }
.muted { color:var(--muted); }
main { padding:16px 20px; max-width:1280px; }
.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin-bottom:12px; }
.filters input, .filters select, button { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:6px; background:var(--card); }
button { cursor:pointer; }
.live { display:inline-flex; gap:6px; align-items:center; color:var(--muted); }
.live::before { content:""; width:8px; height:8px; border-radius:50%; background:var(--ok); }
table { width:100%; border-collapse:collapse; background:var(--card); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line); white-space:nowrap; }
th { font-weight:600; color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.03em; background:#fafbfd; }
tbody tr { cursor:pointer; }
tbody tr:hover { background:#f1f3fa; }
tr.fresh { animation:fresh 2s ease-out; }
@keyframes fresh { from { background:#e7f5ff; } to { background:transparent; } }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.pill { display:inline-block; padding:1px 7px; border-radius:10px; font-size:12px; background:#edf0f7; }
.pill.ok { background:#ebfbee; color:var(--ok); } .pill.bad { background:#fff5f5; color:var(--bad); }
.pill.warn { background:#fff4e6; color:var(--warn); } .pill.kind { background:#f3f0ff; color:var(--call); }
.more { margin-top:10px; }
.back { display:inline-block; margin-bottom:10px; color:var(--accent); text-decoration:none; }
h2 { margin:4px 0 12px; font-size:18px; }
.turn { border-left:3px solid var(--line); margin:18px 0 0; padding:0 0 0 14px; }
.turn-head { display:flex; flex-wrap:wrap; gap:6px 14px; align-items:baseline; padding:8px 12px; background:var(--card); border:1px solid var(--line); border-radius:8px; }
.turn-head strong { font-size:15px; }
.stat { color:var(--muted); } .stat b { color:var(--fg); font-weight:600; }
.notes { margin:6px 0 0; padding:6px 12px 6px 30px; background:#fff9db; border:1px solid #ffe066; border-radius:6px; font-size:12.5px; }
.notes li { margin:2px 0; }
.step { margin:10px 0 0; padding:10px 12px; background:var(--card); border:1px solid var(--line); border-radius:8px; }
.label code { text-transform:none; letter-spacing:0; }
.step .label { font-size:11px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin-bottom:4px; }
.step.user { border-left:3px solid var(--accent); }
.step.system { border-left:3px solid #adb5bd; }
.step.answer { border-left:3px solid var(--ok); }
.step.call { border-left:3px solid var(--call); }
.step.orphan { border-left:3px solid var(--bad); }
.call-head { display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; }
.call-name { font-weight:700; color:var(--call); }
pre { margin:6px 0 0; padding:8px 10px; background:#f8f9fc; border:1px solid var(--line); border-radius:6px; white-space:pre-wrap; word-break:break-word; max-height:320px; overflow:auto; }
.result { margin:8px 0 0 18px; padding:8px 10px; border-left:3px solid var(--result); background:#f3fbfc; border-radius:0 6px 6px 0; }
.result .label { color:var(--result); }
.repaired { margin-top:6px; }
.repaired summary { cursor:pointer; color:var(--warn); font-weight:600; }
.empty { padding:30px; text-align:center; color:var(--muted); background:var(--card); border:1px dashed var(--line); border-radius:8px; }
.error { color:var(--bad); }
`;
