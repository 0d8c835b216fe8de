const PLACEHOLDER = /\$\{\{([^}]*)\}\}/g;

export interface FillResult {
  value: unknown;
  problems: string[];
}

/**
 * Replaces `${{NAME}}` inside the string values of parsed JSON (not its text, so a value holding a quote
 * cannot break or inject JSON). A placeholder with no value is a problem naming the file and the name.
 */
export function fillPlaceholders(
  json: unknown,
  values: Readonly<Record<string, string>>,
  file: string,
): FillResult {
  const unknown = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = Object.hasOwn(values, name) ? values[name] : undefined;
        if (value === undefined) unknown.add(name);
        return value ?? whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    }
    return node;
  };
  const value = fill(json);
  const problems = [...unknown].map((name) => `${file}: placeholder \${{${name}}} has no value to fill it`);
  return { value, problems };
}
