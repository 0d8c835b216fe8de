import type { DraftChoice } from '../../backend/customer-draft-desk';
import { renderCard } from '../../cards/render-card';
import { draftWords } from '../../cards/describe-ticket-event';
import { draftLanguages, draftTones, formatsFor } from '../../domain/notice';
import type { Command } from '../commands/command';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { StoredTicket } from '../../tickets';
import {
  findTicket,
  publisherActor,
  pressedDraft,
  refusalText,
  showDraft,
  type DraftFeature,
} from './draft-feature';

/** At most this many earlier drafts are named on the choice card (the newest of each format and language). */
const maxListed = 6;

/**
 * `draft SEC-…` / `черновик SEC-…` (and the status and outcome cards' button): the message to the
 * publisher's own customers, drafted from the ticket's facts as they stand by the domain's drafting engine
 * (src/domain/notice) — an email, a short notice, a CSAF 2.0 document, or, for an incident with personal
 * data, the outline of the GDPR Art. 33 notification — in English or Russian, formal or plain, whatever
 * the Teams client's language. Every draft is kept on the ticket with its version
 * (src/backend/customer-draft-desk.ts); at any time, closed tickets included.
 */
export function draftCommands(feature: DraftFeature): Command[] {
  return [
    {
      name: 'draft',
      words: ['draft', 'черновик'],
      run: async (turn, args, value) => {
        const raw = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : args;
        if (!raw.trim()) {
          await turn.context.sendActivity(turn.t('drafts.usage'));
          return;
        }
        const stored = await findTicket(feature, turn, raw);
        if (stored) await sendCard(turn.context, await choiceCard(feature, turn, stored));
      },
    },
    {
      name: 'draft_make',
      words: [],
      run: async (turn, _args, value) => {
        const raw = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : '';
        const stored = await findTicket(feature, turn, raw);
        if (!stored) return;
        const choice = readChoice(value, stored, defaultChoice(turn, stored));
        const made = await feature.desk.make(stored, choice, publisherActor(turn));
        if (!made.ok) {
          await turn.context.sendActivity(refusalText(turn, made, stored.ticket.confirmationNumber));
          return;
        }
        turn.log.info(
          {
            event: 'draft.made',
            ticket: stored.ticket.confirmationNumber,
            format: choice.format,
            version: made.draft.version,
          },
          'customer communication drafted',
        );
        await showDraft(feature, turn, made.draft, made.stored);
      },
    },
    {
      name: 'draft_redraft',
      words: [],
      run: async (turn, _args, value) => {
        const pressed = await pressedDraft(feature, turn, value);
        if (!pressed) return;
        const { stored, draftId } = pressed;
        const made = await feature.desk.redraft(stored, draftId, publisherActor(turn));
        if (!made.ok) {
          await turn.context.sendActivity(refusalText(turn, made, stored.ticket.confirmationNumber));
          return;
        }
        turn.log.info(
          {
            event: 'draft.made',
            ticket: stored.ticket.confirmationNumber,
            format: made.draft.format,
            version: made.draft.version,
          },
          'customer communication drafted again',
        );
        // From a notification ("your drafts are out of date"), the new draft comes as a message of its own.
        await showDraft(feature, turn, made.draft, made.stored, { inPlace: value?.fresh !== true });
      },
    },
  ];
}

function defaultChoice(turn: Turn, stored: StoredTicket): DraftChoice {
  const language = stored.locale?.startsWith('ru') ? 'ru' : turn.locale === 'ru' ? 'ru' : 'en';
  return { format: 'email', language, tone: 'formal' };
}

/** The card's choices, each checked against what is offered; anything else falls back to the default. */
function readChoice(
  value: Readonly<Record<string, unknown>> | undefined,
  stored: StoredTicket,
  fallback: DraftChoice,
): DraftChoice {
  const offered = formatsFor(stored.ticket);
  const pick = <T extends string>(raw: unknown, allowed: readonly T[], otherwise: T): T =>
    typeof raw === 'string' && (allowed as readonly string[]).includes(raw) ? (raw as T) : otherwise;
  return {
    format: pick(value?.format, offered, fallback.format),
    language: pick(value?.language, draftLanguages, fallback.language),
    tone: pick(value?.tone, draftTones, fallback.tone),
  };
}

/** Format, language and tone to choose, and the drafts made so far, each with where it stands. */
async function choiceCard(feature: DraftFeature, turn: Turn, stored: StoredTicket) {
  const { ticket } = stored;
  const number = ticket.confirmationNumber;
  const views = await feature.desk.list(stored);
  const latest = new Map<string, (typeof views)[number]>();
  for (const view of views) {
    if (view.draft.status === 'declined' || view.draft.status === 'edited') continue;
    latest.set(`${view.draft.format}:${view.draft.language}`, view);
  }
  const earlier = [...latest.values()].slice(-maxListed).map((view) =>
    turn.t('drafts.earlierItem', {
      named: turn.t('drafts.named', draftWords(turn.t, view.draft)),
      standing: turn.t(
        `drafts.earlierStanding.${
          view.stale
            ? 'stale'
            : view.draft.status === 'proposed'
              ? 'proposed'
              : view.draft.status === 'shared'
                ? 'shared'
                : 'current'
        }`,
      ),
    }),
  );
  return renderCard('draft-communication', turn.locale, {
    heading: turn.t('drafts.title', { number }),
    confirmationNumber: number,
    formats: formatsFor(ticket).map((format) => ({
      title: turn.t(`drafts.format.${format}`),
      value: format,
    })),
    choice: defaultChoice(turn, stored),
    draftTitle: turn.t('drafts.draft'),
    ...(earlier.length > 0 ? { earlier: turn.t('drafts.earlier', { drafts: earlier.join('; ') }) } : {}),
  });
}
