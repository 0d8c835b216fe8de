import type { ErrorObject } from 'ajv';

/** `/bots/0/commandLists/1` → `bots[0].commandLists[1]`: the notation Teams' docs and localization keys use. */
export function toPropertyPath(instancePath: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), '');
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(file: string, error: ErrorObject): string | undefined {
  const path = toPropertyPath(error.instancePath);
  const at = path ? `${file}: ${path}` : file;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${file}: ${path ? `${path}.` : ''}${String(params['missingProperty'])} is required`;
    case 'additionalProperties':
      return `${file}: ${path ? `${path}.` : ''}${String(params['additionalProperty'])} is not allowed here`;
    case 'enum':
      return `${at} must be one of ${(params['allowedValues'] as unknown[]).map(String).join(', ')} (got ${shown(error.data)})`;
    case 'const':
      return `${at} must be ${shown(params['allowedValue'])} (got ${shown(error.data)})`;
    case 'pattern':
      return `${at} does not match ${String(params['pattern'])} (got ${shown(error.data)})`;
    case 'if':
      return undefined; // the failing `then` branch is reported on its own
    default:
      return `${at} ${error.message ?? 'is invalid'}${error.data === undefined || typeof error.data === 'object' ? '' : ` (got ${shown(error.data)})`}`;
  }
}

/** One line per schema violation, naming the file and the property, without duplicates. */
export function describeSchemaErrors(
  file: string,
  errors: readonly ErrorObject[] | null | undefined,
): string[] {
  const lines = (errors ?? []).map((e) => describe(file, e)).filter((l): l is string => l !== undefined);
  return [...new Set(lines)];
}
