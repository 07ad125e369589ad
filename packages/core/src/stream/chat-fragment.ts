/**
 * A Chat stream chunk read from a template (docs/adr/0012-chat-chunk-templates.md): a chunk that was
 * the template's chunk but for its one text or argument fragment. `ChatStreamDecoder` applies it
 * without reading the chunk's members one by one; {@link ChatFragment.toChunk} is the chunk it stands
 * for, as the decoder would read it whole.
 */
export class ChatFragment {
  constructor(
    readonly kind: 'content' | 'arguments',
    /** The call's `index` member as the template holds it (any JSON value); `hasIndex` says whether it was there. */
    readonly index: unknown,
    readonly hasIndex: boolean,
    /** The fragment, decoded. */
    readonly fragment: string,
  ) {}

  /** `{choices:[{index:0, delta}]}`, the delta holding only the fragment: what the decoder reads of the whole chunk. */
  toChunk(): Record<string, unknown> {
    let delta: Record<string, unknown>;
    if (this.kind === 'content') delta = { content: this.fragment };
    else {
      const call: Record<string, unknown> = this.hasIndex
        ? { index: this.index, function: { arguments: this.fragment } }
        : { function: { arguments: this.fragment } };
      delta = { tool_calls: [call] };
    }
    return { choices: [{ index: 0, delta }] };
  }
}
