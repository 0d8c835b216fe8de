import { existsSync } from 'node:fs';
import { isIP, isIPv4 } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { findHolidayRegionProblem } from './domain/calendar/find-holiday-region-problem';
import { findConnectionStringProblem } from './observability/find-connection-string-problem';
import { LOCALES, type Locale } from './i18n/locale';
import { fileKindNames, isFileKind, type FileKind } from './evidence/file-kinds';
import { isTimeZone } from './domain/calendar/is-time-zone';

/**
 * The environment, parsed once at start-up. Everything else receives the frozen `Config` and never
 * reads `process.env`. Every variable is documented in `.env.example`.
 */

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const intInRange = (min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `must be a whole number from ${min} to ${max}` })
      .int({ error: `must be a whole number from ${min} to ${max}` })
      .min(min, { error: `must be a whole number from ${min} to ${max}` })
      .max(max, { error: `must be a whole number from ${min} to ${max}` })
      .default(fallback),
  );
const oneOf = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    emptyToUndefined,
    z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback),
  );
const timeZone = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .refine((zone) => isTimeZone(zone), { error: 'must be an IANA time zone such as Europe/Berlin' }),
  );
const clockTime = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day as HH:MM (24-hour)' })
      .default(fallback),
  );

/**
 * An address to listen on: an IP literal or a host name (RFC 1123). Dotted digits must be a real IPv4
 * address: "999.1.1.1" would otherwise be looked up as a name and fail only at listen time.
 */
function isListenHost(host: string): boolean {
  if (isIP(host) !== 0) return true;
  if (/^[\d.]+$/.test(host)) return isIPv4(host);
  return /^(?=.{1,253}$)[a-z\d]([a-z\d-]{0,61}[a-z\d])?(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i.test(host);
}

/**
 * A shared secret sent as `Authorization: Bearer <key>`: RFC 6750's token characters only, or the
 * header parser refuses the very key that was configured.
 */
const bearerSecret = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .min(32, { error: 'must be at least 32 characters (it is a shared secret)' })
    .regex(/^[A-Za-z0-9\-._~+/]+=*$/, {
      error: 'may contain only A-Z, a-z, 0-9 and - . _ ~ + / (it is sent as a bearer token; no spaces)',
    })
    .optional(),
);

/** ISO weekday numbers (1 = Monday … 7 = Sunday) from "1-5" or "1,2,3,4,5" or "7,1-4". */
const weekdays = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('1-5')
    .transform((text, ctx) => {
      const days = new Set<number>();
      for (const part of text.split(',').map((p) => p.trim())) {
        const range = /^([1-7])(?:-([1-7]))?$/.exec(part);
        if (!range) {
          ctx.addIssue({ code: 'custom', message: 'must list ISO weekdays 1-7, e.g. 1-5 or 1,2,3,4,5' });
          return z.NEVER;
        }
        const from = Number(range[1]);
        const to = Number(range[2] ?? range[1]);
        for (let day = from; day <= to; day++) days.add(day);
      }
      return [...days].sort();
    }),
);

/**
 * Files of evidence (src/evidence, docs/decisions/evidence-files.md): where they are kept, the key that
 * wraps each file's own key, the limits, the kinds accepted and the hosts files are fetched from.
 */
