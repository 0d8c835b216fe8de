import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue } from 'botbuilder';
import type { SupportPort, SupportTicketView } from '../../backend/support-port';
import type { AdaptiveCard } from '../../cards/render-card';
import type { TicketError } from '../../domain/ticket';
import type { Turn } from '../turn';
import { channelConversationId, type ChannelBinding } from './channel-binding';
import type { ChannelRegistrations } from './channel-registrations';
import { fieldErrors, isTriageVerb, readCardAction, type CardAction } from './read-card-action';
import { renderTriageCard, type TriageCardOptions } from './render-triage-card';
import type { TriageViewers } from './triage-viewers';

/** The card's `refresh` action: Teams asks for the card as it is now when someone looks at it. */
export const TRIAGE_REFRESH_VERB = 'support.refresh';

export interface TriageCardActionsDeps {
  readonly registrations: ChannelRegistrations;
  readonly support: SupportPort;
  /** Who works the cards: each card's refresh.userIds. */
  readonly viewers: TriageViewers;
  /** SUPPORT_TIME_ZONE. */
  readonly timeZone: string;
  /** After a change: the channel's card is updated for everyone (the invoke answer reaches only the presser). */
  readonly onChanged: () => void;
}

/**
 * The triage card's buttons (Action.Execute, `adaptiveCard/action` invokes). Only presses from the bound
 * support channel, by a person of the bound tenant, run anything; the answer is the card as it is now,
 * which Teams shows in place of the pressed one, with what happened on top and field errors next to fields.
 */
export class TriageCardActions {
  constructor(private readonly deps: TriageCardActionsDeps) {}

  handles(verb: string): boolean {
    return verb === TRIAGE_REFRESH_VERB || isTriageVerb(verb);
  }

  async run(turn: Turn, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = value.action?.verb ?? '';
    const binding = await this.deps.registrations.active();
    if (!binding) {
      turn.log.warn({ event: 'support_channel.action_refused', reason: 'noChannel', verb }, 'refused');
      return errorResponse(403, turn.t('supportChannel.refused.noChannel'));
    }
    const refusal = this.refusal(turn, binding);
    if (refusal) {
      turn.log.warn(
        { event: 'support_channel.action_refused', reason: refusal, verb },
        'card action from outside the support channel refused',
      );
      return errorResponse(403, turn.t('supportChannel.refused.notSupportChannel'));
    }
    const viewers = await this.rememberViewer(turn, binding);
    if (verb === TRIAGE_REFRESH_VERB) return this.refresh(turn, value, viewers);
    const aadObjectId = turn.context.activity.from?.aadObjectId;
    if (!aadObjectId) {
      turn.log.warn({ event: 'support_channel.action_refused', reason: 'noIdentity', verb }, 'refused');
      return errorResponse(403, turn.t('supportChannel.refused.noIdentity'));
    }
    const action = isTriageVerb(verb) ? readCardAction(verb, value.action.data) : undefined;
    if (!action) {
      turn.log.warn({ event: 'support_channel.action_refused', reason: 'malformed', verb }, 'refused');
      return errorResponse(400, turn.t('supportChannel.refused.unknownAction'));
    }

    const actor = {
      kind: 'support' as const,
      id: aadObjectId,
      ...(turn.userName ? { name: turn.userName } : {}),
    };
    const result = await this.deps.support.execute(action.number, action.command, actor, action.version);
    const log = { ticket: action.number, command: action.command.type, actor: aadObjectId };
    if (result.ok) {
      turn.log.info({ event: 'support.command', via: 'channel', ...log }, 'support changed a ticket');
      this.deps.onChanged();
      return this.card(turn, result.view, viewers, {
        notice: {
          text: turn.t('supportChannel.card.saved', { name: actor.name ?? aadObjectId }),
          style: 'good',
        },
      });
    }
    if (result.reason === 'notFound') {
      turn.log.info({ event: 'support_channel.action_failed', reason: 'notFound', ...log }, 'no such ticket');
      return errorResponse(404, turn.t('supportChannel.card.notFound'));
    }
    const current = await this.deps.support.get(action.number);
    if (!current) return errorResponse(404, turn.t('supportChannel.card.notFound'));
    turn.log.info({ event: 'support_channel.action_failed', reason: result.reason, ...log }, 'not changed');
    if (result.reason === 'conflict') {
      return this.card(turn, current.view, viewers, {
        notice: { text: turn.t('supportChannel.card.conflict'), style: 'warning' },
        form: action.form,
      });
    }
    return this.card(
      turn,
      current.view,
      viewers,
      this.refusedOptions(turn, current.view, action, result.errors),
    );
  }

