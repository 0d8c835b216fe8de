/** The values `npm run package` fills into the manifest's `${{NAME}}` placeholders, named as in .env. */
export const PACKAGE_VALUE_NAMES = [
  'MicrosoftAppId',
  'PUBLIC_HOSTNAME',
  'APP_VERSION',
  'DEVELOPER_NAME',
  'DEVELOPER_WEBSITE',
  'PRIVACY_URL',
  'TERMS_URL',
] as const;

/**
 * `publishing` (the default, `npm run package`): a package to upload to a tenant or the store, whose host
 * must be permanent. `development` (`npm run package:dev`): a package for a developer's own test, which
 * may point at a tunnel (dev tunnels, ngrok) to their machine.
 */
export type PackageKind = 'publishing' | 'development';

export type PackageValueName = (typeof PACKAGE_VALUE_NAMES)[number];
export type PackageValues = Readonly<Record<PackageValueName, string>>;
/** What the environment gave, before checking: any value may be missing. */
export type PackageInput = Readonly<Partial<Record<PackageValueName, string>>>;

/** Picks the package values from an environment-like record; blank counts as missing. */
export function packageInputFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  defaults: { appVersion: string },
): PackageInput {
  const input: Partial<Record<PackageValueName, string>> = {};
  for (const name of PACKAGE_VALUE_NAMES) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }
  input.APP_VERSION ??= defaults.appVersion;
  return input;
}
