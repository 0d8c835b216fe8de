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
