import type { ServerResponse } from 'node:http';
import { sendError } from './send-error.js';
import { invalidRequest } from './upstream-error.js';

const CREATED = 1_767_225_600;

function model(id: string): { id: string; object: 'model'; created: number; owned_by: string } {
  return { id, object: 'model', created: CREATED, owned_by: 'scripted-upstream' };
}

/** `GET /v1/models` and `GET /v1/models/{id}` over the configured model ids. */
export function handleModels(
  response: ServerResponse,
  options: { models: readonly string[]; id: string | null; requestId: string },
): void {
  const { models, id, requestId } = options;
  let body: unknown;
  if (id === null) body = { object: 'list', data: models.map(model) };
  else if (models.includes(id)) body = model(id);
  else {
    const message = `The model '${id}' does not exist or you do not have access to it.`;
    sendError(response, { ...invalidRequest(message, null, 'model_not_found'), status: 404 }, requestId);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
  });
  response.end(text);
}
