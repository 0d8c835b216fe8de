/**
 * `npm run package`: builds manifest/build/security-desk.zip, the Teams app package to sideload or
 * publish, from manifest/ and the environment (and .env when present). Exits 1 with one line per problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../src/project-root';
import { buildAppPackage, defaultPackagePaths, type PackagePaths } from './app-package/build-app-package';
import { packageInputFromEnv } from './app-package/package-values';

export { buildAppPackage, defaultPackagePaths } from './app-package/build-app-package';
export type { BuildResult, PackagePaths } from './app-package/build-app-package';
export { validateManifest } from './app-package/validate-manifest';
export { validateLocalization } from './app-package/validate-localization';
export { loadTeamsSchemas } from './app-package/load-teams-schemas';
export { checkIcon } from './app-package/check-icon';
export type { PackageInput, PackageValues } from './app-package/package-values';

export interface PackageOutput {
  info: (line: string) => void;
  problem: (line: string) => void;
}

/** The command without the process around it: returns the exit code. */
export async function runPackageApp(
  env: Readonly<Record<string, string | undefined>>,
  paths: PackagePaths,
  out: PackageOutput,
): Promise<number> {
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const input = packageInputFromEnv(env, { appVersion: version });
  const result = await buildAppPackage(input, paths);
  if (!result.ok) {
    for (const line of result.problems) out.problem(`package: ${line}`);
    out.problem(
      `package: not built (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`,
    );
    return 1;
  }
  out.info(
    `package: wrote ${relative(process.cwd(), result.zipPath) || result.zipPath} ` +
      `(${result.files.join(', ')}) for app ${input.MicrosoftAppId} version ${input.APP_VERSION}`,
  );
  return 0;
}

if (require.main === module) {
  const envFile = join(PROJECT_ROOT, '.env');
  // Variables already in the environment win over .env, as with `node --env-file`.
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  runPackageApp(process.env, defaultPackagePaths(), {
    info: (line) => console.log(line),
    problem: (line) => console.error(line),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`package: failed: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
