/**
 * Typed reads of untrusted wire objects: own properties only, wrong types read as
 * absent, so a hostile payload can neither reach the prototype nor smuggle a non-string into a string.
 */
import { isJsonObject } from '../json/get-own.js';

type WireObject = Record<string, unknown>;

function own(value: WireObject, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A string field, or `undefined` when absent or not a string. */
export function stringField(value: WireObject, key: string): string | undefined {
  const field = own(value, key);
  return typeof field === 'string' ? field : undefined;
}

/** A finite number field, or `undefined`. */
export function numberField(value: WireObject, key: string): number | undefined {
  const field = own(value, key);
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined;
}

/** A plain-object field, or `undefined`. */
export function objectField(value: WireObject, key: string): WireObject | undefined {
  const field = own(value, key);
  return isJsonObject(field) ? field : undefined;
}

/** An array field, or `undefined`. */
export function arrayField(value: WireObject, key: string): unknown[] | undefined {
  const field = own(value, key);
  return Array.isArray(field) ? field : undefined;
}
