import { z } from 'zod';

/** A zod v4 schema (classic or mini): anything built on zod's core type. */
export type ZodSchema = z.core.$ZodType;

/** True for a zod v4 schema; JSON Schema objects are plain data and never match. */
export function isZodSchema(value: unknown): value is ZodSchema {
  return value instanceof z.core.$ZodType;
}
