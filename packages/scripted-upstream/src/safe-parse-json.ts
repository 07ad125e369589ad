/** Result of {@link safeParseJson}: never throws. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses untrusted JSON text into a result instead of throwing. */
export function safeParseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
