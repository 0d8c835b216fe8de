import JSZip from 'jszip';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { checkIcon, type IconRole } from './check-icon';
import { checkPackageValues } from './check-package-values';
import { fillPlaceholders } from './fill-placeholders';
import { loadTeamsSchemas, TEAMS_SCHEMA_DIR } from './load-teams-schemas';
import type { PackageInput, PackageKind } from './package-values';
import { validateLocalization } from './validate-localization';
import { validateManifest } from './validate-manifest';

export interface PackagePaths {
  /** Holds manifest.json (the template), the localization files and the icons. */
  manifestDir: string;
  /** Holds MicrosoftTeams.schema.json and MicrosoftTeams.Localization.schema.json. */
  schemaDir: string;
  /** The zip to write. */
  outFile: string;
}

export type BuildResult = { ok: true; zipPath: string; files: string[] } | { ok: false; problems: string[] };

/** A development package gets its own file name, so it is never mistaken for one to publish. */
export function defaultPackagePaths(
  root: string = PROJECT_ROOT,
  kind: PackageKind = 'publishing',
): PackagePaths {
  return {
    manifestDir: join(root, 'manifest'),
    schemaDir: join(root, ...TEAMS_SCHEMA_DIR.split('/')),
    outFile: join(
      root,
      'manifest',
      'build',
      kind === 'development' ? 'security-desk.dev.zip' : 'security-desk.zip',
    ),
  };
}

// Files referenced by the manifest go at the zip root, where Teams looks for them.
const ROOT_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// A fixed timestamp makes the same inputs give the same zip bytes.
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

type Read = { ok: true; bytes: Buffer } | { ok: false; problem: string };

function readPackageFile(manifestDir: string, name: unknown, referencedBy: string): Read {
  if (typeof name !== 'string' || !ROOT_FILE_NAME.test(name)) {
    return {
      ok: false,
      problem: `manifest.json: ${referencedBy} must name a file beside manifest.json (got ${JSON.stringify(name)})`,
    };
  }
  const path = join(manifestDir, name);
  if (!existsSync(path))
    return { ok: false, problem: `${name}: not found in ${manifestDir} (named by ${referencedBy})` };
  return { ok: true, bytes: readFileSync(path) };
}

function parseJson(
  file: string,
  bytes: Buffer,
): { ok: true; json: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, json: JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, problem: `${file}: not valid JSON (${(error as Error).message})` };
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Fills the manifest template from `input`, validates it, its localization files and its icons, and writes
 * the app package zip. Every problem found is returned, one line each; nothing is written unless all pass.
 * `kind` is `publishing` unless said otherwise: only a `development` package may name a tunnel host.
 */
export async function buildAppPackage(
  input: PackageInput,
  paths: PackagePaths,
  kind: PackageKind = 'publishing',
): Promise<BuildResult> {
  const checked = checkPackageValues(input, kind);
  // Bad values would only show up again as schema errors at their manifest paths; stop at the clearer lines.
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const loaded = loadTeamsSchemas(paths.schemaDir);
  if (!loaded.ok) return { ok: false, problems: [loaded.problem] };
  const { schemas } = loaded;

  const template = readPackageFile(paths.manifestDir, 'manifest.json', 'the package');
  if (!template.ok) return { ok: false, problems: [template.problem] };
  const parsed = parseJson('manifest.json', template.bytes);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const filled = fillPlaceholders(parsed.json, checked.values, 'manifest.json');
  const manifest = filled.value;
  const problems = [...filled.problems, ...validateManifest(manifest, schemas)];

  const files = new Map<string, Buffer>([
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
  ]);
  const languages = asRecord(manifest)['localizationInfo'];
  const additional = asRecord(languages)['additionalLanguages'];
  for (const [index, language] of (Array.isArray(additional) ? additional : []).entries()) {
    const name = asRecord(language)['file'];
    const read = readPackageFile(
      paths.manifestDir,
      name,
      `localizationInfo.additionalLanguages[${index}].file`,
    );
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const file = name as string;
    const strings = parseJson(file, read.bytes);
    if (!strings.ok) {
      problems.push(strings.problem);
      continue;
    }
    const filledStrings = fillPlaceholders(strings.json, checked.values, file);
    problems.push(
      ...filledStrings.problems,
      ...validateLocalization(file, filledStrings.value, manifest, schemas),
    );
    files.set(file, Buffer.from(`${JSON.stringify(filledStrings.value, null, 2)}\n`));
  }

  const icons = asRecord(asRecord(manifest)['icons']);
  for (const role of ['color', 'outline'] as IconRole[]) {
    const read = readPackageFile(paths.manifestDir, icons[role], `icons.${role}`);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    problems.push(...checkIcon(role, icons[role] as string, read.bytes));
    files.set(icons[role] as string, read.bytes);
  }

  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };

  const zip = new JSZip();
  for (const [name, bytes] of files) zip.file(name, bytes, { date: ZIP_DATE });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
  // Write beside the target and rename, so an interrupted build never leaves a half-written zip to sideload.
  mkdirSync(dirname(paths.outFile), { recursive: true });
  const partial = `${paths.outFile}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, paths.outFile);
  } finally {
    rmSync(partial, { force: true });
  }
  return { ok: true, zipPath: paths.outFile, files: [...files.keys()] };
}
