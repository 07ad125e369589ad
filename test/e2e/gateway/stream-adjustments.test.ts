import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';

const parameters = cityParameters;

// A repair known before the headers go out is named in x-toolbridge-adjusted; one made after (the
// upstream paces its chunks, #delay) is reported in a final SSE comment line.
describe.each(['chat', 'responses'] as const)('mid-stream adjustments over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });

  async function rawStream(path: string, body: unknown): Promise<string> {
    return (await rawResponse(path, body)).text;
  }

  async function rawResponse(
    path: string,
    body: unknown,
  ): Promise<{ text: string; adjusted: string | null }> {
    const response = await fetch(`${harness.baseURL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return { adjusted: response.headers.get('x-toolbridge-adjusted'), text: await response.text() };
  }

  it('names a repaired call in a comment line of a Chat stream', async () => {
    const text = await rawStream('/chat/completions', {
      model: 'gpt-5.4',
      stream: true,
      messages: [{ role: 'user', content: '北京天气怎么样? #invalid-once #delay=3' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters, strict: true } }],
    });
    expect(text).toContain(": x-toolbridge-adjusted: repaired a call to 'get_weather'\n\n");
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('names a repaired call in a comment line of a Responses stream', async () => {
    const text = await rawStream('/responses', {
      model: 'gpt-5.4',
      stream: true,
      input: '北京天气怎么样? #invalid-once #delay=3',
      tools: [{ type: 'function', name: 'get_weather', parameters, strict: true }],
    });
    expect(text).toContain(": x-toolbridge-adjusted: repaired a call to 'get_weather'\n\n");
    expect(text).toContain('event: response.completed');
  });

  it('names a repair in the header when the whole answer arrived before the headers went out', async () => {
    const { text, adjusted } = await rawResponse('/responses', {
      model: 'gpt-5.4',
      stream: true,
      input: '北京天气怎么样? #invalid-once',
      tools: [{ type: 'function', name: 'get_weather', parameters, strict: true }],
    });
    expect(adjusted).toContain("repaired a call to 'get_weather'");
    expect(text).not.toContain(': x-toolbridge-adjusted');
    expect(text).toContain('event: response.completed');
  });

  it('sends no comment when nothing was adjusted', async () => {
    const text = await rawStream('/chat/completions', {
      model: 'gpt-5.4',
      stream: true,
      messages: [{ role: 'user', content: '北京天气怎么样?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters, strict: true } }],
    });
    expect(text).not.toContain(': x-toolbridge-adjusted');
  });
});