const defaultEvidenceHosts = [
  // Files a person attaches in Teams: OneDrive for Business / SharePoint download URLs.
  '*.sharepoint.com',
  '*.sharepoint.us',
  '*.sharepoint.de',
  '*.sharepoint.cn',
  // Inline images: the Bot Connector's attachment store.
  'smba.trafficmanager.net',
  '*.smba.trafficmanager.net',
  '*.asm.skype.com',
  '*.botframework.com',
];
const hostPattern = /^(\*\.)?[a-z\d]([a-z\d-]{0,61}[a-z\d])?(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/;
const evidenceEnvironment = {
  EVIDENCE_STORAGE: oneOf(['disk', 'blob'] as const, 'disk'),
  EVIDENCE_DIR: optionalString,
  EVIDENCE_BLOB_ACCOUNT_URL: optionalUrl,
  EVIDENCE_BLOB_CONTAINER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(?=.{3,63}$)[a-z\d](-?[a-z\d])*$/, {
        error: 'must be a blob container name: 3-63 lower-case letters, digits and single hyphens',
      })
      .default('evidence'),
  ),
  EVIDENCE_BLOB_CONNECTION_STRING: optionalString,
  EVIDENCE_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((text) => /^[A-Za-z0-9+/]{43}=$/.test(text.trim()), {
        error: 'must be 32 random bytes in base64 (openssl rand -base64 32)',
      })
      .transform((text) => text.trim())
      .optional(),
  ),
  EVIDENCE_MAX_FILE_BYTES: intInRange(1024, 200 * 1024 * 1024, 20 * 1024 * 1024),
  EVIDENCE_MAX_TICKET_BYTES: intInRange(1024, 2 * 1024 * 1024 * 1024, 100 * 1024 * 1024),
  EVIDENCE_MAX_FILES_PER_TICKET: intInRange(1, 500, 25),
  EVIDENCE_ALLOWED_TYPES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fileKindNames.join(','))
      .transform((text, ctx) => {
        const kinds = text
          .split(',')
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean);
        const unknown = kinds.find((kind) => !isFileKind(kind));
        if (unknown !== undefined || kinds.length === 0) {
          ctx.addIssue({ code: 'custom', message: `must list kinds of ${fileKindNames.join(', ')}` });
          return z.NEVER;
        }
        return [...new Set(kinds)] as FileKind[];
      }),
  ),
  EVIDENCE_FILE_HOSTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(defaultEvidenceHosts.join(','))
      .transform((text, ctx) => {
        const hosts = text
          .split(',')
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean);
        if (hosts.length === 0 || hosts.some((host) => !hostPattern.test(host))) {
          ctx.addIssue({
            code: 'custom',
            message: 'must list host names, each optionally starting with *. (e.g. *.sharepoint.com)',
          });
          return z.NEVER;
        }
        return hosts;
      }),
  ),
  EVIDENCE_ALLOW_LOOPBACK: oneOf(['true', 'false'] as const, 'false'),
  EVIDENCE_REQUIRE_CLEAN_SCAN: oneOf(['true', 'false'] as const, 'false'),
  EVIDENCE_FETCH_TIMEOUT_MS: intInRange(1000, 300_000, 30_000),
};

export interface EvidenceSettings {
  readonly storage:
    | { readonly kind: 'disk'; readonly dir: string }
    | {
        readonly kind: 'blob';
        readonly container: string;
        /** https://<account>.blob.core.windows.net, signed in with @azure/identity's credential. */
        readonly accountUrl?: string;
        /** Development and tests only (Azurite): a connection string with the account key. */
        readonly connectionString?: string;
      };
  /** Wraps each file's own key (AES-256-GCM), base64; absent in development: a key file under DATA_DIR. */
  readonly key?: string;
  /** Where the development key file lives when EVIDENCE_KEY is not set. */
  readonly keyFile: string;
  readonly maxFileBytes: number;
  readonly maxTicketBytes: number;
  readonly maxFilesPerTicket: number;
  readonly allowedKinds: readonly FileKind[];
  /** Host names files are fetched from; `*.` matches any subdomain. */
  readonly fileHosts: readonly string[];
  /** Tests only: the connector stand-in serves files over http on 127.0.0.1. */
  readonly allowLoopback: boolean;
  /** Serve only files Defender for Storage (or another scanner) reported clean; otherwise pending too. */
  readonly requireCleanScan: boolean;
  readonly fetchTimeoutMs: number;
}

type EvidenceEnvironment = z.output<z.ZodObject<typeof evidenceEnvironment>>;

