import { randomUUID } from 'node:crypto';
import type { ConnectorStandIn } from './connector-stand-in';
import { BOT_ID, TeamsChat, teamsUser, type PostResult, type TeamsUser } from './teams-activities';

export interface TeamChannelPlace {
  readonly teamId: string;
  /** The channel's conversation id ('19:…@thread.tacv2'); posts in it are threads of their own. */
  readonly channelId: string;
  readonly teamName: string;
  readonly channelName: string;
}

export function teamChannel(overrides: Partial<TeamChannelPlace> = {}): TeamChannelPlace {
  const id = () => `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  return {
    teamId: id(),
    channelId: id(),
    teamName: 'Security Operations',
    channelName: 'Triage',
    ...overrides,
  };
}

/**
 * One person in a Teams team channel, through the real HTTP endpoint: activities shaped as Teams sends them
 * in a channel (conversation '19:…@thread.tacv2;messageid=…', conversationType 'channel', channelData with
 * team, channel and tenant, the bot @mentioned in the text).
 */
export class TeamsChannel extends TeamsChat {
  constructor(
    private readonly appUrl: string,
    connector: ConnectorStandIn,
    readonly place: TeamChannelPlace = teamChannel(),
    user: TeamsUser = teamsUser({ name: 'Sam Analyst' }),
    threadId = `${Date.now()}${Math.floor(Math.random() * 1000)}`,
  ) {
    super(appUrl, connector, user, `${place.channelId};messageid=${threadId}`);
  }

  override base(type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...super.base(type),
      conversation: {
        id: this.conversationId,
        conversationType: 'channel',
        isGroup: true,
        tenantId: this.user.tenantId,
      },
      channelData: {
        team: { id: this.place.teamId, name: this.place.teamName },
        channel: { id: this.place.channelId, name: this.place.channelName },
        tenant: { id: this.user.tenantId },
      },
      ...extra,
    };
  }

  /** "@Security Desk <text>" in the channel. */
  mention(text: string): Promise<PostResult> {
    const at = '<at>Security Desk</at>';
    return this.post(
      this.base('message', {
        text: `${at} ${text}`,
        textFormat: 'plain',
        entities: [{ type: 'mention', text: at, mentioned: { id: BOT_ID, name: 'Security Desk' } }],
      }),
    );
  }

  /** The same channel, as another person (or the same person from another tenant). */
  as(user: Partial<TeamsUser>): TeamsChannel {
    return new TeamsChannel(
      this.appUrl,
      this.connector,
      this.place,
      teamsUser({ name: 'Kim Analyst', ...user }),
    );
  }
}

/** The plain text of a turn's replies. */
export function replyTexts(result: PostResult): string[] {
  return result.replies
    .filter((c) => c.kind === 'send' || c.kind === 'reply')
    .map((c) => (typeof c.body.text === 'string' ? c.body.text : ''));
}
