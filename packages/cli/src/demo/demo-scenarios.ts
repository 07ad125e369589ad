/** One run of the demo: an endpoint, a question, streaming or not. */
export interface DemoScenario {
  api: 'chat' | 'responses';
  title: string;
  question: string;
  stream: boolean;
}

/** The guide's weather example — plain, streaming, and the two-city parallel variant — on one endpoint. */
export function demoScenarios(api: 'chat' | 'responses'): DemoScenario[] {
  const endpoint = api === 'chat' ? 'Chat Completions' : 'Responses';
  return [
    { api, title: `${endpoint} · plain`, question: '北京天气怎么样?', stream: false },
    { api, title: `${endpoint} · streaming`, question: '北京天气怎么样?', stream: true },
    { api, title: `${endpoint} · parallel calls`, question: '北京和上海的天气怎么样?', stream: false },
  ];
}
