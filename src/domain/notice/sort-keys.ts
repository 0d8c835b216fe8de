/**
 * A copy of a JSON value with every object's keys in alphabetical order (arrays keep theirs): CSAF's
 * optional test 6.2.13 asks for it, and it makes two drafts of the same facts diff cleanly.
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