function evidenceProblems(e: EvidenceEnvironment & { NODE_ENV: string }): string[] {
  const problems: string[] = [];
  if (e.EVIDENCE_ALLOW_LOOPBACK === 'true' && e.NODE_ENV !== 'test') {
    problems.push('EVIDENCE_ALLOW_LOOPBACK: only for tests (NODE_ENV=test); files come from Teams hosts');
  }
  if (e.NODE_ENV === 'production' && !e.EVIDENCE_KEY) {
    problems.push('EVIDENCE_KEY: required when NODE_ENV=production (32 random bytes in base64)');
  }
  if (e.EVIDENCE_STORAGE === 'blob') {
    if (!e.EVIDENCE_BLOB_ACCOUNT_URL && !e.EVIDENCE_BLOB_CONNECTION_STRING) {
      problems.push('EVIDENCE_BLOB_ACCOUNT_URL: required when EVIDENCE_STORAGE=blob');
    }
    if (e.EVIDENCE_BLOB_ACCOUNT_URL && e.EVIDENCE_BLOB_CONNECTION_STRING) {
      problems.push('EVIDENCE_BLOB_CONNECTION_STRING: set either it or EVIDENCE_BLOB_ACCOUNT_URL, not both');
    }
  }
  if (e.EVIDENCE_BLOB_CONNECTION_STRING && e.NODE_ENV === 'production') {
    problems.push(
      'EVIDENCE_BLOB_CONNECTION_STRING: for development only; in production set EVIDENCE_BLOB_ACCOUNT_URL (managed identity)',
    );
  }
  if (e.EVIDENCE_MAX_TICKET_BYTES < e.EVIDENCE_MAX_FILE_BYTES) {
    problems.push('EVIDENCE_MAX_TICKET_BYTES: must be at least EVIDENCE_MAX_FILE_BYTES');
  }
  return problems;
}

function evidenceSettings(e: EvidenceEnvironment, dataDir: string): EvidenceSettings {
  const dir = e.EVIDENCE_DIR ? resolve(dataDir, e.EVIDENCE_DIR) : resolve(dataDir, 'evidence');
  return {
    storage:
      e.EVIDENCE_STORAGE === 'blob'
        ? {
            kind: 'blob',
            container: e.EVIDENCE_BLOB_CONTAINER,
            ...(e.EVIDENCE_BLOB_ACCOUNT_URL ? { accountUrl: e.EVIDENCE_BLOB_ACCOUNT_URL } : {}),
            ...(e.EVIDENCE_BLOB_CONNECTION_STRING
              ? { connectionString: e.EVIDENCE_BLOB_CONNECTION_STRING }
              : {}),
          }
        : { kind: 'disk', dir },
    ...(e.EVIDENCE_KEY ? { key: e.EVIDENCE_KEY } : {}),
    keyFile: resolve(dataDir, 'evidence-key'),
    maxFileBytes: e.EVIDENCE_MAX_FILE_BYTES,
    maxTicketBytes: e.EVIDENCE_MAX_TICKET_BYTES,
    maxFilesPerTicket: e.EVIDENCE_MAX_FILES_PER_TICKET,
    allowedKinds: e.EVIDENCE_ALLOWED_TYPES,
    fileHosts: e.EVIDENCE_FILE_HOSTS,
    allowLoopback: e.EVIDENCE_ALLOW_LOOPBACK === 'true',
    requireCleanScan: e.EVIDENCE_REQUIRE_CLEAN_SCAN === 'true',
    fetchTimeoutMs: e.EVIDENCE_FETCH_TIMEOUT_MS,
  };
}

