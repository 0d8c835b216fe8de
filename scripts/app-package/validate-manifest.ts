import type { TeamsSchemas } from './load-teams-schemas';
import { describeSchemaErrors } from './describe-schema-errors';

/** Problems of a filled-in manifest against the official schema; empty when it is valid. */
export function validateManifest(manifest: unknown, schemas: TeamsSchemas, file = 'manifest.json'): string[] {
  if (schemas.manifest(manifest)) return [];
  return describeSchemaErrors(file, schemas.manifest.errors);
}
