import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** Service URLs a bot talks to are a handful (one per Teams region); more than this are dropped oldest first. */
const DEFAULT_CAPACITY = 64;

/**
 * The app id botframework-connector's own factory creates clients for: the token's audience, else its
 * appid claim (ParameterizedBotFrameworkAuthentication's getAppId); absent for anonymous local requests.
 */
function appIdOf(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** Connector clients kept per app id, service URL and audience, the most recently used last. */
class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly capacity: number,
    private readonly prepare: (client: ConnectorClient) => void,
  ) {}

  get(key: string, create: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    const kept = this.clients.get(key);
    if (kept) {
      this.clients.delete(key);
      this.clients.set(key, kept);
      return kept;
    }
    const made = create().then((client) => {
      this.prepare(client);
      return client;
    });
    this.clients.set(key, made);
    // A failed creation (credentials not to be had) is not kept: the next turn tries again.
    made.catch(() => {
      if (this.clients.get(key) === made) this.clients.delete(key);
    });
    while (this.clients.size > this.capacity) this.clients.delete(this.clients.keys().next().value!);
    return made;
  }
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: ConnectorClients,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId, serviceUrl, audience ?? null]);
    return this.clients.get(key, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient — credentials, an @azure/core-client service
 * client and its whole request pipeline — for every turn and every proactive message; building it was
 * ~4 % of the bot's CPU (docs/decisions/turn-performance.md). This authentication hands out one client per
 * app id, service URL and audience instead, as botbuilder's older BotFrameworkAdapter kept its clients.
 * A client holds no per-turn state: its credentials fetch and cache tokens themselves (botframework-
 * connector's AppCredentials cache), and each request runs through the pipeline on its own.
 *
 * The user token client CloudAdapter makes for every turn is kept per app id in the same way.
 * Everything else is the wrapped authentication's: token checks, caller ids, skill clients.
 */
export class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly clients: ConnectorClients;
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  /**
   * `prepare` is run once on every client made, before any use (the proactive channel removes the built-in
   * retries there, so every one of its clients, whichever call made it, has none).
   */
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    options: { readonly capacity?: number; readonly prepare?: (client: ConnectorClient) => void } = {},
  ) {
    super();
    this.clients = new ConnectorClients(options.capacity ?? DEFAULT_CAPACITY, options.prepare ?? (() => {}));
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(
      this.inner.createConnectorFactory(claimsIdentity),
      appIdOf(claimsIdentity),
      this.clients,
    );
  }

  /**
   * CloudAdapter makes a user token client (the OAuth token service's client, another service client
   * and pipeline) for every turn, used or not; it depends only on the app id, so one per app id is kept.
   */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = appIdOf(claimsIdentity);
    const kept = this.userTokenClients.get(appId);
    if (kept) return kept;
    const made = this.inner.createUserTokenClient(claimsIdentity);
    // App ids are the bot's own (or a skill's): a few; anything past the bound is simply not kept.
    if (this.userTokenClients.size < DEFAULT_CAPACITY) this.userTokenClients.set(appId, made);
    made.catch(() => {
      if (this.userTokenClients.get(appId) === made) this.userTokenClients.delete(appId);
    });
    return made;
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new ReusingConnectorFactory(
        result.connectorFactory,
        appIdOf(result.claimsIdentity),
        this.clients,
      ),
    };
  }
}
