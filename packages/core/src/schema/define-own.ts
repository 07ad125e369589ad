/**
 * Sets `target[key]` as an own data property. Plain assignment with a key taken from the schema
 * would change the prototype when the key is `__proto__`, which is a legal property name.
 */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