const environmentSchema = z.object({
  NODE_ENV: oneOf(['development', 'production', 'test'] as const, 'development'),
  PORT: intInRange(0, 65535, 3978),
  /** Unset: 127.0.0.1 in local mode (no token check: not for a network), 0.0.0.0 with credentials. */
  HOST: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(isListenHost, { error: 'must be an IP address or a host name, e.g. 0.0.0.0, :: or localhost' })
      .optional(),
  ),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  MAX_BODY_BYTES: intInRange(1024, 10 * 1024 * 1024, 256 * 1024),
  PUBLIC_HOSTNAME: optionalString,

  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  // Azure no longer creates multi-tenant bots: MultiTenant must be asked for by name.
  MicrosoftAppType: oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'SingleTenant'),
  MicrosoftAppTenantId: optionalString,
  BOT_OPENID_METADATA_URL: z.preprocess(
    emptyToUndefined,
    z.url().default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  ),
  BOT_TOKEN_ISSUER: z.preprocess(emptyToUndefined, z.string().default('https://api.botframework.com')),

  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  DATABASE_POOL_SIZE: intInRange(1, 100, 10),

  DRAFT_TTL_MINUTES: intInRange(5, 60 * 24 * 30, 60 * 24),

  SUPPORT_TIME_ZONE: timeZone('America/Los_Angeles'),
  SUPPORT_WORKDAYS: weekdays,
  SUPPORT_DAY_START: clockTime('09:00'),
  SUPPORT_DAY_END: clockTime('17:00'),
  SUPPORT_HOLIDAYS_COUNTRY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^([A-Z]{2}|none)$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as US, or none' })
      .default('US'),
  ),
  SUPPORT_HOLIDAYS_STATE: optionalString,
  SUPPORT_HOLIDAYS_REGION: optionalString,
  ACK_OVERDUE_CHECK_SECONDS: intInRange(5, 3600, 60),
  SUPPORT_CHANNEL_LOCALE: oneOf(LOCALES, 'en'),

  SUPPORT_API_KEY: bearerSecret,
  SUPPORT_AUTH_TENANT_ID: optionalString,
  SUPPORT_AUTH_AUDIENCE: optionalString,
  SUPPORT_AUTH_ROLE: z.preprocess(emptyToUndefined, z.string().default('SecurityDesk.Support')),
  TICKETS_API_ROLE: z.preprocess(emptyToUndefined, z.string().default('SecurityDesk.TicketFiler')),
  SUPPORT_AUTH_JWKS_URL: optionalUrl,
  SUPPORT_AUTH_ISSUER: optionalString,

  TICKET_BACKEND: oneOf(['embedded', 'remote'] as const, 'embedded'),
  REMOTE_BACKEND_URL: optionalUrl,
  REMOTE_BACKEND_SCOPE: optionalString,
  REMOTE_BACKEND_CREDENTIAL: oneOf(
    ['default', 'client-secret', 'certificate', 'managed-identity', 'static-token'] as const,
    'default',
  ),
  REMOTE_BACKEND_TIMEOUT_MS: intInRange(100, 120000, 10000),
  REMOTE_BACKEND_MAX_ATTEMPTS: intInRange(1, 20, 5),
  REMOTE_BACKEND_STATIC_TOKEN: optionalString,
  AZURE_TENANT_ID: optionalString,
  AZURE_CLIENT_ID: optionalString,
  AZURE_CLIENT_SECRET: optionalString,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalString,

  NOTIFY_POLL_MS: intInRange(50, 60000, 1000),
  NOTIFY_BATCH_SIZE: intInRange(1, 500, 50),
  NOTIFY_LEASE_SECONDS: intInRange(5, 3600, 60),
  NOTIFY_MAX_ATTEMPTS: intInRange(1, 50, 8),
  NOTIFY_GLOBAL_PER_SECOND: intInRange(1, 1000, 50),
  NOTIFY_WEBHOOK_HMAC_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, { error: 'must be at least 32 characters (it is a shared secret)' }).optional(),
  ),
  NOTIFY_WEBHOOK_AUDIENCE: optionalString,
  NOTIFY_WEBHOOK_ROLE: z.preprocess(emptyToUndefined, z.string().default('SecurityDesk.TicketService')),
  NOTIFY_WEBHOOK_TENANT_ID: optionalString,
  NOTIFY_WEBHOOK_JWKS_URL: optionalUrl,
  NOTIFY_WEBHOOK_ISSUER: optionalString,
  NOTIFY_WEBHOOK_REPLAY_WINDOW_SECONDS: intInRange(10, 3600, 300),

  SHUTDOWN_GRACE_SECONDS: intInRange(1, 600, 10),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => findConnectionStringProblem(value) === undefined, {
        error: (issue) => findConnectionStringProblem(String(issue.input)) ?? 'is not valid',
      })
      .optional(),
  ),

  LOOKUPS_PER_USER_PER_MINUTE: intInRange(1, 10000, 30),
  LOOKUPS_PER_TENANT_PER_MINUTE: intInRange(1, 100000, 300),
  UNKNOWN_NUMBERS_PER_USER_PER_MINUTE: intInRange(1, 1000, 5),
  UNKNOWN_NUMBERS_PER_TENANT_PER_MINUTE: intInRange(1, 10000, 20),

  /**
   * Signs the download links of customer drafts (docs/decisions/customer-drafts.md); without it a random
   * key is made at start, so links last until a restart and work only on the instance that made them.
   */
  DOWNLOAD_LINK_KEY: z.preprocess(
    emptyToUndefined,
    z.string().min(32, { error: 'must be at least 32 characters (it signs download links)' }).optional(),
  ),
  DOWNLOAD_LINK_TTL_MINUTES: intInRange(5, 1440, 60),

  ...evidenceEnvironment,
});

