import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/**
 * An Entra ID stand-in for bearer-token tests: a JWKS endpoint on loopback serving a test RSA key, and
 * tokens signed with it carrying whatever claims a test needs (expired, wrong audience, wrong issuer,
 * missing role, signed by a key the endpoint does not publish). Use `env('SUPPORT_AUTH')` or
 * `env('NOTIFY_WEBHOOK')` to point the app's configuration at it.
 */
export interface TokenOptions {
  /** Extra or overriding claims (roles, oid, name, …). */
  readonly claims?: Record<string, unknown>;
  readonly audience?: string;
  readonly issuer?: string;
  /** Seconds from now; negative for an expired token. Default 3600. */
  readonly expiresInSeconds?: number;
  /** Seconds from now before which the token is not valid. */
  readonly notBeforeInSeconds?: number;
  /** Sign with a key the JWKS endpoint does not publish (a forged token). */
  readonly foreignKey?: boolean;
  /** Default RS256; anything else must be refused by the verifier. */
  readonly algorithm?: string;
}

export class JwksStandIn {
  /** How many times the key set was fetched. */
  fetches = 0;

  private constructor(
    private readonly server: Server,
    private readonly signing: { privateKey: KeyLike; kid: string },
    private readonly foreign: { privateKey: KeyLike; kid: string },
    readonly jwksUrl: string,
    readonly issuer: string,
    readonly audience: string,
    readonly tenantId: string,
  ) {}

  static async start(options: { audience?: string; tenantId?: string } = {}): Promise<JwksStandIn> {
    const tenantId = options.tenantId ?? '11111111-2222-3333-4444-555555555555';
    const audience = options.audience ?? 'api://security-desk-test';
    const signing = await generateKeyPair('RS256', { extractable: true });
    const foreign = await generateKeyPair('RS256', { extractable: true });
    const publicJwk: JWK = {
      ...(await exportJWK(signing.publicKey)),
      kid: 'test-key-1',
      alg: 'RS256',
      use: 'sig',
    };
    const ready: { standIn?: JwksStandIn } = {};
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/discovery/v2.0/keys') {
        if (ready.standIn) ready.standIn.fetches += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [publicJwk] }));
        return;
      }
      void (res.writeHead(404), res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const standIn = new JwksStandIn(
      server,
      { privateKey: signing.privateKey, kid: 'test-key-1' },
      { privateKey: foreign.privateKey, kid: 'test-key-1' },
      `${base}/discovery/v2.0/keys`,
      `https://login.microsoftonline.com/${tenantId}/v2.0`,
      audience,
      tenantId,
    );
    ready.standIn = standIn;
    return standIn;
  }

  /** A signed access token; by default valid for an hour for this audience and issuer, with no roles. */
  async token(options: TokenOptions = {}): Promise<string> {
    const key = options.foreignKey ? this.foreign : this.signing;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({
      oid: 'aad-analyst-1',
      name: 'Sam Support',
      tid: this.tenantId,
      ...options.claims,
    })
      .setProtectedHeader({ alg: options.algorithm ?? 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setSubject(String(options.claims?.sub ?? 'subject-1'))
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (options.expiresInSeconds ?? 3600));
    if (options.notBeforeInSeconds !== undefined) jwt.setNotBefore(now + options.notBeforeInSeconds);
    return jwt.sign(key.privateKey);
  }

  /** A valid token holding these app roles. */
  tokenWithRoles(roles: readonly string[], claims: Record<string, unknown> = {}): Promise<string> {
    return this.token({ claims: { roles: [...roles], ...claims } });
  }

  expiredToken(roles: readonly string[] = []): Promise<string> {
    return this.token({ claims: { roles: [...roles] }, expiresInSeconds: -3600 });
  }

  wrongAudienceToken(roles: readonly string[] = []): Promise<string> {
    return this.token({ claims: { roles: [...roles] }, audience: 'api://some-other-app' });
  }

  /** The app's environment variables that trust this stand-in, e.g. env('SUPPORT_AUTH'). */
  env(prefix: 'SUPPORT_AUTH' | 'NOTIFY_WEBHOOK'): Record<string, string> {
    return {
      [`${prefix}_TENANT_ID`]: this.tenantId,
      [`${prefix}_AUDIENCE`]: this.audience,
      [`${prefix}_JWKS_URL`]: this.jwksUrl,
      [`${prefix}_ISSUER`]: this.issuer,
    };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
