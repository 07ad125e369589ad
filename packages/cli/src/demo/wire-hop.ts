/** The four hops a demo request makes, in the order they happen. */
export type WireHop = 'client→gateway' | 'gateway→upstream' | 'upstream→gateway' | 'gateway→client';

/** One body on the wire, as `--verbose` shows it. */
export interface WireBody {
  hop: WireHop;
  /** `POST /v1/chat/completions` for requests, `200` for answers. */
  label: string;
  /** The body text exactly as sent (JSON, or SSE for streamed answers). */
  body: string;
}

/** Told about each body as soon as its hop is done. */
export type WireListener = (wire: WireBody) => void;
