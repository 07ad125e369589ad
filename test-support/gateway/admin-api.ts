/** A small client of the gateway's admin API (`/admin/keys`, docs/configuration.md#the-admin-api). */
export interface AdminApi {
  request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Creates a virtual key and returns its secret and id (fails the test on a non-201). */
  createKey(spec: Record<string, unknown>): Promise<{ key: string; id: string }>;
}

/** Talks to `origin` (the gateway's `http://host:port`) with the admin key. */
export function adminApi(origin: string, adminKey: string): AdminApi {
  const request: AdminApi['request'] = async (method, path, body) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    request,
    async createKey(spec) {
      const created = await request('POST', '/admin/keys', spec);
      if (created.status !== 201) throw new Error(`key not created: ${JSON.stringify(created.body)}`);
      return { key: String(created.body['key']), id: String(created.body['id']) };
    },
  };
}

/**
 * Waits, when the current minute is about to end, for the next one: rate windows are fixed minutes,
 * and a test that counts requests must not straddle two of them.
 */
export async function awaitRoomInMinute(neededMs = 15_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
