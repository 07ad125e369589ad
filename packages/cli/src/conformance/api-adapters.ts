import type { ApiAdapter } from './api-adapter.js';
import { chatAdapter } from './chat-adapter.js';
import { responsesAdapter } from './responses-adapter.js';

/** Every API format the corpus can speak, by the id cases use in `"api"`. */
export const apiAdapters: ReadonlyMap<string, ApiAdapter> = new Map(
  [chatAdapter, responsesAdapter].map((adapter) => [adapter.id, adapter]),
);
