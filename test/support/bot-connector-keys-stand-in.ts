import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

/**
 * A stand-in for the Bot Connector's OpenID metadata and signing keys
 * (login.botframework.com/v1/.well-known/openidconfiguration and the `jwks_uri` it names), on loopback,
 * with the tokens the Bot Connector sends a bot and forged ones: unsigned (`alg: none`), HMAC-signed,
 * signed by a key it does not publish, naming an unknown key, another issuer, audience or service URL.
 * `env()` points the app at it (BOT_OPENID_METADATA_URL); `down` makes both documents answer 503.
 */
export const BOT_APP_ID = '5f0c3a4e-1111-4222-8333-b07b07b07b07';
export const BOT_TOKEN_ISSUER = 'https://api.botframework.com';

export interface BotTokenOptions {
  readonly serviceUrl: string;
  readonly audience?: string;
  readonly issuer?: string;
  readonly kid?: string;
  readonly algorithm?: 'RS256' | 'RS384';
  /** Signed by a key the stand-in does not publish, under a published key id. */
  readonly foreignKey?: boolean;
  /** Seconds from now; negative for an expired token. Default 3600. */
  readonly expiresInSeconds?: number;
}

export class BotConnectorKeysStandIn {
  metadataFetches = 0;
  keyFetches = 0;
  /** While true, both documents answer 503. */
  down = false;

  private constructor(
    private readonly server: Server,
    private readonly signing: KeyLike,
    private readonly foreign: KeyLike,
    readonly metadataUrl: string,
  ) {}

  static async start(options: { down?: boolean } = {}): Promise<BotConnectorKeysStandIn> {
    const signing = await generateKeyPair('RS256');
    const foreign = await generateKeyPair('RS256');
    const published = {
      ...(await exportJWK(signing.publicKey)),
      kid: 'bot-key-1',
      use: 'sig',
      endorsements: ['msteams', 'emulator'],
    };
    const ref: { standIn?: BotConnectorKeysStandIn } = {};
    const server = createServer((req, res) => {
      const standIn = ref.standIn;
      const path = req.url ?? '';
      const known = path === '/v1/.well-known/openidconfiguration' || path === '/v1/.well-known/keys';
      if (!standIn || req.method !== 'GET' || !known) {
        res.statusCode = 404;
        res.end();
        return;
      }
      if (path.endsWith('openidconfiguration')) standIn.metadataFetches += 1;
      else standIn.keyFetches += 1;
      if (standIn.down) {
        res.statusCode = 503;
        res.end();
        return;
      }
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const body = path.endsWith('openidconfiguration')
        ? {
            issuer: BOT_TOKEN_ISSUER,
            jwks_uri: `${base}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }
        : { keys: [published] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new BotConnectorKeysStandIn(
      server,
      signing.privateKey,
      foreign.privateKey,
      `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    );
    standIn.down = options.down ?? false;
    ref.standIn = standIn;
    return standIn;
  }

  /** The app's environment with bot credentials and this stand-in as the key source. */
  env(): Record<string, string> {
    return {
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      BOT_OPENID_METADATA_URL: this.metadataUrl,
    };
  }

  /** A token as the Bot Connector signs it for an activity to this bot. */
  token(options: BotTokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: options.serviceUrl })
      .setProtectedHeader({ alg: options.algorithm ?? 'RS256', kid: options.kid ?? 'bot-key-1', typ: 'JWT' })
      .setIssuer(options.issuer ?? BOT_TOKEN_ISSUER)
      .setAudience(options.audience ?? BOT_APP_ID)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
      .sign(options.foreignKey ? this.foreign : this.signing);
  }

  /** Claims a Bot Connector token would carry, with no signature at all. */
  unsignedToken(serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part({
      iss: BOT_TOKEN_ISSUER,
      aud: BOT_APP_ID,
      serviceurl: serviceUrl,
      exp: now + 3600,
    })}.`;
  }

  /** The same claims signed with HMAC, whose "key" an attacker picks (e.g. the public key's text). */
  hmacToken(serviceUrl: string): Promise<string> {
    return new SignJWT({ serviceurl: serviceUrl })
      .setProtectedHeader({ alg: 'HS256', kid: 'bot-key-1', typ: 'JWT' })
      .setIssuer(BOT_TOKEN_ISSUER)
      .setAudience(BOT_APP_ID)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('attacker-chosen-secret-0123456789'));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
