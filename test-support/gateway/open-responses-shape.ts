/**
 * The Response object fields Open Responses requires, with their JSON types (docs/open-responses.md#response-object),
 * and a check that lists what a Response lacks. Our own restatement of the spec's schema, so e2e tests can
 * check every path (JSON, each stream event, GET, replay, WebSocket) without the official suite.
 */
type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

const REQUIRED: ReadonlyArray<[string, Kind, boolean]> = [
  // name, type, may be null
  ['id', 'string', false],
  ['object', 'string', false],
  ['created_at', 'integer', false],
  ['completed_at', 'integer', true],
  ['status', 'string', false],
  ['incomplete_details', 'object', true],
  ['model', 'string', false],
  ['previous_response_id', 'string', true],
  ['instructions', 'string', true],
  ['output', 'array', false],
  ['error', 'object', true],
  ['tools', 'array', false],
  ['truncation', 'string', false],
  ['parallel_tool_calls', 'boolean', false],
  ['text', 'object', false],
  ['top_p', 'number', false],
  ['presence_penalty', 'number', false],
  ['frequency_penalty', 'number', false],
  ['top_logprobs', 'integer', false],
  ['temperature', 'number', false],
  ['reasoning', 'object', true],
  ['usage', 'object', true],
  ['max_output_tokens', 'integer', true],
  ['max_tool_calls', 'integer', true],
  ['store', 'boolean', false],
  ['background', 'boolean', false],
  ['service_tier', 'string', false],
  ['safety_identifier', 'string', true],
  ['prompt_cache_key', 'string', true],
];

function kindOf(value: unknown): Kind | 'null' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object')
    return typeof value as Kind;
  return 'other';
}

/** The problems of a Response object against the spec's required fields; empty when it conforms. */
export function responseShapeProblems(response: unknown): string[] {
  if (typeof response !== 'object' || response === null) return ['not an object'];
  const record = response as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, kind, nullable] of REQUIRED) {
    if (!Object.hasOwn(record, name)) {
      problems.push(`${name}: missing`);
      continue;
    }
    const actual = kindOf(record[name]);
    const fits =
      actual === kind || (kind === 'number' && actual === 'integer') || (nullable && actual === 'null');
    if (!fits) problems.push(`${name}: ${actual} where ${nullable ? `${kind} or null` : kind} is required`);
  }
  const status = record['status'];
  if (status === 'completed' && typeof record['completed_at'] !== 'number')
    problems.push('completed_at: not set on a completed response');
  if (status === 'in_progress' && record['completed_at'] !== null)
    problems.push('completed_at: set while in progress');
  return problems;
}
