import { CoreError } from '../../errors/core-error.js';
import type {
  CanonicalFunctionCall,
  CanonicalFunctionCallOutput,
  CanonicalItem,
  JsonObject,
} from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';
import { safeParseJson } from '../../json/safe-parse-json.js';
import { withFields } from '../../json/with-fields.js';
import type { GeminiContent, GeminiPart } from '../../protocol/gemini/types.js';
import type { Adjustments } from '../content-parts.js';
import { toGeminiFunctionName } from './gemini-function-name.js';
import { contentText, contentToGeminiParts, toFunctionResponseObject } from './gemini-parts.js';
import { readGeminiSignature, recordedGeminiId, splitThoughtSuffix } from './gemini-provider-state.js';

/**
 * The `thoughtSignature` value Google documents for history whose signatures are lost (turns not
 * made by Gemini): it tells the validator to skip the check. Sent on the first call of each step of
 * the current turn only (docs/protocol/gemini.md, "Thought signatures"). `@google/genai` 3.1.0 has no
 * such constant (it only passes `thoughtSignature` through); the value is the one Google's
 * thought-signature guide gives as quoted by several clients, so its exact wording is unconfirmed.
 */
export const SKIP_SIGNATURE_PLACEHOLDER = 'skip_thought_signature_validator';

/** One call of the history, with the results that answer it. */
interface CallRecord {
  id: string;
  name: string;
  outputs: string[];
  /** Blocks already built when its step closed; a result arriving later was moved up. */
  closedAt: number;
}

type Block =
  | { role: 'user'; parts: GeminiPart[] }
  | { role: 'model'; parts: GeminiPart[]; calls: CallRecord[] };

export interface GeminiHistory {
  contents: GeminiContent[];
  /** System and developer texts, in order, for `systemInstruction`. */
  systemTexts: string[];
}

/** Names the client's fields that pair results with calls, on both endpoints. */
const PAIRING_FIELDS =
  "(results are paired by the `tool` messages' `tool_call_id` on Chat Completions, by the `function_call_output` items' `call_id` on Responses)";

function badHistory(message: string): CoreError {
  return new CoreError({
    code: 'conversion_failed',
    message: `${message} ${PAIRING_FIELDS}`,
    path: 'tool_results',
  });
}

function parsedArgs(call: CanonicalFunctionCall): JsonObject {
  if (call.arguments.trim() === '') return {};
  const parsed = safeParseJson(call.arguments);
  if (parsed.success && isJsonObject(parsed.value)) return parsed.value;
  throw new CoreError({
    code: 'conversion_failed',
    path: 'arguments',
    message: `The arguments of the call '${call.callId}' (${call.name}) in the conversation are not a JSON object; Gemini needs an object for every call in history (the assistant message's \`tool_calls[].function.arguments\` on Chat Completions, the \`function_call\` item's \`arguments\` on Responses).`,
  });
}

function callPart(call: CanonicalFunctionCall, model: string): GeminiPart {
  const { id, signature: suffixed } = splitThoughtSuffix(call.callId);
  const geminiId = recordedGeminiId(call.providerState);
  const read = readGeminiSignature(call.providerState, model);
  const signature = read.signature ?? suffixed;
  return {
    functionCall: withFields(geminiId === id ? { id } : {}, {
      name: toGeminiFunctionName(call.name),
      args: parsedArgs(call),
    }),
    ...(signature !== undefined ? { thoughtSignature: signature } : {}),
  };
}

function toolOutput(item: CanonicalFunctionCallOutput, adjustments: Adjustments): string {
  return contentText(item.output, adjustments);
}

/** Walks the items into user/model blocks; results are attached to their calls, not placed yet. */
function buildBlocks(
  items: readonly CanonicalItem[],
  { model, history, adjustments }: { model: string; history: GeminiHistory; adjustments: Adjustments },
): Block[] {
  const blocks: Block[] = [];
  const latest = new Map<string, CallRecord>();
  let open: Extract<Block, { role: 'model' }> | undefined;
  let moved = false;
  const close = (): void => {
    if (open === undefined) return;
    for (const record of open.calls) record.closedAt = blocks.length;
    open = undefined;
  };
  const modelBlock = (): Extract<Block, { role: 'model' }> => {
    if (open === undefined) {
      open = { role: 'model', parts: [], calls: [] };
      blocks.push(open);
    }
    return open;
  };
  for (const item of items) {
    switch (item.type) {
      case 'message':
        if (item.role === 'system' || item.role === 'developer') {
          const text = contentText(item.content, adjustments);
          if (text !== '') history.systemTexts.push(text);
        } else if (item.role === 'user') {
          close();
          blocks.push({ role: 'user', parts: contentToGeminiParts(item.content, adjustments) });
        } else {
          if (open !== undefined && open.calls.length > 0) close();
          modelBlock().parts.push(...contentToGeminiParts(item.content, adjustments));
        }
        break;
      case 'function_call': {
        const block = modelBlock();
        const record: CallRecord = {
          id: splitThoughtSuffix(item.callId).id,
          name: item.name,
          outputs: [],
          closedAt: -1,
        };
        block.parts.push(callPart(item, model));
        block.calls.push(record);
        latest.set(record.id, record);
        break;
      }
      case 'function_call_output': {
        close();
        const id = splitThoughtSuffix(item.callId).id;
        const record = latest.get(id);
        if (record === undefined) {
          throw badHistory(
            `The tool result for call id '${id}' answers no function call in the conversation; Gemini pairs every result with a call. Remove it or send the call it answers.`,
          );
        }
        if (record.closedAt >= 0 && blocks.length > record.closedAt) moved = true;
        record.outputs.push(toolOutput(item, adjustments));
        break;
      }
      case 'reasoning':
        break;
      case 'item_reference':
        adjustments.push(`dropped an unresolved item_reference '${item.id}'`);
        break;
    }
  }
  if (moved)
    adjustments.push('moved tool results next to the calls they answer (Gemini needs them right after)');
  return blocks;
}