  /**
   * Teams' refresh invoke (automatic when a listed viewer sees the card, or "Refresh" from its menu):
   * the ticket's card as it is now, for this viewer, with the history the channel's post shows.
   */
  private async refresh(
    turn: Turn,
    value: AdaptiveCardInvokeValue,
    viewers: readonly string[],
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = value.action?.data as { ticket?: unknown } | undefined;
    const number = typeof data?.ticket === 'string' ? data.ticket.slice(0, 40) : '';
    const found = number ? await this.deps.support.get(number) : undefined;
    if (!found) {
      turn.log.info({ event: 'support_channel.refresh_failed', reason: 'notFound' }, 'no such ticket');
      return errorResponse(404, turn.t('supportChannel.card.notFound'));
    }
    // botbuilder's invoke value drops `trigger`: it is read from the activity.
    const trigger = (turn.context.activity.value as { trigger?: unknown } | undefined)?.trigger;
    turn.log.info(
      {
        event: 'support_channel.refreshed',
        ticket: number,
        trigger: trigger === 'automatic' ? trigger : 'manual',
      },
      'triage card refreshed',
    );
    return this.card(turn, found.view, viewers, { history: found.history });
  }

  /** The presser (their Teams id) joins the card's refresh list; a failure there must not fail the press. */
  private async rememberViewer(turn: Turn, binding: ChannelBinding): Promise<readonly string[]> {
    const teamsId = turn.context.activity.from?.id;
    try {
      return teamsId
        ? await this.deps.viewers.remember(binding.id, teamsId)
        : await this.deps.viewers.list(binding.id);
    } catch (error) {
      turn.log.warn(
        { event: 'support_channel.viewers_failed', error: (error as Error).message },
        'refresh list not updated',
      );
      return [];
    }
  }

  /** Why this press may not act, or undefined when it comes from the support channel's own tenant. */
  private refusal(turn: Turn, binding: ChannelBinding): string | undefined {
    const activity = turn.context.activity;
    const channelData = (activity.channelData ?? {}) as { team?: { id?: unknown } };
    if (channelConversationId(activity.conversation?.id ?? '') !== binding.conversationId)
      return 'otherChannel';
    if (channelData.team?.id !== binding.teamId) return 'otherTeam';
    if (turn.tenantId !== binding.tenantId) return 'otherTenant';
    return undefined;
  }

  private refusedOptions(
    turn: Turn,
    view: SupportTicketView,
    action: CardAction,
    errors: readonly TicketError[],
  ): Partial<TriageCardOptions> {
    const byField = fieldErrors(action.command.type, errors, turn.t);
    if (Object.keys(byField).length > 0) {
      return {
        notice: { text: turn.t('supportChannel.card.fieldsNeedAttention'), style: 'attention' },
        form: action.form,
        errors: byField,
      };
    }
    return {
      notice: {
        text: turn.t('supportChannel.card.notAllowed', {
          state: turn.t(`supportChannel.state.${view.ticket.state}`),
        }),
        style: 'attention',
      },
      form: action.form,
    };
  }

  private card(
    turn: Turn,
    view: SupportTicketView,
    viewers: readonly string[],
    options: Partial<TriageCardOptions>,
  ): AdaptiveCardInvokeResponse {
    const card: AdaptiveCard = renderTriageCard(view, {
      ...options,
      viewers,
      locale: turn.locale,
      timeZone: this.deps.timeZone,
    });
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}

function errorResponse(statusCode: number, message: string): AdaptiveCardInvokeResponse {
  return {
    statusCode,
    type: 'application/vnd.microsoft.error',
    value: {
      code: statusCode === 400 ? 'BadRequest' : statusCode === 404 ? 'NotFound' : 'Forbidden',
      message,
    },
  };
}
