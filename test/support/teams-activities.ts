import { randomUUID } from 'node:crypto';
import { adaptiveCardsOf, type ConnectorCall, type ConnectorStandIn } from './connector-stand-in';

/**
 * Builders for the activities Teams posts to a bot, shaped as Teams sends them: channelId "msteams",
 * `a:`-prefixed personal conversation ids, `29:` user ids with an Entra aadObjectId, `28:` bot ids,
 * channelData.tenant, the user's locale.
 */

export const BOT_ID = '28:00000000-0000-0000-0000-00000000b07';

export interface TeamsUser {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly tenantId: string;
  readonly locale: string;
}

export function teamsUser(overrides: Partial<TeamsUser> = {}): TeamsUser {
  const aadObjectId = overrides.aadObjectId ?? randomUUID();
  return {
    id: `29:${aadObjectId.replace(/-/g, '')}`,
    aadObjectId,
    name: 'Alex Publisher',
    tenantId: '72f988bf-0000-4000-8000-000000000001',
    locale: 'en-US',
    ...overrides,
  };
}

export interface PostResult {
  readonly status: number;
  readonly body: unknown;
  /** What the bot sent through the connector while this request was processed. */
  readonly replies: ConnectorCall[];
}

/** A personal (1:1) chat between one Teams user and the bot, through the real HTTP endpoint. */
export class TeamsChat {
  readonly conversationId: string;

  constructor(
    private readonly botUrl: string,
    readonly connector: ConnectorStandIn,
    readonly user: TeamsUser = teamsUser(),
    conversationId?: string,
  ) {
    this.conversationId = conversationId ?? `a:1${randomUUID().replace(/-/g, '')}`;
  }

  base(type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      type,
      id: `f:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: this.user.id, name: this.user.name, aadObjectId: this.user.aadObjectId },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: this.user.tenantId },
      recipient: { id: BOT_ID, name: 'Security Desk' },
      channelData: { tenant: { id: this.user.tenantId } },
      locale: this.user.locale,
      entities: [
        {
          type: 'clientInfo',
          locale: this.user.locale,
          country: 'US',
          platform: 'Web',
          timezone: 'Europe/Berlin',
        },
      ],
      ...extra,
    };
  }

  /** Teams sends both when a user installs the app in personal scope. */
  async install(): Promise<PostResult[]> {
    return [
      await this.post(
        this.base('conversationUpdate', {
          membersAdded: [{ id: BOT_ID }],
          channelData: { tenant: { id: this.user.tenantId } },
        }),
      ),
      await this.post(this.base('installationUpdate', { action: 'add' })),
    ];
  }

  uninstall(): Promise<PostResult> {
    return this.post(this.base('installationUpdate', { action: 'remove' }));
  }

  send(text: string): Promise<PostResult> {
    return this.post(this.base('message', { text, textFormat: 'plain' }));
  }

  /** An Action.Submit press: Teams sends a message whose value is the card's data plus its inputs. */
  submit(value: Record<string, unknown>, replyToId?: string): Promise<PostResult> {
    return this.post(this.base('message', { value, ...(replyToId ? { replyToId } : {}) }));
  }

  /**
   * An Action.Execute press (Universal Actions): an adaptiveCard/action invoke. Teams sends a card's
   * `refresh` action the same way, with trigger 'automatic' when the card comes into view.
   */
  execute(
    verb: string,
    data: Record<string, unknown>,
    replyToId?: string,
    trigger: 'manual' | 'automatic' = 'manual',
  ): Promise<PostResult> {
    return this.post(
      this.base('invoke', {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger },
        ...(replyToId ? { replyToId } : {}),
      }),
    );
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<PostResult> {
    const before = this.connector.calls.length;
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const replies = this.connector.calls
      .slice(before)
      .filter((c) => c.conversationId === this.conversationId);
    return { status: response.status, body, replies };
  }
}

/** The cards among a turn's replies. */
export function cardsIn(result: PostResult): Array<Record<string, unknown>> {
  return result.replies
    .filter((c) => c.kind === 'send' || c.kind === 'reply')
    .flatMap((c) => adaptiveCardsOf(c.body));
}