/**
 * The one `user` content answering a step: one functionResponse per call, in call order.
 * Unconfirmed whether current models still take the old `function` role here; we send `user`, as
 * Google's own client does when it answers calls itself (`@google/genai` 3.1.0,
 * `dist/node/index.mjs`, the automatic function-calling loop of `generateContentStream` appends
 * `{role: 'user', parts: functionResponses}`).
 */
function responsesFor(block: Extract<Block, { role: 'model' }>, adjustments: Adjustments): GeminiContent {
  const parts: GeminiPart[] = block.calls.map((record, index) => {
    const distinct = [...new Set(record.outputs)];
    if (distinct.length === 0) {
      throw badHistory(
        `The call '${record.id}' (${record.name}) has no tool result; Gemini needs exactly one result for every call of a step. Send its result.`,
      );
    }
    if (distinct.length > 1) {
      throw badHistory(
        `The call '${record.id}' (${record.name}) has ${distinct.length} different tool results; Gemini needs exactly one result per call. Send one.`,
      );
    }
    if (record.outputs.length > 1) adjustments.push(`dropped a repeated tool result for call '${record.id}'`);
    const call = block.parts.filter((part) => part.functionCall !== undefined)[index]?.functionCall;
    return {
      functionResponse: withFields(call?.id !== undefined ? { id: call.id } : {}, {
        name: toGeminiFunctionName(record.name),
        response: toFunctionResponseObject(distinct[0] ?? ''),
      }),
    };
  });
  return { role: 'user', parts };
}

/** Joins consecutive contents of the same role and drops empty ones (Gemini rejects partless contents). */
function mergeRoles(contents: readonly GeminiContent[]): GeminiContent[] {
  const out: GeminiContent[] = [];
  for (const content of contents) {
    if (content.parts.length === 0) continue;
    const last = out.at(-1);
    if (last !== undefined && last.role === content.role) last.parts.push(...content.parts);
    else out.push({ role: content.role, parts: [...content.parts] });
  }
  return out;
}

/**
 * Gives the first call of every step after the last user turn with ordinary content (the current
 * turn, which Gemini validates) a signature: the placeholder when the real one is lost.
 */
function signCurrentTurn(contents: GeminiContent[], adjustments: Adjustments): void {
  let start = 0;
  contents.forEach((content, index) => {
    if (content.role === 'user' && content.parts.every((part) => part.functionResponse === undefined))
      start = index + 1;
  });
  let placeholders = 0;
  for (const content of contents.slice(start)) {
    if (content.role !== 'model') continue;
    const first = content.parts.find((part) => part.functionCall !== undefined);
    if (first === undefined || first.thoughtSignature !== undefined) continue;
    first.thoughtSignature = SKIP_SIGNATURE_PLACEHOLDER;
    placeholders += 1;
  }
  if (placeholders > 0)
    adjustments.push(
      `sent Gemini's signature placeholder for ${placeholders} step(s) whose thoughtSignature was lost`,
    );
}

/**
 * Canonical items → Gemini `contents` (docs/protocol/gemini.md, "History"): system and developer
 * messages go to `systemInstruction`; assistant text and the calls of one step form one `model`
 * content; the results of a step form the next `user` content, one `functionResponse` per call in
 * call order, named after its call; results that came later (or twice, identically) are moved or
 * deduplicated; same-role neighbours are merged; empty parts and contents are dropped. A result with
 * no call, a call with no result or two different results for one call throw `CoreError`
 * (`conversion_failed`, path `tool_results`): the meaning is not clear enough to repair.
 */
export function itemsToGeminiContents(
  items: readonly CanonicalItem[],
  options: { model: string; adjustments: Adjustments },
): GeminiHistory {
  const history: GeminiHistory = { contents: [], systemTexts: [] };
  const blocks = buildBlocks(items, { model: options.model, history, adjustments: options.adjustments });
  const contents: GeminiContent[] = [];
  for (const block of blocks) {
    contents.push({ role: block.role, parts: block.parts });
    if (block.role === 'model' && block.calls.length > 0)
      contents.push(responsesFor(block, options.adjustments));
  }
  history.contents = mergeRoles(contents);
  signCurrentTurn(history.contents, options.adjustments);
  return history;
}
