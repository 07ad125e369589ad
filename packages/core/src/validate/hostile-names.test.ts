import { describe, expect, it } from 'vitest';
import { issueToErrorBody } from './issue-to-error-body.js';
import { validateChatRequest } from './validate-chat-request.js';
import { validateResponsesRequest } from './validate-responses-request.js';

// JSON.parse makes `__proto__` an own key, as a wire body would; an object literal would not.
function parse(json: string): unknown {
  return JSON.parse(json);
}

const schema = '{"type":"object","properties":{},"required":[],"additionalProperties":false}';

function chatTool(name: string): string {
  return `{"type":"function","function":{"name":"${name}","parameters":${schema},"strict":true}}`;
}

describe('names that collide with Object.prototype', () => {
  it('__proto__ and constructor are valid tool names, and a forced __proto__ is found', () => {
    const body = parse(
      `{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[${chatTool('__proto__')},${chatTool('constructor')}],"tool_choice":{"type":"function","function":{"name":"__proto__"}}}`,
    );
    expect(validateChatRequest(body).ok).toBe(true);
  });

  it('a forced name inherited from Object.prototype is not a defined tool', () => {
    const body = parse(
      `{"model":"m","input":"hi","tools":[{"type":"function","name":"get_weather"}],"tool_choice":{"type":"function","name":"constructor"}}`,
    );
    const result = validateResponsesRequest(body);
    expect(
      result.ok ? undefined : issueToErrorBody(result.issues[0] ?? { code: '', path: [], message: '' }),
    ).toEqual({
      error: {
        message: "Tool choice 'constructor' not found in 'tools' parameter.",
        type: 'invalid_request_error',
        param: 'tool_choice',
        code: null,
      },
    });
  });

  it('two tools named __proto__ are duplicates', () => {
    const body = parse(
      `{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[${chatTool('__proto__')},${chatTool('__proto__')}]}`,
    );
    const result = validateChatRequest(body);
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual(['duplicate_tool_name']);
  });

  it('a top-level __proto__ key is an unknown parameter; a metadata __proto__ key is data', () => {
    const unknown = parse('{"model":"m","input":"hi","__proto__":{"tools":"x"}}');
    const result = validateResponsesRequest(unknown);
    expect(result.ok ? undefined : result.issues[0]?.message).toBe("Unknown parameter: '__proto__'.");
    expect(
      validateResponsesRequest(parse('{"model":"m","input":"hi","metadata":{"__proto__":"v"}}')).ok,
    ).toBe(true);
  });

  it('inherited fields are never read', () => {
    const body = Object.create({ model: 'gpt-5.4', tools: 'not-an-array' }) as Record<string, unknown>;
    body.messages = [{ role: 'user', content: 'hi' }];
    const result = validateChatRequest(body);
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual(['missing_model']);
  });
});
