/** The result of parsing untrusted JSON: never throws. */
export type JsonParseResult = { success: true; value: unknown } | { success: false; error: SyntaxError };

/** Parses model or wire data without throwing; callers branch on `success`. */
export function safeParseJson(text: string): JsonParseResult {
  try {
    return { success: true, value: JSON.parse(text) };
  } catch (error) {
    return { success: false, error: error instanceof SyntaxError ? error : new SyntaxError(String(error)) };
  }
}
