import { defineTool } from '@toolbridge/client';

/** The guide's strict `get_weather` parameters (docs/protocol/guide.md#chat-completions-example). */
export const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string', description: '城市名,如:北京' } },
  required: ['city'],
  additionalProperties: false,
};

/** The guide's weather tool: fake data for any city, as in the guide. */
export function weatherTool(options: { delayMs?: number } = {}) {
  const { delayMs = 0 } = options;
  const calls: string[] = [];
  const tool = defineTool<{ city: string }, { city: string; temp: string; condition: string }>({
    name: 'get_weather',
    description: '获取指定城市的当前天气',
    parameters: weatherParameters,
    strict: true,
    execute: async ({ city }, { signal }) => {
      calls.push(city);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs, signal));
      return { city, temp: '26°C', condition: '晴' };
    },
  });
  return { tool, calls };
}
