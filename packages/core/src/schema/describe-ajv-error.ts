import type { ErrorObject } from 'ajv';

/** One way the arguments break the schema: where (RFC 6901 pointer into the arguments) and what. */
export interface ArgumentError {
  pointer: string;
  message: string;
}

/** Values listed before an `enum` message is cut short. */
const maxListedValues = 10;
/** Characters of one rendered value before it is cut short. */
const maxValueChars = 60;

/**
 * Turns an Ajv error into a message a model can act on: Ajv's wording where it already says what
 * to do, plus the offending name or the allowed values where Ajv leaves them out of its message.
 */
export function describeAjvError(error: ErrorObject): ArgumentError {
  return { pointer: error.instancePath, message: messageFor(error) };
}

function messageFor(error: ErrorObject): string {
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property ${quote(params['additionalProperty'])}`;
    case 'required':
      return `must have required property ${quote(params['missingProperty'])}`;
    case 'type': {
      const type = params['type'];
      const names = Array.isArray(type) ? type : String(type).split(',');
      return `must be ${names.join(' or ')}`;
    }
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'] : [];
      const shown = allowed.slice(0, maxListedValues).map(renderValue).join(', ');
      return `must be one of ${shown}${allowed.length > maxListedValues ? ', …' : ''}`;
    }
    case 'const':
      return `must be ${renderValue(params['allowedValue'])}`;
    default:
      return error.message ?? `must satisfy '${error.keyword}'`;
  }
}

function quote(name: unknown): string {
  return `'${String(name)}'`;
}

function renderValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxValueChars ? `${text.slice(0, maxValueChars - 1)}…` : text;
}
