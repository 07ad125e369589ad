/** The OpenAI convention for the upstream key: `Authorization: Bearer <key>`. */
export function bearerAuth(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}` };
}
