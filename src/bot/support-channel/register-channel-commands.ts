import { MessageFactory } from 'botbuilder';
import { formatDateTime } from '../../cards/format-date-time';
import type { Command } from '../commands/command';
import type { Turn } from '../turn';
import { channelConversationId, type ChannelBinding } from './channel-binding';
import type { ChannelRegistrations } from './channel-registrations';
import type { TriageViewers } from './triage-viewers';

interface TeamsChannelData {
  readonly team?: { readonly id?: unknown; readonly name?: unknown };
  readonly channel?: { readonly id?: unknown; readonly name?: unknown };
}

/** The team channel a message came from, or undefined outside a team channel. */
function teamChannelOf(turn: Turn) {
  const activity = turn.context.activity;
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const teamId = typeof data.team?.id === 'string' ? data.team.id : undefined;
  if (activity.conversation?.conversationType !== 'channel' || !teamId) return undefined;
  return {
    teamId,
    conversationId: channelConversationId(activity.conversation.id),
    teamName: typeof data.team?.name === 'string' ? data.team.name.slice(0, 200) : undefined,
    channelName: typeof data.channel?.name === 'string' ? data.channel.name.slice(0, 200) : undefined,
  };
}

/** Replies as plain text: team, channel and people's names are not ours to render as markdown. */
async function say(turn: Turn, text: string): Promise<void> {
  const reply = MessageFactory.text(text);
  reply.textFormat = 'plain';
  await turn.context.sendActivity(reply);
}

/**
 * "@Security Desk register support channel <code>": makes this team channel the support channel with a
 * one-time code from the support API. The code, not membership of a channel, is what makes people
 * support: anyone can add the bot to a team of their own.
 */
export function createRegisterChannelCommand(
  registrations: ChannelRegistrations,
  viewers: TriageViewers,
  onRegistered: () => void,
): Command {
  return {
    name: 'register_support_channel',
    words: ['register support channel', 'зарегистрировать канал поддержки'],
    async run(turn: Turn, args: string) {
      const where = teamChannelOf(turn);
      if (!where) return say(turn, turn.t('supportChannel.register.notChannel'));
      if (!args.trim()) return say(turn, turn.t('supportChannel.register.missingCode'));
      const activity = turn.context.activity;
      const result = await registrations.redeem(args.trim(), {
        teamId: where.teamId,
        conversationId: where.conversationId,
        tenantId: turn.tenantId,
        ...(where.teamName ? { teamName: where.teamName } : {}),
        ...(where.channelName ? { channelName: where.channelName } : {}),
        address: {
          user: {
            id: activity.from.id,
            ...(activity.from.name ? { name: activity.from.name } : {}),
            ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
          },
          bot: {
            id: activity.recipient.id,
            ...(activity.recipient.name ? { name: activity.recipient.name } : {}),
          },
          conversation: {
            id: where.conversationId,
            conversationType: 'channel',
            tenantId: turn.tenantId,
            isGroup: true,
          },
          channelId: activity.channelId,
          serviceUrl: activity.serviceUrl,
        },
        by: { id: turn.userId, ...(turn.userName ? { name: turn.userName } : {}) },
      });
      if (!result.ok) {
        turn.log.warn(
          { event: 'support_channel.register_refused', reason: result.reason, teamId: where.teamId },
          'support channel registration refused',
        );
        return say(turn, turn.t(`supportChannel.register.${result.reason}`));
      }
      turn.log.info(
        {
          event: 'support_channel.registered',
          bindingId: result.binding.id,
          teamId: where.teamId,
          by: turn.userId,
          replaced: result.replaced?.id,
        },
        'support channel registered',
      );
      // The person who bound the channel works its cards: the first on each card's refresh list.
      await viewers.remember(result.binding.id, activity.from.id);
      const lines = [
        turn.t(result.renewed ? 'supportChannel.register.renewed' : 'supportChannel.register.done'),
      ];
      if (result.replaced) {
        lines.push(turn.t('supportChannel.register.replaced', { previous: describe(turn, result.replaced) }));
      }
      onRegistered();
      await say(turn, lines.join('\n\n'));
    },
  };
}

/** "@Security Desk unregister support channel", in the support channel itself. */
export function createUnregisterChannelCommand(registrations: ChannelRegistrations): Command {
  return {
    name: 'unregister_support_channel',
    words: ['unregister support channel', 'отменить канал поддержки'],
    async run(turn: Turn) {
      const where = teamChannelOf(turn);
      const binding = where ? await registrations.active() : undefined;
      const here =
        where &&
        binding &&
        binding.conversationId === where.conversationId &&
        binding.teamId === where.teamId &&
        binding.tenantId === turn.tenantId;
      if (
        !where ||
        !here ||
        !(await registrations.unregister(where.conversationId, where.teamId, { id: turn.userId }))
      ) {
        turn.log.info({ event: 'support_channel.unregister_refused' }, 'not the support channel');
        return say(turn, turn.t('supportChannel.unregister.notBound'));
      }
      turn.log.info(
        { event: 'support_channel.unregistered', bindingId: binding.id, by: turn.userId },
        'support channel unregistered',
      );
      await say(turn, turn.t('supportChannel.unregister.done'));
    },
  };
}

function describe(turn: Turn, binding: ChannelBinding): string {
  if (binding.teamName && binding.channelName) {
    return turn.t('supportChannel.previous.named', { channel: binding.channelName, team: binding.teamName });
  }
  return turn.t('supportChannel.previous.unnamed', {
    name: binding.registeredBy.name ?? binding.registeredBy.id,
    date: formatDateTime(binding.registeredAt, turn.locale, undefined),
  });
}
