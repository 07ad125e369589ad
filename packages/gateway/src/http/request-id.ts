import type { IncomingMessage } from 'node:http';
import { ids } from '@toolbridge/core';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's `x-request-id` when it is a sane token, else a new `req_…` id. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && SAFE_ID.test(given)) return given;
  return ids.request();
}
