const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small standalone page for the end of an OAuth round trip that did not connect a shop. */
export function messagePage(title: string, message: string, status: number): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} · Stockroom</title>
<style>body{font-family:system-ui,sans-serif;background:#f9fafb;color:#111827;display:grid;place-items:center;min-height:100vh;margin:0}main{background:#fff;padding:32px;border-radius:8px;max-width:480px;box-shadow:0 1px 3px #0001}a{color:#4f46e5;font-weight:600}</style></head>
<body><main><h1>${escape(title)}</h1><p role="alert">${escape(message)}</p><p><a href="/connections">Back to Connections</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