export type Environment = z.output<typeof environmentSchema>;

export interface JwtValidationOptions {
  /** Entra tenant whose signing keys and issuer are trusted. */
  readonly tenantId?: string;
  readonly audience?: string;
  readonly jwksUrl: string;
  readonly issuer: string;
}

export interface Config {
  readonly env: Environment['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  /** HOST was not set and local mode chose loopback (the start-up log says so). */
  readonly hostDefaulted: boolean;
  /** How long a stop waits for turns and sends in flight before it closes what is left. */
  readonly shutdownGraceMs: number;
  /** Traces and metrics to Azure Monitor (Application Insights) when set; nothing is loaded otherwise. */
  readonly telemetry?: { readonly connectionString: string };
  readonly logLevel: Environment['LOG_LEVEL'];
  readonly maxBodyBytes: number;
  readonly publicHostname?: string;
  readonly bot: {
    /** True when no MicrosoftAppId is set: no token checks, as the Emulator and Agents Playground expect. */
    readonly localMode: boolean;
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: Environment['MicrosoftAppType'];
    readonly appTenantId?: string;
    /**
     * Where the Bot Connector's signing keys are published, and the issuer its tokens name. The public
     * cloud's by default; another value is for a sovereign cloud or a test's local stand-in.
     */
    readonly openIdMetadataUrl: string;
    readonly tokenIssuer: string;
  };
  /**
   * How many ticket look-ups (`status`, `my tickets`, the number of `reply`/`add`/`withdraw`) one person
   * and one tenant may make a minute, and how many of them may name a number the tenant does not have.
   */
  readonly lookups: {
    readonly perUserPerMinute: number;
    readonly perTenantPerMinute: number;
    readonly unknownPerUserPerMinute: number;
    readonly unknownPerTenantPerMinute: number;
  };
  readonly store:
    | { readonly engine: 'sqlite'; readonly file: string; readonly dataDir: string }
    | {
        readonly engine: 'postgres';
        readonly url: string;
        readonly poolSize: number;
        readonly dataDir: string;
      };
  readonly dialog: { readonly draftTtlMinutes: number };
  readonly sla: {
    readonly timeZone: string;
    readonly workdays: readonly number[];
    readonly dayStart: string;
    readonly dayEnd: string;
    readonly holidays?: { readonly country: string; readonly state?: string; readonly region?: string };
    readonly overdueCheckSeconds: number;
  };
  readonly support: {
    readonly apiKey?: string;
    readonly jwt?: JwtValidationOptions;
    readonly role: string;
    /** App role of services (another Security Desk) filing and reading tickets through /api/tickets. */
    readonly serviceRole: string;
    /** Language of the triage cards posted in the support channel (a new post has no one reader's locale). */
    readonly channelLocale: Locale;
  };
  readonly backend:
    | { readonly kind: 'embedded' }
    | {
        readonly kind: 'remote';
        readonly url: string;
        readonly scope?: string;
        readonly credential: Environment['REMOTE_BACKEND_CREDENTIAL'];
        readonly staticToken?: string;
        readonly timeoutMs: number;
        readonly maxAttempts: number;
        readonly azure: {
          readonly tenantId?: string;
          readonly clientId?: string;
          readonly clientSecret?: string;
          readonly certificatePath?: string;
        };
      };
  /** Files of evidence (docs/decisions/evidence-files.md). */
  readonly evidence: EvidenceSettings;
  /** Customer drafts' download links (docs/decisions/customer-drafts.md). */
  readonly drafts: { readonly linkKey?: string; readonly linkTtlMinutes: number };
  readonly notify: {
    readonly pollMs: number;
    readonly batchSize: number;
    readonly leaseSeconds: number;
    readonly maxAttempts: number;
    readonly globalPerSecond: number;
    readonly webhook: {
      readonly hmacSecret?: string;
      readonly jwt?: JwtValidationOptions;
      /** The app role a token must carry: only the ticket service may post events. */
      readonly role: string;
      readonly replayWindowSeconds: number;
    };
  };
}

/** Thrown when the environment is unusable; `problems` has one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function entraJwt(
  tenantId: string | undefined,
  audience: string | undefined,
  jwksUrl: string | undefined,
  issuer: string | undefined,
): JwtValidationOptions | undefined {
  if (!tenantId && !jwksUrl) return undefined;
  return {
    ...(tenantId ? { tenantId } : {}),
    ...(audience ? { audience } : {}),
    jwksUrl: jwksUrl ?? `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`,
    issuer: issuer ?? `https://login.microsoftonline.com/${tenantId}/v2.0`,
  };
}

export function loadConfig(source: Readonly<Record<string, string | undefined>>): Config {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    // One line per variable: its first problem (a short key with a space is fixed in one go).
    const byVariable = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const variable = issue.path.join('.') || '(environment)';
      if (!byVariable.has(variable)) byVariable.set(variable, `${variable}: ${issue.message}`);
    }
    throw new ConfigError([...byVariable.values()]);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const localMode = !e.MicrosoftAppId;

  if (e.NODE_ENV === 'production' && localMode) {
    problems.push('MicrosoftAppId: required when NODE_ENV=production (local mode skips token checks)');
  }
  if (!localMode && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    problems.push(`MicrosoftAppPassword: required for MicrosoftAppType=${e.MicrosoftAppType}`);
  }
  if (!localMode && e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required for MicrosoftAppType=${e.MicrosoftAppType}`);
  }
  if (e.MicrosoftAppType === 'UserAssignedMSI' && e.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: must be empty for MicrosoftAppType=UserAssignedMSI');
  }
  if (e.SUPPORT_DAY_START >= e.SUPPORT_DAY_END) {
    problems.push('SUPPORT_DAY_END: must be later than SUPPORT_DAY_START');
  }
  if (!e.SUPPORT_AUTH_AUDIENCE && (e.SUPPORT_AUTH_TENANT_ID || e.SUPPORT_AUTH_JWKS_URL)) {
    const by = e.SUPPORT_AUTH_TENANT_ID ? 'SUPPORT_AUTH_TENANT_ID' : 'SUPPORT_AUTH_JWKS_URL';
    problems.push(`SUPPORT_AUTH_AUDIENCE: required when ${by} is set`);
  }
  if (e.SUPPORT_AUTH_JWKS_URL && !e.SUPPORT_AUTH_TENANT_ID && !e.SUPPORT_AUTH_ISSUER) {
    problems.push('SUPPORT_AUTH_ISSUER: required when SUPPORT_AUTH_JWKS_URL is set without a tenant');
  }
  if (e.NODE_ENV === 'production' && e.SUPPORT_API_KEY && !localMode) {
    problems.push('SUPPORT_API_KEY: only for local mode; in production support signs in with Entra ID');
  }
  if (!e.NOTIFY_WEBHOOK_AUDIENCE && (e.NOTIFY_WEBHOOK_TENANT_ID || e.NOTIFY_WEBHOOK_JWKS_URL)) {
    const by = e.NOTIFY_WEBHOOK_TENANT_ID ? 'NOTIFY_WEBHOOK_TENANT_ID' : 'NOTIFY_WEBHOOK_JWKS_URL';
    problems.push(`NOTIFY_WEBHOOK_AUDIENCE: required when ${by} is set`);
  }
  if (e.NOTIFY_WEBHOOK_JWKS_URL && !e.NOTIFY_WEBHOOK_TENANT_ID && !e.NOTIFY_WEBHOOK_ISSUER) {
    problems.push('NOTIFY_WEBHOOK_ISSUER: required when NOTIFY_WEBHOOK_JWKS_URL is set without a tenant');
  }
  if (e.SUPPORT_HOLIDAYS_COUNTRY !== 'none') {
    const holidays = findHolidayRegionProblem({
      country: e.SUPPORT_HOLIDAYS_COUNTRY,
      ...(e.SUPPORT_HOLIDAYS_STATE ? { state: e.SUPPORT_HOLIDAYS_STATE } : {}),
      ...(e.SUPPORT_HOLIDAYS_REGION ? { region: e.SUPPORT_HOLIDAYS_REGION } : {}),
    });
    if (holidays) problems.push(`SUPPORT_HOLIDAYS_${holidays.part.toUpperCase()}: ${holidays.message}`);
  } else if (e.SUPPORT_HOLIDAYS_STATE || e.SUPPORT_HOLIDAYS_REGION) {
    problems.push('SUPPORT_HOLIDAYS_STATE: must be empty when SUPPORT_HOLIDAYS_COUNTRY=none');
  }
  if (e.TICKET_BACKEND === 'remote') {
    if (!e.REMOTE_BACKEND_URL) problems.push('REMOTE_BACKEND_URL: required when TICKET_BACKEND=remote');
    if (e.REMOTE_BACKEND_CREDENTIAL === 'static-token') {
      if (!e.REMOTE_BACKEND_STATIC_TOKEN) {
        problems.push('REMOTE_BACKEND_STATIC_TOKEN: required when REMOTE_BACKEND_CREDENTIAL=static-token');
      }
      if (e.NODE_ENV === 'production') {
        problems.push('REMOTE_BACKEND_CREDENTIAL: static-token is for development only');
      }
    } else if (!e.REMOTE_BACKEND_SCOPE) {
      problems.push(
        'REMOTE_BACKEND_SCOPE: required when TICKET_BACKEND=remote (e.g. api://ticket-service/.default)',
      );
    }
    if (
      e.REMOTE_BACKEND_CREDENTIAL === 'client-secret' &&
      (!e.AZURE_CLIENT_ID || !e.AZURE_CLIENT_SECRET || !e.AZURE_TENANT_ID)
    ) {
      problems.push(
        'AZURE_CLIENT_SECRET: client-secret needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET',
      );
    }
    if (
      e.REMOTE_BACKEND_CREDENTIAL === 'certificate' &&
      (!e.AZURE_CLIENT_ID || !e.AZURE_CLIENT_CERTIFICATE_PATH || !e.AZURE_TENANT_ID)
    ) {
      problems.push(
        'AZURE_CLIENT_CERTIFICATE_PATH: certificate needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH',
      );
    }
  }
  problems.push(...evidenceProblems(e));
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(e.DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    hostDefaulted: e.HOST === undefined,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? { telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } }
      : {}),
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    ...(e.PUBLIC_HOSTNAME ? { publicHostname: e.PUBLIC_HOSTNAME } : {}),
    bot: {
      localMode,
      // Without an app id botbuilder runs anonymously only as "MultiTenant" (it asserts an id for the others).
      appType: localMode ? 'MultiTenant' : e.MicrosoftAppType,
      ...(e.MicrosoftAppId ? { appId: e.MicrosoftAppId } : {}),
      ...(e.MicrosoftAppPassword ? { appPassword: e.MicrosoftAppPassword } : {}),
      ...(e.MicrosoftAppTenantId ? { appTenantId: e.MicrosoftAppTenantId } : {}),
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
    },
    lookups: {
      perUserPerMinute: e.LOOKUPS_PER_USER_PER_MINUTE,
      perTenantPerMinute: e.LOOKUPS_PER_TENANT_PER_MINUTE,
      unknownPerUserPerMinute: e.UNKNOWN_NUMBERS_PER_USER_PER_MINUTE,
      unknownPerTenantPerMinute: e.UNKNOWN_NUMBERS_PER_TENANT_PER_MINUTE,
    },
    store: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, dataDir }
      : { engine: 'sqlite', file: resolve(dataDir, 'security-desk.sqlite'), dataDir },
    dialog: { draftTtlMinutes: e.DRAFT_TTL_MINUTES },
    sla: {
      timeZone: e.SUPPORT_TIME_ZONE,
      workdays: e.SUPPORT_WORKDAYS,
      dayStart: e.SUPPORT_DAY_START,
      dayEnd: e.SUPPORT_DAY_END,
      ...(e.SUPPORT_HOLIDAYS_COUNTRY === 'none'
        ? {}
        : {
            holidays: {
              country: e.SUPPORT_HOLIDAYS_COUNTRY,
              ...(e.SUPPORT_HOLIDAYS_STATE ? { state: e.SUPPORT_HOLIDAYS_STATE } : {}),
              ...(e.SUPPORT_HOLIDAYS_REGION ? { region: e.SUPPORT_HOLIDAYS_REGION } : {}),
            },
          }),
      overdueCheckSeconds: e.ACK_OVERDUE_CHECK_SECONDS,
    },
    support: {
      role: e.SUPPORT_AUTH_ROLE,
      serviceRole: e.TICKETS_API_ROLE,
      channelLocale: e.SUPPORT_CHANNEL_LOCALE,
      ...(e.SUPPORT_API_KEY ? { apiKey: e.SUPPORT_API_KEY } : {}),
      ...optionalJwt(
        entraJwt(
          e.SUPPORT_AUTH_TENANT_ID,
          e.SUPPORT_AUTH_AUDIENCE,
          e.SUPPORT_AUTH_JWKS_URL,
          e.SUPPORT_AUTH_ISSUER,
        ),
      ),
    },
    backend:
      e.TICKET_BACKEND === 'remote'
        ? {
            kind: 'remote',
            url: e.REMOTE_BACKEND_URL as string,
            credential: e.REMOTE_BACKEND_CREDENTIAL,
            timeoutMs: e.REMOTE_BACKEND_TIMEOUT_MS,
            maxAttempts: e.REMOTE_BACKEND_MAX_ATTEMPTS,
            ...(e.REMOTE_BACKEND_SCOPE ? { scope: e.REMOTE_BACKEND_SCOPE } : {}),
            ...(e.REMOTE_BACKEND_STATIC_TOKEN ? { staticToken: e.REMOTE_BACKEND_STATIC_TOKEN } : {}),
            azure: {
              ...(e.AZURE_TENANT_ID ? { tenantId: e.AZURE_TENANT_ID } : {}),
              ...(e.AZURE_CLIENT_ID ? { clientId: e.AZURE_CLIENT_ID } : {}),
              ...(e.AZURE_CLIENT_SECRET ? { clientSecret: e.AZURE_CLIENT_SECRET } : {}),
              ...(e.AZURE_CLIENT_CERTIFICATE_PATH
                ? { certificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH }
                : {}),
            },
          }
        : { kind: 'embedded' },
    evidence: evidenceSettings(e, dataDir),
    drafts: {
      ...(e.DOWNLOAD_LINK_KEY ? { linkKey: e.DOWNLOAD_LINK_KEY } : {}),
      linkTtlMinutes: e.DOWNLOAD_LINK_TTL_MINUTES,
    },
    notify: {
      pollMs: e.NOTIFY_POLL_MS,
      batchSize: e.NOTIFY_BATCH_SIZE,
      leaseSeconds: e.NOTIFY_LEASE_SECONDS,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      globalPerSecond: e.NOTIFY_GLOBAL_PER_SECOND,
      webhook: {
        replayWindowSeconds: e.NOTIFY_WEBHOOK_REPLAY_WINDOW_SECONDS,
        role: e.NOTIFY_WEBHOOK_ROLE,
        ...(e.NOTIFY_WEBHOOK_HMAC_SECRET ? { hmacSecret: e.NOTIFY_WEBHOOK_HMAC_SECRET } : {}),
        ...optionalJwt(
          entraJwt(
            e.NOTIFY_WEBHOOK_TENANT_ID,
            e.NOTIFY_WEBHOOK_AUDIENCE,
            e.NOTIFY_WEBHOOK_JWKS_URL,
            e.NOTIFY_WEBHOOK_ISSUER,
          ),
        ),
      },
    },
  };
  return deepFreeze(config);
}

function optionalJwt(jwt: JwtValidationOptions | undefined): { jwt?: JwtValidationOptions } {
  return jwt ? { jwt } : {};
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The process's configuration: `.env` in the working directory (when present) under the real environment. */
export function loadProcessConfig(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}
