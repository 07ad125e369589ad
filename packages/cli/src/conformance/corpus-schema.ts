import { z } from 'zod';

/** JSON types a `type` check can name (JSON Schema's words, plus `integer`). */
export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'] as const;

/** The keys of a check that assert something; a check has exactly one (docs/conformance.md#checks). */
export const ASSERTION_KEYS = [
  'status',
  'equals',
  'equalsAt',
  'matches',
  'startsWith',
  'type',
  'oneOf',
  'exists',
  'count',
  'distinct',
  'same',
  'sequence',
  'countsFrom',
  'keys',
  'hasKeys',
  'argumentsValid',
  'error',
  'every',
] as const;

const countRange = z.union([
  z.number().int().nonnegative(),
  z
    .object({
      min: z.number().int().nonnegative().optional(),
      max: z.number().int().nonnegative().optional(),
    })
    .strict(),
]);

const errorExpectation = z
  .object({
    status: z.number().int().min(400).max(599).optional(),
    type: z.string().optional(),
    code: z.string().nullable().optional(),
    param: z.string().nullable().optional(),
    message: z.string().optional(),
    messageStartsWith: z.string().optional(),
    messageMatches: z.string().optional(),
  })
  .strict();

/** One property to check in a step's result (docs/conformance.md#checks). */
export interface ConformanceCheck {
  /** Shown in the scorecard instead of the generated description. */
  why?: string | undefined;
  /** JSON pointer into the step's result; `*` selects every element. Default: the whole result. */
  at?: string | undefined;
  /** Keeps only the selected values that pass these checks (each value is their root). */
  where?: ConformanceCheck[] | undefined;
  /** Replaces each selected value by what this pointer selects inside it (after `where`). */
  pick?: string | undefined;
  /** Repeats in a row count once (before `sequence`, `distinct`, `count`). */
  collapse?: boolean | undefined;
  /** Value checks pass when nothing is selected. */
  optional?: boolean | undefined;
  status?: number | number[] | undefined;
  equals?: unknown;
  /** Equals the value at this pointer, read from the same root (inside `every`: the element). */
  equalsAt?: string | undefined;
  matches?: string | undefined;
  startsWith?: string | undefined;
  type?: (typeof JSON_TYPES)[number] | undefined;
  oneOf?: unknown[] | undefined;
  exists?: boolean | undefined;
  count?: z.infer<typeof countRange> | undefined;
  distinct?: true | undefined;
  same?: true | undefined;
  /** The selected values in order; or a `{{…}}` template that renders to such an array. */
  sequence?: unknown[] | string | undefined;
  countsFrom?: number | undefined;
  keys?: string[] | undefined;
  hasKeys?: string[] | undefined;
  argumentsValid?: true | string | undefined;
  error?: z.infer<typeof errorExpectation> | undefined;
  every?: ConformanceCheck[] | undefined;
}

const pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer: empty or starting with "/"');

const checkSchema: z.ZodType<ConformanceCheck> = z.lazy(() =>
  z
    .object({
      why: z.string().optional(),
      at: pointer.optional(),
      where: z.array(checkSchema).min(1).optional(),
      pick: pointer.optional(),
      collapse: z.boolean().optional(),
      optional: z.boolean().optional(),
      status: z.union([z.number().int(), z.array(z.number().int()).min(1)]).optional(),
      equals: z.unknown().optional(),
      equalsAt: pointer.optional(),
      matches: z.string().optional(),
      startsWith: z.string().optional(),
      type: z.enum(JSON_TYPES).optional(),
      oneOf: z.array(z.unknown()).min(1).optional(),
      exists: z.boolean().optional(),
      count: countRange.optional(),
      distinct: z.literal(true).optional(),
      same: z.literal(true).optional(),
      sequence: z
        .union([z.array(z.unknown()), z.string().regex(/^\{\{[^{}]+\}\}$/, 'an array or one {{template}}')])
        .optional(),
      countsFrom: z.number().int().optional(),
      keys: z.array(z.string()).optional(),
      hasKeys: z.array(z.string()).optional(),
      argumentsValid: z.union([z.literal(true), z.string().min(1)]).optional(),
      error: errorExpectation.optional(),
      every: z.array(checkSchema).min(1).optional(),
    })
    .strict()
    .superRefine((check, context) => {
      const present = ASSERTION_KEYS.filter((key) => Object.hasOwn(check, key));
      if (present.length !== 1) {
        context.addIssue({
          code: 'custom',
          message:
            present.length === 0
              ? `a check needs one assertion: ${ASSERTION_KEYS.join(', ')}`
              : `a check has exactly one assertion, this one has ${present.join(' and ')}; split it in two`,
        });
      }
      if (check.status !== undefined || check.error !== undefined) {
        for (const key of ['where', 'pick', 'collapse'] as const)
          if (check[key] !== undefined)
            context.addIssue({ code: 'custom', message: `"${key}" does not go with "status" or "error"` });
      }
    }),
);

const stepSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'letters, digits and _ (it is used in {{name.path}})'),
    why: z.string().optional(),
    request: z
      .object({
        method: z.enum(['GET', 'POST', 'DELETE']).default('POST'),
        path: z.string().startsWith('/', 'a path below the base URL, starting with "/"'),
        body: z.unknown().optional(),
        headers: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    expectCall: z.union([z.boolean(), z.object({ min: z.number().int().positive() }).strict()]).optional(),
    checks: z.array(checkSchema).default([]),
  })
  .strict();

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** A named capability whose probe decides whether the cases that need it can run at all. */
export const featureSchema = z
  .object({
    id: z.string().regex(idPattern),
    title: z.string().min(1),
    api: z.string().min(1),
    requires: z.array(z.string()).default([]),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

/** One conformance case: requests to send and the protocol properties their answers must have. */
export const caseSchema = z
  .object({
    id: z.string().regex(idPattern, 'letters, digits, ".", "_", ":" and "-"'),
    area: z.string().min(1),
    api: z.string().min(1),
    title: z.string().min(1),
    requires: z.array(z.string()).default([]),
    refs: z.array(z.string()).default([]),
    /** Template values for this case only (a `.json` file's `variables` are added at load). */
    variables: z.record(z.string(), z.unknown()).default({}),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

/** A corpus file (`.json`): features and cases. A `.jsonl` file holds one case per line instead. */
export const corpusFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** Template values (`{{name}}`) shared by every feature and case of the corpus. */
    variables: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'letters, digits and _'), z.unknown())
      .default({}),
    features: z.array(featureSchema).default([]),
    cases: z.array(caseSchema).default([]),
  })
  .strict();

export type ConformanceStep = z.infer<typeof stepSchema>;
export type ConformanceFeature = z.infer<typeof featureSchema>;
export type ConformanceCase = z.infer<typeof caseSchema>;
export type CorpusFile = z.infer<typeof corpusFileSchema>;
