import { z } from 'zod';
import { createVirtualKey } from '../access/create-virtual-key.js';
import { describeKey } from '../access/describe-key.js';
import { type NewKeySpec, parseBudget, parseExpires } from '../access/key-spec.js';
import { PROJECT_NAME } from '../access/project-name.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import type { AccessStore } from '../storage/access-store.js';
import type { GatewayDeps } from './gateway-deps.js';
import { readJsonBody } from './read-json-body.js';

const createBody = z
  .object({
    project: z
      .string()
      .regex(PROJECT_NAME, 'use 1–64 letters, digits, _ . or -, starting with a letter or digit'),
    name: z.string().min(1).max(200).optional(),
    models: z.array(z.string().min(1)).min(1).optional(),
    rpm: z.number().int().positive().optional(),
    tpm: z.number().int().positive().optional(),
    budget: z
      .union([
        z.string(),
        z
          .object({ usd: z.number().nonnegative(), period: z.enum(['day', 'week', 'month', 'total']) })
          .strict(),
      ])
      .optional(),
    expires: z.union([z.string(), z.number().int().positive()]).optional(),
  })
  .strict();

function invalid(message: string, param: string | null): GatewayError {
  return new GatewayError({ code: 'invalid_request', message, param, openaiCode: 'invalid_value' });
}

function storeOf(deps: GatewayDeps): AccessStore {
  if (deps.accessStore === null) throw invalid('This gateway has no access store.', null);
  return deps.accessStore;
}

/** Reads a `POST /admin/keys` body into a key spec, with OpenAI-style 400s naming the field. */
async function readSpec(context: RequestContext, deps: GatewayDeps): Promise<NewKeySpec> {
  const parsed = createBody.safeParse(await readJsonBody(context, deps.config.maxBodyBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join('.') || null;
    throw invalid(
      `Invalid ${param === null ? 'body' : `'${param}'`}: ${issue?.message ?? 'invalid'}.`,
      param,
    );
  }
  const body = parsed.data;
  const budget = typeof body.budget === 'string' ? parseBudget(body.budget) : (body.budget ?? null);
  if (typeof budget === 'string') throw invalid(budget, 'budget');
  const expiresAt = typeof body.expires === 'string' ? parseExpires(body.expires) : (body.expires ?? null);
  if (typeof expiresAt === 'string') throw invalid(expiresAt, 'expires');
  if (expiresAt !== null && expiresAt * 1000 <= Date.now())
    throw invalid('expires is in the past.', 'expires');
  return {
    project: body.project,
    name: body.name ?? null,
    models: body.models ?? null,
    rpm: body.rpm ?? null,
    tpm: body.tpm ?? null,
    budget,
    expiresAt,
  };
}

function noSuchKey(id: string): GatewayError {
  return new GatewayError({ code: 'not_found', message: `No key with id '${id}'.`, openaiCode: null });
}

/** `POST /admin/keys`: a new virtual key; the secret is in this answer only. */
export async function handleAdminKeysCreate(context: RequestContext, deps: GatewayDeps): Promise<void> {
  context.log.route = 'admin.keys.create';
  const spec = await readSpec(context, deps);
  const store = storeOf(deps);
  let created: Awaited<ReturnType<typeof createVirtualKey>>;
  try {
    created = await createVirtualKey(store, spec);
  } catch (error) {
    if (error instanceof RangeError) throw invalid(error.message, null);
    throw error;
  }
  const view = await describeKey(store, created.record);
  sendJson(context.response, 201, { ...view, key: created.key }, { 'x-request-id': context.requestId });
}

/** `GET /admin/keys[?project=P]`: every key with its spend, oldest first. */
export async function handleAdminKeysList(
  context: RequestContext,
  deps: GatewayDeps,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'admin.keys.list';
  const store = storeOf(deps);
  const project = query.get('project');
  const records = await store.listKeys(project === null ? {} : { projectId: project });
  const data = await Promise.all(records.map((record) => describeKey(store, record)));
  sendJson(context.response, 200, { object: 'list', data }, { 'x-request-id': context.requestId });
}

/** `GET /admin/keys/{id}`: one key with its spend. */
export async function handleAdminKeysGet(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
): Promise<void> {
  context.log.route = 'admin.keys.get';
  const store = storeOf(deps);
  const record = await store.getKey(id);
  if (record === null) throw noSuchKey(id);
  sendJson(context.response, 200, await describeKey(store, record), { 'x-request-id': context.requestId });
}

/** `DELETE /admin/keys/{id}`: revokes the key (again: no change); answers with the revoked key. */
export async function handleAdminKeysRevoke(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
): Promise<void> {
  context.log.route = 'admin.keys.revoke';
  const store = storeOf(deps);
  await store.revokeKey(id, Math.floor(Date.now() / 1000));
  const record = await store.getKey(id);
  if (record === null) throw noSuchKey(id);
  const view = await describeKey(store, record);
  sendJson(context.response, 200, { ...view, revoked: true }, { 'x-request-id': context.requestId });
}
