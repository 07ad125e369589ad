import type OpenAI from 'openai';

/** The guide's strict `get_weather` parameters, shared by the end-to-end tests. */
export const cityParameters = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};

/** `get_weather` in the flat Responses shape. */
export function responsesWeatherTool(strict: boolean | null = true): OpenAI.Responses.FunctionTool {
  return {
    type: 'function',
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: cityParameters,
    strict,
  };
}

/** `get_weather` in the nested Chat shape (`strict` omitted when not given). */
export function chatWeatherTool(strict?: boolean): OpenAI.ChatCompletionTool {
  return {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather of a city.',
      parameters: cityParameters,
      ...(strict === undefined ? {} : { strict }),
    },
  };
}
