import { defineTool } from '@toolbridge/client';

const FAKE_WEATHER: Record<string, { temp: string; condition: string }> = {
  北京: { temp: '26°C', condition: '晴' },
  上海: { temp: '28°C', condition: '多云' },
  Beijing: { temp: '26°C', condition: 'sunny' },
  Shanghai: { temp: '28°C', condition: 'cloudy' },
};

/** The guide's `get_weather` tool: strict schema, and local "execution" with fake data as the guide does. */
export const weatherTool = defineTool({
  name: 'get_weather',
  description: '获取指定城市的当前天气',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', description: '城市名,如:北京' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
  execute: ({ city }: { city: string }) => ({
    city,
    ...(FAKE_WEATHER[city] ?? { temp: '20°C', condition: '晴' }),
  }),
});
