import { splitFragments } from './split-fragments.js';

/** What a Chat request's `logprobs: true` (and `top_logprobs`) asks the double for. */
export interface ChatLogprobsRequest {
  /** `top_logprobs`: alternatives per token (0–20). */
  top: number;
  /** Pieces the text answer is cut into; one token per piece, in the JSON body and the stream alike. */
  fragments: number;
}

interface TopLogprob {
  token: string;
  logprob: number;
  bytes: number[];
}

/** One entry of `choices[].logprobs.content` (docs/scripted-upstream.md#logprobs). */
export interface TokenLogprob extends TopLogprob {
  top_logprobs: TopLogprob[];
}

function entry(token: string, logprob: number): TopLogprob {
  return { token, logprob, bytes: [...Buffer.from(token, 'utf8')] };
}

/**
 * The token log probabilities of a text answer, one "token" per fragment the stream sends: the piece
 * itself first among its `top` alternatives, then made-up ones less likely. Deterministic, so a test
 * can compare a streamed answer's tokens with a JSON answer's.
 */
export function textTokenLogprobs(text: string, request: ChatLogprobsRequest): TokenLogprob[] {
  return splitFragments(text, request.fragments).map((piece, index) => {
    const logprob = -(index + 1) / 100;
    const alternatives = Array.from({ length: request.top }, (_, rank) =>
      rank === 0 ? entry(piece, logprob) : entry(`<alt${rank}>`, logprob - rank),
    );
    return { ...entry(piece, logprob), top_logprobs: alternatives };
  });
}
