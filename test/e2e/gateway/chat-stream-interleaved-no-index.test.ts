import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// An upstream that interleaves parallel calls and leaves out `index` (scripted `#no-index #interleave`)
// sends argument fragments nobody can attribute. The Chat route must fail the stream cleanly — an error
// chunk and no [DONE] — never forward two calls' arguments spliced together
// (docs/protocol/chat-completions.md#reading-upstream-streams).
describe('Chat stream from an upstream interleaving index-less calls', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });

  it('ends with an error chunk and no [DONE], and no call carries spliced arguments', async () => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-5.4',
        stream: true,
        tools: [chatWeatherTool()],
        messages: [
          { role: 'user', content: 'Weather in Paris and Oslo? #no-index #interleave #fragments=3' },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const frames = (await response.text())
      .split('\n\n')
      .map((frame) => frame.trim())
      .filter((frame) => frame.startsWith('data: '))
      .map((frame) => frame.slice('data: '.length));
    expect(frames).not.toContain('[DONE]');
    const last = JSON.parse(frames.at(-1) ?? '{}') as { error?: { code?: string } };
    expect(last.error?.code).toBe('upstream_invalid_response');
    const fragments = new Map<number, string>();
    for (const frame of frames.slice(0, -1)) {
      const chunk = JSON.parse(frame) as {
        choices: Array<{
          delta: { tool_calls?: Array<{ index: number; function?: { arguments?: string } }> };
        }>;
      };
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        fragments.set(call.index, (fragments.get(call.index) ?? '') + (call.function?.arguments ?? ''));
      }
    }
    for (const text of fragments.values()) expect(text).not.toMatch(/\{"cit\{|Py|Oaris/);
  });
});
