import type { ConversationView } from './analyse-conversation.js';
import { buildArguments, entitySlots } from './build-arguments.js';
import { findCities } from './city-gazetteer.js';
import { corruptArguments } from './corrupt-arguments.js';
import { rankTools } from './rank-tools.js';
import type { ScriptedDirectives } from './scripted-directives.js';
import { scriptedIds } from './scripted-ids.js';
import type { ScriptedRequest, ToolSpec } from './scripted-request.js';
import type { PlannedCall, Turn } from './turn.js';

/** Inputs of {@link planTurn}. */
export interface PlanTurnInput {
  request: ScriptedRequest;
  view: ConversationView;
  directives: ScriptedDirectives;
}

interface CallSketch {
  tool: ToolSpec;
  entity: string;
}

function candidateTools(request: ScriptedRequest, directives: ScriptedDirectives): ToolSpec[] {
  const { tools, toolChoice } = request;
  if (directives.ignoreToolChoice) return tools;
  switch (toolChoice.kind) {
    case 'none':
      return [];
    case 'function':
      return tools.filter((tool) => tool.name === toolChoice.name).slice(0, 1);
    case 'allowed':
      return tools.filter((tool) => toolChoice.names.includes(tool.name));
    default:
      return tools;
  }
}

function sketchCalls(
  request: ScriptedRequest,
  view: ConversationView,
  directives: ScriptedDirectives,
): CallSketch[] {
  const ranked = rankTools(candidateTools(request, directives), view.question);
  const tool = ranked[0];
  if (tool === undefined) return [];
  const cities = findCities(view.question);
  const slots = entitySlots(tool.parameters);
  const entity = cities[0] ?? view.question;
  const splits = cities.length >= 2 && slots.single && !slots.list;
  let sketches = (splits ? cities : [entity]).map((each) => ({ tool, entity: each }));
  if (!request.parallelToolCalls) sketches = sketches.slice(0, 1);
  if ((directives.parallel || directives.interleave) && sketches.length < 2) {
    const second = cities[1];
    sketches.push(second !== undefined ? { tool, entity: second } : { tool: ranked[1] ?? tool, entity });
  }
  return sketches;
}

function withoutNullKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null));
}

function unknownToolName(tools: readonly ToolSpec[]): string {
  let name = 'scripted_unknown_tool';
  while (tools.some((tool) => tool.name === name)) name += '_x';
  return name;
}

function renderCall(sketch: CallSketch, input: PlanTurnInput, cities: string[]): PlannedCall {
  const { request, view, directives } = input;
  const entities = cities.length > 0 ? cities : [view.question];
  const value = buildArguments(sketch.tool.parameters, {
    entity: sketch.entity,
    entities,
    message: view.question,
  });
  // `#drop-strict`: like a model that never saw `strict`, leave out the keys it may set to null.
  const valid = JSON.stringify(directives.dropStrict ? withoutNullKeys(value) : value);
  let args = valid;
  if (directives.invalidJson || (directives.invalidOnce && !view.retryRequested))
    args = corruptArguments.invalidJson(valid);
  else if (directives.schemaViolation) args = corruptArguments.schemaViolation(value);
  return {
    callId: scriptedIds.call(),
    itemId: scriptedIds.functionCall(),
    name: directives.unknownTool ? unknownToolName(request.tools) : sketch.tool.name,
    arguments: args,
  };
}

/**
 * A text answer; with structured output asked for, that text as JSON following the schema (built as
 * call arguments are, every free string the answer's text), as a model under `strict` writes it.
 */
function answer(text: string, input: PlanTurnInput): Turn {
  const schema = input.request.outputSchema;
  if (schema === undefined) return { kind: 'text', text, finishReason: 'stop' };
  const value = buildArguments(schema, { entity: text, entities: [text], message: input.view.question });
  return { kind: 'text', text: JSON.stringify(value), finishReason: 'stop' };
}

function textTurn(input: PlanTurnInput): Turn {
  const { view } = input;
  return answer(view.question === '' ? 'Hello from the scripted upstream.' : `Echo: ${view.question}`, input);
}

/**
 * Decides the assistant turn from the conversation alone (the upstream is stateless):
 * 1. tool results after the last user message → a text answer quoting each (`label: output`);
 * 2. tools offered and allowed → calls with schema-built arguments, one per city when parallel;
 * 3. otherwise → a text answer echoing the question.
 * `required` choices always call; a retry after a deliberately broken call calls again.
 */
export function planTurn(input: PlanTurnInput): Turn {
  const { request, view, directives } = input;
  const choice = request.toolChoice;
  const required =
    !directives.ignoreToolChoice &&
    (choice.kind === 'required' || (choice.kind === 'allowed' && choice.mode === 'required'));
  const broken =
    directives.invalidJson || directives.schemaViolation || directives.invalidOnce || directives.unknownTool;
  const retrying = broken && view.retryRequested;
  if (view.trailingResults.length > 0 && !retrying && !required) {
    const text = view.trailingResults.map((result) => `${result.label}: ${result.output}`).join('\n');
    return answer(text, input);
  }
  if (directives.text || (directives.textOnce && !view.callRequested)) return textTurn(input);
  const sketches = sketchCalls(request, view, directives);
  if (sketches.length === 0) return textTurn(input);
  const cities = findCities(view.question);
  const calls = sketches.map((sketch) => renderCall(sketch, input, cities));
  const forced = choice.kind === 'function' && !directives.ignoreToolChoice;
  // OpenAI reports `stop`, not `tool_calls`, when a named function was forced
  // (docs/protocol/tool-choice.md#effect-on-finish_reason).
  return { kind: 'calls', calls, finishReason: forced ? 'stop' : 'tool_calls' };
}
