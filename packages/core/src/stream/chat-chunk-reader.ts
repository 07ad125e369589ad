import { isJsonObject } from '../json/get-own.js';
import { ChatFragment } from './chat-fragment.js';
import { parseSsePayload } from './parse-sse-payload.js';
import { arrayField, numberField, objectField, stringField } from './wire-fields.js';

/**
 * Reads the `data:` payloads of one Chat Completions stream for `ChatStreamDecoder`, most of them
 * without `JSON.parse` (docs/adr/0012-chat-chunk-templates.md).
 *
 * Within one stream, consecutive chunks of a tool call's arguments, or of the text, are the same bytes
 * but for the fragment they carry (and, from OpenAI, a random `obfuscation` member at the end). After
 * parsing such a chunk whole, the reader keeps it as a template: the text before the fragment and the
 * text after it. A later payload that begins and ends with exactly those texts, around a valid JSON
 * string, is that chunk with another fragment, so only the fragment is read.
 *
 * A template hit returns a {@link ChatFragment}: the fragment alone, which the decoder applies as it
 * would the chunk `{choices:[{index:0, delta}]}` with the delta holding only the fragment. Every other
 * member the decoder reads was checked, when the template was learned, to be one the decoder ignores or
 * reads the same way (no error, no usage, one choice with index 0, no finish reason, no logprobs). So
 * this reader is for the decoder only; `decodeChatChunkBatches` keeps returning whole chunks.
 *
 * Written by hand because no JSON library reads "this document again with one string changed", and
 * parsing ~300 bytes per fragment is the largest single cost of relaying a stream (bench/README.md).
 */
export class ChatChunkReader {
  /** Templates of this stream, most recently matched first; at most {@link MAX_TEMPLATES}. */
  readonly #templates: Template[] = [];
  /** Templates learned since the last hit: past {@link MAX_IDLE_LEARNS}, the stream stops learning. */
  #idleLearns = 0;

  /** The chunk in `data` (one trimmed payload, not `[DONE]`), whole or as the decoder reads it. */
  read(data: string): unknown {
    const templates = this.#templates;
    for (let position = 0; position < templates.length; position++) {
      const template = templates[position] as Template;
      const fragment = template.fragmentOf(data);
      if (fragment === undefined) continue;
      if (position > 0) {
        templates.splice(position, 1);
        templates.unshift(template);
      }
      this.#idleLearns = 0;
      return template.chunkWith(fragment);
    }
    const chunk = parseSsePayload(data, 'Chat Completions');
    if (this.#idleLearns < MAX_IDLE_LEARNS) {
      const template = Template.learn(data, chunk);
      if (template !== null) {
        this.#idleLearns++;
        templates.unshift(template);
        if (templates.length > MAX_TEMPLATES) templates.pop();
      }
    }
    return chunk;
  }
}

/** Parallel calls interleave their fragments: one template per call, up to this many. */
const MAX_TEMPLATES = 4;
/**
 * A stream whose chunks differ in more than their fragment (a timestamp, running usage) never hits;
 * learning costs a second parse, so after this many templates without a hit the stream stops trying.
 */
const MAX_IDLE_LEARNS = 4;
const OBFUSCATION = ',"obfuscation":"';
/** Stands in for the fragment while a template is verified; any string would do. */
const SENTINEL = 'toolbridge\u2063template\u2063sentinel';

type Kind = { type: 'content' } | { type: 'arguments'; hasIndex: boolean; index: unknown };

class Template {
  private constructor(
    /** The payload up to and including the fragment's opening quote. */
    readonly head: string,
    /** From the fragment's closing quote to the root object's closing brace (excluded), without obfuscation. */
    readonly tail: string,
    readonly kind: Kind,
  ) {}

  /** The template of a chunk whose only varying part can be its fragment, or null. */
  static learn(data: string, chunk: unknown): Template | null {
    const kind = fragmentKind(chunk);
    if (kind === null) return null;
    const key = kind.type === 'content' ? '"content"' : '"arguments"';
    const start = valueStart(data, data.lastIndexOf(key), key.length);
    if (start === -1) return null;
    const close = stringEnd(data, start);
    if (close === -1) return null;
    const end = coreEnd(data);
    if (close >= end) return null;
    const head = data.slice(0, start);
    const tail = data.slice(close, end);
    // Proof that [start, close) is that fragment: the template around another string parses, with
    // that string where the decoder reads the fragment.
    let probe: unknown;
    try {
      probe = JSON.parse(`${head}${SENTINEL}${tail}}`);
    } catch {
      return null;
    }
    return fragmentIn(probe, kind) === SENTINEL ? new Template(head, tail, kind) : null;
  }

  /** The fragment `data` carries when it is this template around another string; else undefined. */
  fragmentOf(data: string): string | undefined {
    const end = coreEnd(data);
    const fragmentEnd = end - this.tail.length;
    if (fragmentEnd < this.head.length) return undefined;
    // Slices compared with ===, not startsWith: V8 compares two flat strings with memcmp, while
    // startsWith walks them a character at a time (~1 µs for a 270-character head).
    if (data.slice(fragmentEnd, end) !== this.tail || data.slice(0, this.head.length) !== this.head) {
      return undefined;
    }
    return decodeStringBody(data.slice(this.head.length, fragmentEnd));
  }

  /** This template's chunk with `fragment`, as the decoder applies it (see `ChatFragment`). */
  chunkWith(fragment: string): ChatFragment {
    const { kind } = this;
    return kind.type === 'content'
      ? new ChatFragment('content', undefined, false, fragment)
      : new ChatFragment('arguments', kind.index, kind.hasIndex, fragment);
  }
}

