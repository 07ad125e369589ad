import { describe, expect, it } from 'vitest';
import { canonicalRequest } from './canonical-request.js';
import { describeDifference, requestDifferences } from './request-differences.js';

// Matching a live request to a recorded one (docs/cassettes.md#matching): what varies between runs
// is ignored, what changes the conversation is not.
const key = (body: unknown, redact: string[] = [], path = '/chat/completions') =>
  canonicalRequest({ path, body: typeof body === 'string' ? body : JSON.stringify(body), redact }).key;

const turn = (callId: string, args: string, extra: Record<string, unknown> = {}) => ({
  model: 'm',
  messages: [
    { role: 'user', content: 'Weather in Paris?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: args } }],
    },
    { role: 'tool', tool_call_id: callId, content: '18C' },
  ],
  ...extra,
});

describe('canonicalRequest', () => {
  it('ignores ids, timestamps, key order, whitespace and the formatting of JSON inside strings', () => {
    const recorded = key(
      turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{"city":"Paris"}', { metadata: { at: '2026-01-01T10:00:00Z' } }),
    );
    const live = `{"metadata":{"at":"2027-05-05T08:30:00.123Z"},"messages":[{"content":"  Weather   in Paris? ","role":"user"},
      {"role":"assistant","content":null,"tool_calls":[{"id":"call_BBBBBBBBBBBBBBBBBBBBBBBB","type":"function","function":{"name":"get_weather","arguments":"{ \\"city\\" : \\"Paris\\" }"}}]},
      {"role":"tool","tool_call_id":"call_BBBBBBBBBBBBBBBBBBBBBBBB","content":"18C"}],"model":"m"}`;
    expect(key(live)).toBe(recorded);
  });

  it('still tells apart what matters: content, arguments, pairing, the path', () => {
    const base = key(turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{"city":"Paris"}'));
    expect(key(turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{"city":"Oslo"}'))).not.toBe(base);
    const unpaired = turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{"city":"Paris"}');
    (unpaired.messages[2] as { tool_call_id: string }).tool_call_id = 'call_CCCCCCCCCCCCCCCCCCCCCCCC';
    expect(key(unpaired)).not.toBe(base);
    expect(key(turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{"city":"Paris"}'), [], '/responses')).not.toBe(base);
  });

  it('leaves out the --redact fields, by name anywhere or by pointer', () => {
    const one = turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{}', {
      user: 'alice',
      metadata: { session: '1', keep: 'x' },
    });
    const two = turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{}', {
      user: 'bob',
      metadata: { session: '2', keep: 'x' },
    });
    expect(key(one)).not.toBe(key(two));
    expect(key(one, ['user', '/metadata/session'])).toBe(key(two, ['user', '/metadata/session']));
    expect(key(one, ['user'])).not.toBe(key(two, ['user']));
  });
});

describe('requestDifferences', () => {
  it('points at the first field that differs, inside JSON strings too', () => {
    const recorded = canonicalRequest({
      path: '/x',
      body: turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{"city":"Paris"}'),
      redact: [],
    });
    const live = canonicalRequest({
      path: '/x',
      body: turn('call_AAAAAAAAAAAAAAAAAAAAAAAA', '{"city":"Oslo"}', { temperature: 1 }),
      redact: [],
    });
    const differences = requestDifferences(recorded.canonical, live.canonical);
    expect(differences).toEqual([
      { pointer: '/messages/1/tool_calls/0/function/arguments/city', kind: 'differs' },
      { pointer: '/temperature', kind: 'extra' },
    ]);
    expect(describeDifference(differences[1] ?? { pointer: '', kind: 'differs' })).toBe(
      '/temperature is in this request but not in the recording',
    );
  });
});
