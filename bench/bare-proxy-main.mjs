// Child process: the bare-proxy baseline — node:http in, undici Pool out, bytes forwarded without
// parsing (the physical limit of a Node relay on this machine). argv[2] = upstream origin,
// argv[3] = the paced upstream's origin, used for paths under /paced/ (prefix stripped).
// Prints {"port":N} on stdout once listening.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const [origin, pacedOrigin] = process.argv.slice(2);
const pool = new Pool(origin, { connections: 128, keepAliveTimeout: 30_000 });
const pacedPool = new Pool(pacedOrigin ?? origin, { connections: 128, keepAliveTimeout: 30_000 });
const PACED = '/paced/';
// Hop-by-hop headers are not forwarded; the request body is re-sent whole, so undici sets its length.
const REQUEST_SKIP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);
const RESPONSE_SKIP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

function forwardHeaders(raw, skip) {
  const headers = {};
  for (const [name, value] of Object.entries(raw)) if (!skip.has(name)) headers[name] = value;
  return headers;
}

const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, async (request, response) => {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  try {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const paced = request.url.startsWith(PACED);
    const upstream = await (paced ? pacedPool : pool).request({
      path: paced ? request.url.slice(PACED.length - 1) : request.url,
      method: request.method,
      headers: forwardHeaders(request.headers, REQUEST_SKIP),
      body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
      signal: controller.signal,
    });
    response.writeHead(upstream.statusCode, forwardHeaders(upstream.headers, RESPONSE_SKIP));
    for await (const chunk of upstream.body) response.write(chunk);
    response.end();
  } catch (error) {
    if (!response.headersSent) {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { message: String(error?.message ?? error), type: 'bad_gateway' } }),
      );
    } else response.destroy();
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  Promise.all([pool.close(), pacedPool.close()]).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
