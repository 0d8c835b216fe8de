/**
 * `npm run package`: builds manifest/build/security-desk.zip, the Teams app package to upload to a tenant
 * or publish, from manifest/ and the environment (and .env when present). It refuses a tunnel host name
 * (dev tunnels, ngrok) in PUBLIC_HOSTNAME: such a host dies with the developer's session.
 * `npm run package:dev` (this script with `--dev`) builds manifest/build/security-desk.dev.zip, a
 * development package that may point at a tunnel to your machine. Exits 1 with one line per problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../src/project-root';
import { buildAppPackage, defaultPackagePaths, type PackagePaths } from './app-package/build-app-package';
import { packageInputFromEnv, type PackageKind } from './app-package/package-values';

export { buildAppPackage, defaultPackagePaths } from './app-package/build-app-package';
export type { BuildResult, PackagePaths } from './app-package/build-app-package';
export { validateManifest } from './app-package/validate-manifest';
export { validateLocalization } from './app-package/validate-localization';
export { loadTeamsSchemas } from './app-package/load-teams-schemas';
export { checkIcon } from './app-package/check-icon';
export { TUNNEL_HOST_SUFFIXES } from './app-package/check-package-values';
export type { PackageInput, PackageKind, PackageValues } from './app-package/package-values';

export interface PackageOutput {
  info: (line: string) => void;
  problem: (line: string) => void;
}

/** The command without the process around it: returns the exit code. */
export async function runPackageApp(
  env: Readonly<Record<string, string | undefined>>,
  paths: PackagePaths,
  out: PackageOutput,
  kind: PackageKind = 'publishing',
): Promise<number> {
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const input = packageInputFromEnv(env, { appVersion: version });
  const result = await buildAppPackage(input, paths, kind);
  if (!result.ok) {
    for (const line of result.problems) out.problem(`package: ${line}`);
    out.problem(
      `package: not built (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`,
    );
    return 1;
  }
  out.info(
    `package: wrote ${relative(process.cwd(), result.zipPath) || result.zipPath} ` +
      `(${result.files.join(', ')}) for app ${input.MicrosoftAppId} version ${input.APP_VERSION}` +
      (kind === 'development' ? ' (development package: not for publishing)' : ''),
  );
  return 0;
}

/** `--dev` makes a development package; anything else on the command line is refused. */
export function packageKindFromArgs(args: readonly string[]): { kind: PackageKind } | { problem: string } {
  const unknown = args.filter((arg) => arg !== '--dev');
  if (unknown.length > 0) {
    return { problem: `package: unknown argument ${JSON.stringify(unknown[0])} (the only option is --dev)` };
  }
  return { kind: args.includes('--dev') ? 'development' : 'publishing' };
}

if (require.main === module) {
  const parsed = packageKindFromArgs(process.argv.slice(2));
  if ('problem' in parsed) {
    console.error(parsed.problem);
    process.exit(1);
  }
  const envFile = join(PROJECT_ROOT, '.env');
  // Variables already in the environment win over .env, as with `node --env-file`.
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  runPackageApp(
    process.env,
    defaultPackagePaths(PROJECT_ROOT, parsed.kind),
    {
      info: (line) => console.log(line),
      problem: (line) => console.error(line),
    },
    parsed.kind,
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`package: failed: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
