import type { CustomerDraftDesk, DraftRefusal } from '../../backend/customer-draft-desk';
import type { DraftDownloadLinks } from '../../backend/draft-download-links';
import { customerDraftCard } from '../../cards/customer-draft-card';
import { changedWords } from '../../cards/describe-ticket-event';
import { echoNumber } from '../../domain/echo-text';
import type { CustomerDraft } from '../../domain/notice';
import { findConfirmationNumber, normaliseConfirmationNumber, type Actor } from '../../domain/ticket';
import type { StoredTicket } from '../../tickets';
import { conversationIdentity } from '../conversation-identity';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import { cardActivity, sendCard } from '../send-card';
import type { Turn } from '../turn';
import { userTimeZone } from '../user-time-zone';

/** What the draft commands work with (built once in app.ts). */
export interface DraftFeature {
  readonly desk: CustomerDraftDesk;
  readonly links: DraftDownloadLinks;
  /** Where download links point (`https://<public host>` or, locally, the listening address); none: no links. */
  readonly downloadBaseUrl: () => string | undefined;
  /** Hosts a file consent's upload URL may point at (Teams uploads to the person's OneDrive). */
  readonly uploadHosts: readonly string[];
  readonly lookups: LookupLimits;
}

export function publisherActor(turn: Turn): Actor {
  return { kind: 'publisher', id: turn.userId, ...(turn.userName ? { name: turn.userName } : {}) };
}

export function isPersonalChat(turn: Turn): boolean {
  return conversationIdentity(turn.context.activity).conversationType === 'personal';
}

/**
 * The publisher's ticket named by a typed number or a card's `confirmationNumber`, within their tenant,
 * under the look-up limits; says so when there is none.
 */
export async function findTicket(
  feature: DraftFeature,
  turn: Turn,
  raw: string,
): Promise<StoredTicket | undefined> {
  const number = normaliseConfirmationNumber(raw.trim()) ?? findConfirmationNumber(raw);
  const stored = number
    ? await feature.lookups.byNumber(turn, () => feature.desk.findForTenant(turn.tenantId, number))
    : undefined;
  if (stored === limited) return undefined;
  if (!stored) {
    await turn.context.sendActivity(turn.t('tickets.status.notFound', { number: number ?? echoNumber(raw) }));
  }
  return stored;
}

/** A card's `confirmationNumber` and `draftId`, read as the untrusted strings they are. */
export function readDraftRef(
  value: Readonly<Record<string, unknown>> | undefined,
): { number: string; draftId: string } | undefined {
  const number = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : '';
  const draftId = typeof value?.draftId === 'string' ? value.draftId : '';
  if (!normaliseConfirmationNumber(number) || !/^[A-Za-z0-9-]{1,64}$/.test(draftId)) return undefined;
  return { number, draftId };
}

/**
 * The draft a card's button names and its ticket, within the presser's tenant; says so when there is
 * none (another tenant's draft id reads the same as an unknown one).
 */
export async function pressedDraft(
  feature: DraftFeature,
  turn: Turn,
  value: Readonly<Record<string, unknown>> | undefined,
): Promise<{ draftId: string; stored: StoredTicket } | undefined> {
  const ref = readDraftRef(value);
  const stored = ref && (await feature.desk.findForTenant(turn.tenantId, ref.number));
  if (!ref || !stored) {
    await turn.context.sendActivity(turn.t('drafts.refused.notFound', { number: ref?.number ?? '' }));
    return undefined;
  }
  return { draftId: ref.draftId, stored };
}

export function renderDraft(turn: Turn, draft: CustomerDraft, stored: StoredTicket, notice?: string) {
  const timeZone = userTimeZone(turn.context.activity) ?? stored.timeZone;
  return customerDraftCard(draft, stored.ticket, {
    locale: turn.locale,
    ...(timeZone ? { timeZone } : {}),
    personalChat: isPersonalChat(turn),
    ...(notice ? { notice } : {}),
  });
}

/**
 * Shows the draft in place of the card whose button was pressed (or as a new message when that cannot
 * be), and remembers where, so the card is updated when the draft goes out of date.
 */
export async function showDraft(
  feature: DraftFeature,
  turn: Turn,
  draft: CustomerDraft,
  stored: StoredTicket,
  options: { readonly notice?: string; readonly inPlace?: boolean } = {},
): Promise<void> {
  const card = renderDraft(turn, draft, stored, options.notice);
  const { activity } = turn.context;
  let activityId: string | undefined;
  if (activity.replyToId && options.inPlace !== false) {
    try {
      await turn.context.updateActivity({ ...cardActivity(card), id: activity.replyToId, type: 'message' });
      activityId = activity.replyToId;
    } catch (error) {
      const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
      if (typeof status !== 'number' || status === 429 || status >= 500) throw error;
      turn.log.warn(
        { event: 'card.update_failed', status },
        'could not update the draft card; sending it anew',
      );
    }
  }
  activityId ??= await sendCard(turn.context, card);
  if (activityId && activity.conversation?.id) {
    const timeZone = userTimeZone(activity);
    await feature.desk.rememberCard(stored, {
      kind: 'draft',
      conversationId: activity.conversation.id,
      activityId,
      locale: turn.locale,
      ...(timeZone ? { timeZone } : {}),
      draftId: draft.id,
    });
  }
}

/** A refusal in the person's words. */
export function refusalText(turn: Turn, refusal: DraftRefusal, number: string): string {
  switch (refusal.reason) {
    case 'stale':
      return turn.t('drafts.refused.stale', { changed: changedWords(turn.t, turn.locale, refusal.changed) });
    case 'invalid': {
      return refusal.errors
        .map((error) => {
          const field = 'field' in error ? error.field : '';
          if (error.key === 'ticket.field.tooLong') {
            return turn.t(
              `drafts.refused.${field === 'subject' ? 'subject' : field === 'note' ? 'note' : 'body'}TooLong`,
              {
                length: error.length ?? error.max,
                max: error.max,
              },
            );
          }
          return turn.t(
            field === 'subject' ? 'drafts.refused.subjectRequired' : 'drafts.refused.bodyRequired',
          );
        })
        .join(' ');
    }
    case 'notWaiting':
      return turn.t('drafts.refused.notWaiting');
    case 'notFound':
    case 'notOffered':
      return turn.t(`drafts.refused.${refusal.reason}`, { number });
    default:
      return turn.t(`drafts.refused.${refusal.reason}`);
  }
}
