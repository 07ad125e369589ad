/**
 * A project name: letters, digits, `_`, `.`, `-`, starting with a letter or digit, at most 64
 * characters. The projects of keys from `apiKeysEnv` are named `key:…`, which this never matches,
 * so a configured or virtual project cannot take one over.
 */
export const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The message for a name that does not fit {@link PROJECT_NAME}. */
export function projectNameProblem(name: string): string {
  return `'${name}' is not a valid project name: use 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit.`;
}
