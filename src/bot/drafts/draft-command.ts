import type { TicketBackend, TicketRecord } from '../../backend/ticket-backend';
import { formatDateTime } from '../../cards/format-date-time';
import { CardTooLargeError, renderCard } from '../../cards/render-card';
import type { Clock } from '../../domain/clock';
import {
  draftCommunication,
  draftLanguages,
  draftTones,
  formatsFor,
  type DraftFormat,
  type DraftLanguage,
  type DraftTone,
} from '../../domain/notice';
import { findConfirmationNumber, normaliseConfirmationNumber } from '../../domain/ticket';
import type { Command } from '../commands/command';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import { replaceCard } from '../replace-card';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import { userTimeZone } from '../user-time-zone';

interface Choice {
  readonly format: DraftFormat;
  readonly language: DraftLanguage;
  readonly tone: DraftTone;
}

/**
 * `draft SEC-…` / `черновик SEC-…` (and the status card's button): the message to the publisher's own
 * customers, drafted from the ticket's facts as they stand now by the domain's drafting engine
 * (src/domain/notice) — an email, a short notice, a CSAF 2.0 advisory, or, for an incident with personal
 * data, the outline of the GDPR Art. 33 notification — in English or Russian, formal or plain, whatever
 * the Teams client's language. Each missing fact stays a visible placeholder and is listed. At any time,
 * closed tickets included: the message to customers often comes last.
 */
export function draftCommands(deps: {
  readonly backend: TicketBackend;
  readonly clock: Clock;
  /** A draft is a look-up by number like `status`: the same limits against guessing. */
  readonly lookups: LookupLimits;
}): Command[] {
  const find = async (turn: Turn, raw: string): Promise<TicketRecord | undefined> => {
    const number = normaliseConfirmationNumber(raw.trim()) ?? findConfirmationNumber(raw);
    const record = number
      ? await deps.lookups.byNumber(turn, () => deps.backend.getForTenant(turn.tenantId, number))
      : undefined;
    if (record === limited) return undefined;
    if (!record) {
      await turn.context.sendActivity(
        turn.t('tickets.status.notFound', { number: number ?? raw.slice(0, 40) }),
      );
    }
    return record;
  };
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
        const record = await find(turn, raw);
        if (record)
          await sendCard(turn.context, draftCard(turn, record, defaultChoice(turn, record), deps.clock));
      },
    },
    {
      name: 'draft_make',
      words: [],
      run: async (turn, _args, value) => {
        const raw = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : '';
        const record = await find(turn, raw);
        if (!record) return;
        const choice = readChoice(value, record, defaultChoice(turn, record));
        turn.log.info(
          { event: 'draft.made', ticket: record.ticket.confirmationNumber, format: choice.format },
          'customer communication drafted',
        );
        await replaceCard(turn, draftCard(turn, record, choice, deps.clock, true));
      },
    },
  ];
}

function defaultChoice(turn: Turn, record: TicketRecord): Choice {
  const language: DraftLanguage = record.locale?.startsWith('ru') ? 'ru' : turn.locale === 'ru' ? 'ru' : 'en';
  return { format: 'email', language, tone: 'formal' };
}

/** The card's choices, each checked against what is offered; anything else falls back to the default. */
function readChoice(
  value: Readonly<Record<string, unknown>> | undefined,
  record: TicketRecord,
  fallback: Choice,
): Choice {
  const offered = formatsFor(record.ticket);
  const pick = <T extends string>(raw: unknown, allowed: readonly T[], otherwise: T): T =>
    typeof raw === 'string' && (allowed as readonly string[]).includes(raw) ? (raw as T) : otherwise;
  return {
    format: pick(value?.format, offered, fallback.format),
    language: pick(value?.language, draftLanguages, fallback.language),
    tone: pick(value?.tone, draftTones, fallback.tone),
  };
}

function draftCard(turn: Turn, record: TicketRecord, choice: Choice, clock: Clock, drafted = false) {
  const { ticket } = record;
  const number = ticket.confirmationNumber;
  const data = {
    heading: turn.t('drafts.title', { number }),
    confirmationNumber: number,
    formats: formatsFor(ticket).map((format) => ({
      title: turn.t(`drafts.format.${format}`),
      value: format,
    })),
    choice,
    draftTitle: turn.t(drafted ? 'drafts.redraft' : 'drafts.draft'),
  };
  if (!drafted) return renderCard('draft-communication', turn.locale, data);
  const result = draftCommunication({ ...choice, ticket, now: clock.now() });
  const draft = {
    madeFrom: turn.t('drafts.madeFrom', {
      number,
      when: formatDateTime(ticket.updatedAt, turn.locale, userTimeZone(turn.context.activity)),
      version: ticket.version,
    }),
    bodyLabel: turn.t(choice.format === 'csaf' ? 'drafts.csafLabel' : 'drafts.bodyLabel'),
    body: result.body,
    ...(result.subject ? { subject: result.subject } : {}),
    ...(result.placeholders.length > 0
      ? { placeholders: result.placeholders.map((text) => ({ text })) }
      : {}),
  };
  try {
    return renderCard('draft-communication', turn.locale, { ...data, draft });
  } catch (error) {
    // A document too large for one Teams message is not cut: the card says so and keeps the choices.
    if (!(error instanceof CardTooLargeError)) throw error;
    return renderCard('draft-communication', turn.locale, {
      ...data,
      draft: { ...draft, body: '', placeholders: [{ text: turn.t('drafts.notHere', { number }) }] },
    });
  }
}
