import type { TicketBackend, TicketRecord } from '../../backend/ticket-backend';
import { renderCard } from '../../cards/render-card';
import { formatCvssScore, ratingForScore } from '../../domain/cvss';
import { echoNumber } from '../../domain/echo-text';
import { INTL_TAG } from '../../i18n/locale';
import {
  currentReport,
  findConfirmationNumber,
  maxOffersPerReport,
  normaliseConfirmationNumber,
  textLimits,
  type TicketCommand,
  type TicketError,
} from '../../domain/ticket';
import type { Command } from '../commands/command';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import { replaceCard } from '../replace-card';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import { isOpen, publisherOf } from './correspondence';

type Values = Readonly<Record<string, string>>;

/**
 * After submission the publisher can add to the report (more detail, a revised CVSS vector, a new or
 * changed fix, another offer) and withdraw it with a reason — both through the ticket's state machine,
 * kept as history, so what support already saw is never overwritten. `add SEC-…` / `withdraw SEC-…`
 * (or the status card's buttons) open a card; its submit does the change, or shows each problem next
 * to its field with everything typed kept.
 */
export function changeCommands(backend: TicketBackend, lookups: LookupLimits): Command[] {
  const openTicket = async (turn: Turn, raw: string): Promise<TicketRecord | undefined> => {
    const number = normaliseConfirmationNumber(raw.trim()) ?? findConfirmationNumber(raw);
    const record = number
      ? await lookups.byNumber(turn, () => backend.getForTenant(turn.tenantId, number))
      : undefined;
    if (record === limited) return undefined;
    if (isOpen(record)) return record;
    // Unknown, another tenant's and closed read the same.
    await turn.context.sendActivity(
      turn.t('correspondence.reply.notFound', { number: number ?? echoNumber(raw) }),
    );
    return undefined;
  };
  const numberOf = (args: string, value?: Readonly<Record<string, unknown>>) =>
    typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : args;

  return [
    {
      name: 'add',
      words: ['add information', 'add info', 'add', 'добавить сведения', 'добавить'],
      run: async (turn, args, value) => {
        const raw = numberOf(args, value);
        if (!raw.trim()) {
          await turn.context.sendActivity(turn.t('correspondence.add.usage'));
          return;
        }
        const record = await openTicket(turn, raw);
        if (record) await sendCard(turn.context, addCard(turn, record, {}, {}));
      },
    },
    {
      name: 'add_information',
      words: [],
      run: async (turn, _args, value) => {
        const record = await openTicket(turn, numberOf('', value));
        if (!record) return;
        const values = stringsOf(value, [
          'detail',
          'cvssVector',
          'fixKind',
          'remediationSteps',
          'offerName',
          'offerId',
        ]);
        const read = readAddition(turn, values);
        if (!read.ok) {
          await replaceCard(turn, addCard(turn, record, values, read.errors));
          return;
        }
        const number = record.ticket.confirmationNumber;
        const result = await backend.publisherCommand(turn.tenantId, number, read.command, publisherOf(turn));
        if (!result.ok) {
          const errors = fieldErrors(turn, result.error);
          if (errors) {
            await replaceCard(turn, addCard(turn, record, values, errors));
            return;
          }
          await refusal(turn, number, result.error);
          return;
        }
        turn.log.info({ event: 'ticket.information_added', ticket: number }, 'publisher added information');
        const cvss = currentReport(result.record.ticket).vulnerability?.cvss;
        const revised = read.command.type === 'add_information' && read.command.cvssVector && cvss;
        await turn.context.sendActivity(
          revised
            ? turn.t('correspondence.add.addedCvss', {
                number,
                score: formatCvssScore(cvss.baseScore, INTL_TAG[turn.locale]),
                rating: turn.t(`cvss.rating.${ratingForScore(cvss.baseScore)}`),
              })
            : turn.t('correspondence.add.added', { number }),
        );
      },
    },
    {
      name: 'withdraw',
      words: ['withdraw', 'отозвать', 'отозвать заявку'],
      run: async (turn, args, value) => {
        const raw = numberOf(args, value);
        if (!raw.trim()) {
          await turn.context.sendActivity(turn.t('correspondence.withdraw.usage'));
          return;
        }
        const record = await openTicket(turn, raw);
        if (record) await sendCard(turn.context, withdrawCard(turn, record.ticket.confirmationNumber, ''));
      },
    },
    {
      name: 'withdraw_confirm',
      words: [],
      run: async (turn, _args, value) => {
        const record = await openTicket(turn, numberOf('', value));
        if (!record) return;
        const number = record.ticket.confirmationNumber;
        const reason = typeof value?.reason === 'string' ? value.reason : '';
        const result = await backend.publisherCommand(
          turn.tenantId,
          number,
          { type: 'withdraw', reason },
          publisherOf(turn),
        );
        if (!result.ok) {
          const problem = fieldErrors(turn, result.error)?.reason;
          if (problem) {
            const message =
              result.error.key === 'ticket.field.required'
                ? turn.t('correspondence.withdraw.reasonRequired')
                : problem;
            await replaceCard(turn, withdrawCard(turn, number, reason, message));
            return;
          }
          await refusal(turn, number, result.error);
          return;
        }
        turn.log.info({ event: 'ticket.withdrawn', ticket: number }, 'publisher withdrew a report');
        await turn.context.sendActivity(turn.t('correspondence.withdraw.done', { number }));
      },
    },
  ];
}

