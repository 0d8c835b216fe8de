import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_SCHEMA_FILE = 'MicrosoftTeams.schema.json';
export const LOCALIZATION_SCHEMA_FILE = 'MicrosoftTeams.Localization.schema.json';

export interface TeamsSchemas {
  manifest: ValidateFunction;
  localization: ValidateFunction;
}

export type LoadSchemasResult = { ok: true; schemas: TeamsSchemas } | { ok: false; problem: string };

const cache = new Map<string, TeamsSchemas>();

function compile(ajv: Ajv, path: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // The official files declare draft-04 but use draft-06/07 keywords (const, if/then), so they are meant to
  // be read with draft-07 rules; draft-04's own quirks (`id`, boolean exclusiveMaximum) do not occur in them.
  delete schema['$schema'];
  return ajv.compile(schema);
}

/** Where the official schemas are kept in this repository (see the NOTICE.md beside them). */
export const TEAMS_SCHEMA_DIR = 'manifest/schemas/teams-manifest-1.29';

/**
 * Compiles the official Teams manifest and localization schemas from `schemaDir` (normally
 * manifest/schemas/teams-manifest-1.29/, copies kept in the repository so a clone builds on its own);
 * a missing folder is a problem to print, not a throw.
 */
export function loadTeamsSchemas(schemaDir: string): LoadSchemasResult {
  const cached = cache.get(schemaDir);
  if (cached) return { ok: true, schemas: cached };
  for (const file of [MANIFEST_SCHEMA_FILE, LOCALIZATION_SCHEMA_FILE]) {
    if (!existsSync(join(schemaDir, file))) {
      return {
        ok: false,
        problem:
          `Teams schema not found: ${join(schemaDir, file)} does not exist. The official schemas are kept in ` +
          `${TEAMS_SCHEMA_DIR}/ in this repository; restore them from git.`,
      };
    }
  }
  // unicodeRegExp off: the localization schema's patterns (a bare `]`) are plain ECMAScript, not /u.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, unicodeRegExp: false });
  addFormats(ajv);
  try {
    const schemas = {
      manifest: compile(ajv, join(schemaDir, MANIFEST_SCHEMA_FILE)),
      localization: compile(ajv, join(schemaDir, LOCALIZATION_SCHEMA_FILE)),
    };
    cache.set(schemaDir, schemas);
    return { ok: true, schemas };
  } catch (error) {
    return { ok: false, problem: `Teams schema in ${schemaDir} cannot be used: ${(error as Error).message}` };
  }
}
