import type { PackageInput, PackageKind, PackageValueName, PackageValues } from './package-values';

export type CheckValuesResult = { ok: true; values: PackageValues } | { ok: false; problems: string[] };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Teams' developer.name limit; checked here so the message names the variable, not a manifest path.
const DEVELOPER_NAME_MAX = 32;

function hostnameProblem(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'must be a host name without a scheme (drop "https://")';
  if (/[/:?#@\s]/.test(value)) return 'must be a bare host name: no port, path, or spaces';
  const labels = value.toLowerCase().split('.');
  if (value.length > 253 || labels.some((l) => !LABEL.test(l))) return 'is not a valid host name';
  if (labels.length < 2) return 'must be a public host name with a domain, e.g. bot.example.com';
  if (/^\d+$/.test(labels[labels.length - 1] as string)) return 'must be a host name, not an IP address';
  return undefined;
}

/**
 * Host names of tunnelling services (Microsoft dev tunnels, ngrok, Cloudflare quick tunnels, localtunnel):
 * they forward to a developer's machine and live only as long as its session, so only a development
 * package may name one.
 */
export const TUNNEL_HOST_SUFFIXES = [
  'devtunnels.ms',
  'ngrok.io',
  'ngrok.app',
  'ngrok-free.app',
  'ngrok.dev',
  'ngrok-free.dev',
  'trycloudflare.com',
  'loca.lt',
] as const;

/** The tunnel suffix `host` ends with, if any. */
export function tunnelHostSuffix(host: string): string | undefined {
  const name = host.toLowerCase();
  return TUNNEL_HOST_SUFFIXES.find((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

function publishingHostnameProblem(value: string): string | undefined {
  const suffix = tunnelHostSuffix(value);
  return suffix
    ? `is a development tunnel host (*.${suffix}), which only a development package may name; ` +
        "set the bot's permanent host name, or build a development package with `npm run package:dev`"
    : undefined;
}

function httpsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  return url.protocol === 'https:' ? undefined : 'must be an https:// URL';
}

const CHECKS: Record<PackageValueName, { what: string; problem: (value: string) => string | undefined }> = {
  MicrosoftAppId: {
    what: "the bot's Microsoft App ID from its Azure Bot registration",
    problem: (v) =>
      !GUID.test(v) ? 'must be a GUID' : v === NIL_GUID ? 'must not be the all-zero GUID' : undefined,
  },
  PUBLIC_HOSTNAME: { what: 'the host name Teams reaches the bot at', problem: hostnameProblem },
  APP_VERSION: {
    what: 'the app version',
    problem: (v) => (SEMVER.test(v) ? undefined : 'must be MAJOR.MINOR.PATCH, e.g. 1.0.0'),
  },
  DEVELOPER_NAME: {
    what: 'the publisher name shown in Teams',
    problem: (v) =>
      v.length > DEVELOPER_NAME_MAX ? `must be at most ${DEVELOPER_NAME_MAX} characters` : undefined,
  },
  DEVELOPER_WEBSITE: { what: "the developer's website", problem: httpsUrlProblem },
  PRIVACY_URL: { what: 'the privacy statement', problem: httpsUrlProblem },
  TERMS_URL: { what: 'the terms of use', problem: httpsUrlProblem },
};

/**
 * Checks every value, reporting all problems at once, one line each, naming the variable. A package for
 * publishing (the default) refuses a tunnel host name; a development package accepts one.
 */
export function checkPackageValues(input: PackageInput, kind: PackageKind = 'publishing'): CheckValuesResult {
  const problems: string[] = [];
  const values: Partial<Record<PackageValueName, string>> = {};
  for (const [name, check] of Object.entries(CHECKS) as [
    PackageValueName,
    (typeof CHECKS)[PackageValueName],
  ][]) {
    const value = input[name]?.trim();
    if (!value) {
      problems.push(`${name} is not set (${check.what})`);
      continue;
    }
    const problem =
      check.problem(value) ??
      (name === 'PUBLIC_HOSTNAME' && kind === 'publishing' ? publishingHostnameProblem(value) : undefined);
    if (problem) problems.push(`${name} ${problem} (got ${JSON.stringify(value.slice(0, 80))})`);
    else values[name] = name === 'PUBLIC_HOSTNAME' ? value.toLowerCase() : value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: values as PackageValues };
}