async function refusal(turn: Turn, number: string, error: { readonly key: string }): Promise<void> {
  const key =
    error.key === 'ticket.backendUnavailable'
      ? 'correspondence.reply.unavailable'
      : error.key === 'ticket.actor.notAllowed'
        ? 'correspondence.reply.notHere'
        : 'correspondence.reply.notFound';
  turn.log.info({ event: 'ticket.change_refused', ticket: number, reason: error.key }, 'change refused');
  await turn.context.sendActivity(turn.t(key, { number }));
}

function stringsOf(value: Readonly<Record<string, unknown>> | undefined, ids: readonly string[]): Values {
  return Object.fromEntries(ids.map((id) => [id, typeof value?.[id] === 'string' ? value[id] : '']));
}

type AdditionRead =
  { readonly ok: true; readonly command: TicketCommand } | { readonly ok: false; readonly errors: Values };

/** The card's boxes as the domain's command; only what the card itself can tell is checked here. */
function readAddition(turn: Turn, values: Values): AdditionRead {
  const errors: Record<string, string> = {};
  const kind = values.fixKind || 'unchanged';
  const steps = values.remediationSteps ?? '';
  if (kind === 'unchanged' && steps.trim()) errors.fixKind = turn.t('report.error.choose');
  const name = (values.offerName ?? '').trim();
  const id = (values.offerId ?? '').trim();
  if (name && !id) errors.offerId = turn.t('correspondence.add.offerBoth');
  if (id && !name) errors.offerName = turn.t('correspondence.add.offerBoth');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fix =
    kind === 'full' || kind === 'partial'
      ? { kind: kind as 'full' | 'partial', remediationSteps: steps }
      : kind === 'none'
        ? { kind: 'none' as const }
        : undefined;
  return {
    ok: true,
    command: {
      type: 'add_information',
      ...(values.detail?.trim() ? { detail: values.detail } : {}),
      ...(values.cvssVector?.trim() ? { cvssVector: values.cvssVector.trim() } : {}),
      ...(fix ? { fix } : {}),
      ...(name && id ? { offers: [{ name, offerId: id }] } : {}),
    },
  };
}

/** The domain's field errors as messages next to the card's boxes; undefined for anything else. */
function fieldErrors(turn: Turn, error: TicketError | { readonly key: string }): Values | undefined {
  const input = 'field' in error ? inputOf(error.field) : undefined;
  if (!input || !('field' in error)) return undefined;
  const t = turn.t;
  const e = error as TicketError;
  const message =
    e.key === 'ticket.field.tooLong'
      ? t('report.error.tooLong', { max: e.max, length: e.length ?? '' })
      : e.key === 'ticket.field.required'
        ? input === 'problem'
          ? t('correspondence.add.nothing')
          : t('report.error.required')
        : e.key === 'ticket.field.unchanged'
          ? t('correspondence.add.unchanged')
          : e.key === 'ticket.field.tooMany'
            ? t('correspondence.add.tooManyOffers', { max: maxOffersPerReport })
            : input === 'cvssVector'
              ? t('correspondence.add.invalidVector')
              : input === 'offerId'
                ? t('correspondence.add.invalidOfferId')
                : t('report.error.invalid');
  return { [input]: message };
}

function inputOf(field: string): string | undefined {
  if (field === 'detail' || field === 'cvssVector' || field === 'reason') return field;
  if (field === 'fix.kind' || field === 'fix.expectedOn') return 'fixKind';
  if (field === 'fix.remediationSteps') return 'remediationSteps';
  if (field === 'offers.0.name') return 'offerName';
  if (field === 'offers' || field === 'offers.0.offerId') return 'offerId';
  if (field === 'information') return 'problem';
  return undefined;
}

function addCard(turn: Turn, record: TicketRecord, values: Values, errors: Values) {
  const number = record.ticket.confirmationNumber;
  const { problem, ...fields } = errors;
  return renderCard('add-information', turn.locale, {
    heading: turn.t('correspondence.add.title', { number }),
    confirmationNumber: number,
    vulnerability: record.ticket.category === 'vulnerability',
    labels: {
      detail: turn.t('correspondence.add.detailLabel', { max: textLimits.description }),
      remediationSteps: turn.t('correspondence.add.stepsLabel', { max: textLimits.remediationSteps }),
    },
    values: { fixKind: 'unchanged', ...values },
    errors: fields,
    ...(problem ? { problem } : {}),
    send: turn.t('correspondence.add.send', { number }),
  });
}

function withdrawCard(turn: Turn, number: string, reason: string, problem?: string) {
  return renderCard('withdraw-report', turn.locale, {
    heading: turn.t('correspondence.withdraw.title', { number }),
    reasonLabel: turn.t('correspondence.withdraw.reasonLabel', { max: textLimits.note }),
    confirm: turn.t('correspondence.withdraw.confirm', { number }),
    confirmationNumber: number,
    reason,
    ...(problem ? { problem } : {}),
  });
}
