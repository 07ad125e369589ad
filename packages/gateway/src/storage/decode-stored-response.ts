import type { EncodedStoredResponse } from './encode-stored-response.js';
import type { ResponseObject, ResponsesInputItem, StoredResponse } from './response-store.js';
import { StoreError } from './store-error.js';

/**
 * Turns a stored row back into a record. The JSON was written by `encodeStoredResponse`, so only
 * the top-level shape is checked; anything else means the row was damaged outside the gateway.
 */
export function decodeStoredResponse(row: EncodedStoredResponse): StoredResponse {
  const response = parse(row.id, 'response', row.responseJson);
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    throw corrupt(row.id, 'response is not a JSON object');
  }
  return {
    id: row.id,
    createdAt: row.createdAt,
    previousResponseId: row.previousResponseId,
    inputItems: decodeInputItems(row.id, row.inputItemsJson),
    response: response as ResponseObject,
  };
}

/** Decodes only the `input_items` column, for listing without parsing the whole Response. */
export function decodeInputItems(id: string, json: string): ResponsesInputItem[] {
  const inputItems = parse(id, 'input_items', json);
  if (!Array.isArray(inputItems)) {
    throw corrupt(id, 'input_items is not a JSON array');
  }
  return inputItems as ResponsesInputItem[];
}

/**
 * Decodes a Response's `output` as the chain query reads it (its own column, or cut out of the
 * Response by the database); null means the row has no readable output array.
 */
export function decodeOutputItems(id: string, json: string | null): ResponsesInputItem[] {
  const output = json === null ? null : parse(id, 'output', json);
  if (!Array.isArray(output)) {
    throw corrupt(id, 'the response has no output array');
  }
  return output as ResponsesInputItem[];
}

function parse(id: string, column: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corrupt(id, `${column} is not valid JSON`, error);
  }
}

function corrupt(id: string, problem: string, cause?: unknown): StoreError {
  return new StoreError({
    code: 'corrupt_record',
    message: `Stored response ${id} cannot be read: ${problem}. Delete it (DELETE /v1/responses/${id}) or restore the database from a backup.`,
    cause,
    responseId: id,
  });
}
