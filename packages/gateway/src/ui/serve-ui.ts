import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { RequestContext } from '../http/request-context.js';
import { uiAssets } from './ui-assets.js';
import { uiPage } from './ui-page.js';
import { uiStyle } from './ui-style.js';

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

function send(context: RequestContext, body: string | Buffer, contentType: string): void {
  context.response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-request-id': context.requestId,
  });
  context.response.end(context.request.method === 'HEAD' ? undefined : body);
}

/**
 * `GET /ui` and its assets: the trace viewer, served by the gateway itself from files built into the
 * package (docs/observability.md#trace-viewer). Unknown asset names are a 404; no path reaches the disk.
 */
export function serveUi(context: RequestContext, path: string): void {
  context.log.route = 'ui';
  const assets = uiAssets();
  if (path === '') {
    send(context, uiPage(assets.has('app.js'), gatewayDefaults.uiPollMs), 'text/html; charset=utf-8');
    return;
  }
  if (path === 'assets/style.css') {
    send(context, uiStyle, 'text/css; charset=utf-8');
    return;
  }
  const asset = path.startsWith('assets/') ? assets.get(path.slice('assets/'.length)) : undefined;
  if (asset === undefined) {
    throw new GatewayError({
      code: 'not_found',
      message: `No viewer file at /ui/${path}.`,
      openaiCode: null,
    });
  }
  send(context, asset.body, asset.contentType);
}