/** Absent, null, or a value the decoder reads as nothing (an empty string). */
function inert(record: Record<string, unknown>, key: string): boolean {
  if (!Object.hasOwn(record, key)) return true;
  const value = record[key];
  return value === null || value === '';
}

/** The delta members a template may hold: the fragment's own, and those the decoder ignores (`role`). */
const TEMPLATE_DELTA_KEYS: ReadonlySet<string> = new Set([
  'content',
  'tool_calls',
  'refusal',
  'function_call',
  'role',
]);

/**
 * The kind of fragment a parsed chunk carries, when everything else in it is read by the decoder as
 * "nothing happened": no error, no usage, exactly one choice, index 0, no finish reason, and a delta
 * with the fragment alone (text, or one call's argument fragment without id or name), no `logprobs`
 * (they differ from chunk to chunk and belong to the client). A delta member outside
 * {@link TEMPLATE_DELTA_KEYS} (reasoning text, annotations, anything a later decoder may read) means
 * no template. Null otherwise.
 */
function fragmentKind(chunk: unknown): Kind | null {
  if (!isJsonObject(chunk) || !inert(chunk, 'error') || !inert(chunk, 'usage')) return null;
  const choices = arrayField(chunk, 'choices');
  if (choices === undefined || choices.length !== 1) return null;
  const choice = choices[0];
  if (!isJsonObject(choice) || (numberField(choice, 'index') ?? 0) !== 0) return null;
  if (stringField(choice, 'finish_reason') !== undefined || !inert(choice, 'logprobs')) return null;
  const delta = objectField(choice, 'delta');
  if (delta === undefined || !inert(delta, 'refusal') || !inert(delta, 'function_call')) return null;
  for (const key in delta) if (!TEMPLATE_DELTA_KEYS.has(key)) return null;
  if (typeof delta['content'] === 'string' && Object.hasOwn(delta, 'content')) {
    return inert(delta, 'tool_calls') ? { type: 'content' } : null;
  }
  if (!inert(delta, 'content')) return null;
  const calls = arrayField(delta, 'tool_calls');
  if (calls === undefined || calls.length !== 1) return null;
  const call = calls[0];
  if (!isJsonObject(call) || !inert(call, 'id')) return null;
  const fn = objectField(call, 'function');
  if (fn === undefined || !inert(fn, 'name') || stringField(fn, 'arguments') === undefined) return null;
  const hasIndex = Object.hasOwn(call, 'index');
  return { type: 'arguments', hasIndex, index: hasIndex ? call['index'] : undefined };
}

/** Where a parsed chunk of `kind` holds its fragment (read the way the decoder reads it). */
function fragmentIn(chunk: unknown, kind: Kind): unknown {
  if (fragmentKind(chunk)?.type !== kind.type || !isJsonObject(chunk)) return undefined;
  const delta = (chunk['choices'] as Record<string, Record<string, unknown>>[])[0]?.['delta'] as Record<
    string,
    unknown
  >;
  if (kind.type === 'content') return delta['content'];
  const call = (delta['tool_calls'] as Record<string, Record<string, unknown>>[])[0];
  return call?.['function']?.['arguments'];
}

/** After the key ending just before `from + keyLength`: the index past the value's opening quote, or -1. */
function valueStart(data: string, from: number, keyLength: number): number {
  if (from === -1) return -1;
  let at = skipSpace(data, from + keyLength);
  if (data.charCodeAt(at) !== 0x3a /* : */) return -1;
  at = skipSpace(data, at + 1);
  return data.charCodeAt(at) === 0x22 /* " */ ? at + 1 : -1;
}

function skipSpace(data: string, at: number): number {
  let position = at;
  for (;;) {
    const code = data.charCodeAt(position);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return position;
    position++;
  }
}

/** The index of the quote closing the string whose body starts at `start`, or -1. */
function stringEnd(data: string, start: number): number {
  for (let at = start; at < data.length; at++) {
    const code = data.charCodeAt(at);
    if (code === 0x22) return at;
    if (code === 0x5c /* \ */) at++;
  }
  return -1;
}

/**
 * The index where the root object's members end: its closing brace, or the start of an
 * `obfuscation` member written last (OpenAI's random padding, which changes with every chunk and
 * which the decoder never reads). -1 when the payload does not end with `}`.
 */
function coreEnd(data: string): number {
  const last = data.length - 1;
  if (data.charCodeAt(last) !== 0x7d /* } */) return -1;
  if (data.charCodeAt(last - 1) !== 0x22) return last;
  const member = data.lastIndexOf(OBFUSCATION, last);
  if (member === -1) return last;
  for (let at = member + OBFUSCATION.length; at < last - 1; at++) {
    const code = data.charCodeAt(at);
    if (code === 0x22 || code === 0x5c || code < 0x20) return last;
  }
  return member;
}

/** True when `body` holds a quote, a backslash or a control character: JSON.parse must read it. */
function needsDecoding(body: string): boolean {
  for (let at = 0; at < body.length; at++) {
    const code = body.charCodeAt(at);
    if (code === 0x22 || code === 0x5c || code < 0x20) return true;
  }
  return false;
}

/** The string whose JSON body is `body`, or undefined when `body` is not one. */
function decodeStringBody(body: string): string | undefined {
  if (!needsDecoding(body)) return body;
  try {
    // An unescaped quote ends the string early and leaves text after it, so this throws.
    const value: unknown = JSON.parse(`"${body}"`);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
