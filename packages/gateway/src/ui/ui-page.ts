/**
 * The viewer's HTML shell. Everything else is drawn by `ui-app/app.js`; no CDN, no inline script, so a
 * strict Content-Security-Policy holds (docs/observability.md#trace-viewer).
 */
export function uiPage(built: boolean, pollMs: number): string {
  const body = built
    ? `<main id="app" data-poll-ms="${Math.trunc(pollMs)}"><p class="muted">Loading…</p></main>`
    : '<main id="app"><p>The viewer is not built: run <code>npm run build</code>.</p></main>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>toolbridge · traces</title>
<link rel="stylesheet" href="/ui/assets/style.css">
<script type="module" src="/ui/assets/app.js"></script>
</head>
<body>
<header class="top"><a href="#/" class="brand">toolbridge</a><span class="muted">tool-loop traces</span></header>
${body}
</body>
</html>
`;
}
