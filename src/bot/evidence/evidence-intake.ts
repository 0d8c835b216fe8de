import { TurnContext } from 'botbuilder';
import { wrappable } from '../../cards/card-lines';
import type { TicketBackend } from '../../backend/ticket-backend';
import { formatFileSize } from '../../cards/format-file-size';
import { CardTooLargeError, renderCard } from '../../cards/render-card';
import type { Clock } from '../../domain/clock';
import { echoNumber } from '../../domain/echo-text';
import { findConfirmationNumber, normaliseConfirmationNumber } from '../../domain/ticket';
import type {
  EvidenceService,
  IncomingFile,
  IntakeOutcome,
  IntakeTarget,
} from '../../evidence/evidence-service';
import { INTL_TAG } from '../../i18n/locale';
import type { StateDocuments } from '../../store/state-documents';
import type { EvidenceFile } from '../../tickets';
import { matchCommand, type Command } from '../commands/command';
import { conversationIdentity } from '../conversation-identity';
import { publisherOf } from '../correspondence/correspondence';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import { DraftStore } from '../report/draft-store';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import { botAuthorization } from './bot-authorization';
import { maxFilesPerMessage, readCarriedFiles, readFileAttachments } from './read-file-attachments';

export interface EvidenceIntakeDeps {
  /** Undefined when this deployment files reports with a remote service: files are refused, politely. */
  readonly service: EvidenceService | undefined;
  readonly backend: TicketBackend;
  readonly documents: StateDocuments;
  readonly lookups: LookupLimits;
  readonly clock: Clock;
}

/** How long `attach <number>` points the next files at that ticket. */
const targetMinutes = 30;
/** Tickets offered on the "which report?" card (newest first); for another, `attach <number>`. */
const maxChoices = 10;

type Resolved =
  | { readonly kind: 'target'; readonly target: IntakeTarget; readonly title?: string }
  | { readonly kind: 'answered' };

/**
 * Evidence files in the personal chat. A message with files goes, in this order of precedence, to the
 * ticket its text names (`attach SEC-…` or just the number), to the ticket `attach <number>` pointed at
 * in the last 30 minutes, to the report being filled in (kept with the draft until it is submitted), or
 * to the one open ticket of the organisation; with several open, the bot asks which (a card whose
 * buttons carry the files). Every message gets one receipt: what was attached, with size and SHA-256,
 * what was not and why, and the limits.
 */
export class EvidenceIntake {
  readonly command: Command;

  constructor(private readonly deps: EvidenceIntakeDeps) {
    this.command = {
      name: 'attach',
      words: ['attach', 'приложить', 'прикрепить'],
      run: (turn, args, value) => this.runCommand(turn, args, value),
    };
  }

  /** The hook before routing: true when the message carried files and was answered here. */
  async onMessage(turn: Turn): Promise<boolean> {
    const { activity } = turn.context;
    const files = readFileAttachments(activity.attachments);
    if (files.length === 0) return false;
    if (conversationIdentity(activity).conversationType !== 'personal') return false;
    turn.log.info({ event: 'evidence.received', count: files.length }, 'message with files');
    const service = this.deps.service;
    if (!service) {
      await turn.context.sendActivity(turn.t('evidence.unavailable'));
      return true;
    }
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const resolved = await this.resolve(turn, text, files);
    if (resolved.kind === 'answered') return true;
    await this.deliver(turn, service, resolved.target, files, resolved.title);
    return true;
  }

  private async runCommand(
    turn: Turn,
    args: string,
    value: Readonly<Record<string, unknown>> | undefined,
  ): Promise<void> {
    const service = this.deps.service;
    if (!service) {
      await turn.context.sendActivity(turn.t('evidence.unavailable'));
      return;
    }
    // A press on the "which report?" card: the files it carries go to the report chosen.
    if (value?.cmd === 'attach') {
      const files = readCarriedFiles(value.files);
      const raw = typeof value.confirmationNumber === 'string' ? value.confirmationNumber : '';
      const ticket = await this.openTicket(turn, raw);
      if (ticket === 'limited') return;
      if (!ticket || files.length === 0) {
        await turn.context.sendActivity(turn.t('evidence.attach.noTicket', { number: echoNumber(raw) }));
        return;
      }
      await this.deliver(turn, service, ticket.target, files, ticket.title);
      return;
    }
    if (args.trim() === '') {
      await turn.context.sendActivity(`${turn.t('evidence.attach.usage')}\n\n${this.limitsText(turn)}`);
      return;
    }
    const ticket = await this.openTicket(turn, args.trim());
    if (ticket === 'limited') return;
    if (!ticket) {
      turn.log.info({ event: 'evidence.attach_not_found' }, 'attach: no such open ticket in the tenant');
      await turn.context.sendActivity(
        turn.t('evidence.attach.noTicket', { number: args.trim().slice(0, 40) }),
      );
      return;
    }
    const number = (ticket.target as { confirmationNumber: string }).confirmationNumber;
    await this.deps.documents.write([
      {
        key: targetKey(turn),
        document: {
          confirmationNumber: number,
          until: new Date(this.deps.clock.now().getTime() + targetMinutes * 60_000).toISOString(),
        },
      },
    ]);
    turn.log.info(
      { event: 'evidence.target_set', confirmationNumber: number },
      'attach: files go to a ticket',
    );
    await turn.context.sendActivity(
      `${turn.t('evidence.attach.ready', { number, title: ticket.title ?? '' })}\n\n${this.limitsText(turn)}`,
    );
  }

  /** Which ticket (or draft) the files of this message are for; or the question was asked already. */
  private async resolve(turn: Turn, text: string, files: readonly IncomingFile[]): Promise<Resolved> {
    const matched = matchCommand([this.command], text);
    const named = matched?.args ? matched.args : findConfirmationNumber(text);
    if (named) {
      const ticket = await this.openTicket(turn, named);
      if (ticket === 'limited') return { kind: 'answered' };
      if (ticket) return ticket;
      await turn.context.sendActivity(turn.t('evidence.attach.noTicket', { number: named.slice(0, 40) }));
      return { kind: 'answered' };
    }
    const pointed = await this.pointedTicket(turn);
    if (pointed) return pointed;
    const draft = await this.openDraft(turn);
    if (draft) return { kind: 'target', target: { kind: 'draft', tenantId: turn.tenantId, draftId: draft } };
    const summaries = await this.deps.backend.summariesForTenant(turn.tenantId, { limit: 50 });
    const open = summaries.filter((summary) => summary.state !== 'closed');
    const [only] = open;
    if (open.length === 1 && only) {
      return {
        kind: 'target',
        target: {
          kind: 'ticket',
          tenantId: turn.tenantId,
          confirmationNumber: only.confirmationNumber,
        },
        title: only.title,
      };
    }
    if (open.length === 0) {
      turn.log.info({ event: 'evidence.no_open_ticket' }, 'files sent with no open ticket or draft');
      await turn.context.sendActivity(turn.t('evidence.noOpenReport'));
      return { kind: 'answered' };
    }
    turn.log.info({ event: 'evidence.which_ticket', open: open.length }, 'files: asked which ticket');
    let card;
    try {
      card = renderCard('evidence-choose-ticket', turn.locale, {
        names: files.slice(0, maxFilesPerMessage).map((file) => wrappable(file.name ?? 'file')),
        tickets: open.slice(0, maxChoices).map((record) => ({
          number: record.confirmationNumber,
          title: wrappable(
            turn.t('evidence.choose.ticket', {
              number: record.confirmationNumber,
              title: record.title,
            }),
          ),
        })),
        selected: open[0]?.confirmationNumber ?? '',
        files: files.slice(0, maxFilesPerMessage),
        limits: this.limitsText(turn),
      });
    } catch (error) {
      if (!(error instanceof CardTooLargeError)) throw error;
      // Links too long to carry in a card: the person names the report and sends the files again.
      await turn.context.sendActivity(turn.t('evidence.attach.usage'));
      return { kind: 'answered' };
    }
    await sendCard(turn.context, card);
    return { kind: 'answered' };
  }

  /** An open ticket of the tenant by a number the person typed (a counted look-up). */
  private async openTicket(
    turn: Turn,
    raw: string,
  ): Promise<Extract<Resolved, { kind: 'target' }> | undefined | 'limited'> {
    const number = normaliseConfirmationNumber(raw);
    if (!number) return undefined;
    const record = await this.deps.lookups.byNumber(turn, () =>
      this.deps.backend.getForTenant(turn.tenantId, number),
    );
    if (record === limited) return 'limited';
    if (!record || record.ticket.state === 'closed') return undefined;
    return {
      kind: 'target',
      target: {
        kind: 'ticket',
        tenantId: turn.tenantId,
        confirmationNumber: record.ticket.confirmationNumber,
      },
      title: record.ticket.report.title,
    };
  }

  /** The ticket `attach <number>` pointed at, while that lasts and the ticket is open. */
  private async pointedTicket(turn: Turn): Promise<Extract<Resolved, { kind: 'target' }> | undefined> {
    const key = targetKey(turn);
    const stored = (await this.deps.documents.read([key])).get(key)?.document as
      { confirmationNumber?: unknown; until?: unknown } | undefined;
    if (typeof stored?.confirmationNumber !== 'string' || typeof stored.until !== 'string') return undefined;
    if (Date.parse(stored.until) <= this.deps.clock.now().getTime()) return undefined;
    const record = await this.deps.backend.getForTenant(turn.tenantId, stored.confirmationNumber);
    if (!record || record.ticket.state === 'closed') return undefined;
    return {
      kind: 'target',
      target: {
        kind: 'ticket',
        tenantId: turn.tenantId,
        confirmationNumber: record.ticket.confirmationNumber,
      },
      title: record.ticket.report.title,
    };
  }

  /** The id of the report draft this person has open in this chat, if any. */
  private async openDraft(turn: Turn): Promise<string | undefined> {
    const key = DraftStore.key(turn.context.activity.conversation.id, turn.userId);
    const found = (await this.deps.documents.read([key])).get(key)?.document as
      { status?: unknown; draftId?: unknown } | undefined;
    return found?.status === 'open' && typeof found.draftId === 'string' ? found.draftId : undefined;
  }

  private async deliver(
    turn: Turn,
    service: EvidenceService,
    target: IntakeTarget,
    files: readonly IncomingFile[],
    title: string | undefined,
  ): Promise<void> {
    const outcomes: IntakeOutcome[] = [];
    try {
      for (const file of files.slice(0, maxFilesPerMessage)) {
        const authorization =
          file.source === 'inline' && file.url.startsWith('https:')
            ? await botAuthorization(turn.context, file.url)
            : undefined;
        outcomes.push(await service.intake(target, file, publisherOf(turn), turn.log, authorization));
      }
    } catch (error) {
      turn.log.error({ event: 'evidence.failed', err: error }, 'evidence intake failed');
      await turn.context.sendActivity(turn.t('evidence.failed'));
      return;
    }
    const stored = outcomes.flatMap((outcome) => (outcome.status === 'stored' ? [outcome.file] : []));
    const refusals = outcomes.flatMap((outcome) =>
      outcome.status === 'refused' ? [{ text: this.refusalText(turn, outcome, target) }] : [],
    );
    if (files.length > maxFilesPerMessage) {
      refusals.push({ text: turn.t('evidence.refused.tooManyInMessage', { max: maxFilesPerMessage }) });
    }
    await sendCard(turn.context, this.receipt(turn, target, title, stored, refusals));
  }

  private receipt(
    turn: Turn,
    target: IntakeTarget,
    title: string | undefined,
    stored: readonly EvidenceFile[],
    refusals: ReadonlyArray<{ text: string }>,
  ) {
    const number = target.kind === 'ticket' ? target.confirmationNumber : '';
    const heading =
      stored.length === 0
        ? turn.t('evidence.receipt.titleNone')
        : target.kind === 'ticket'
          ? turn.t('evidence.receipt.titleTicket', { count: stored.length, number })
          : turn.t('evidence.receipt.titleDraft', { count: stored.length });
    return renderCard('evidence-receipt', turn.locale, {
      heading,
      ...(target.kind === 'ticket' && title
        ? { ticketLine: wrappable(turn.t('evidence.receipt.ticketLine', { number, title })) }
        : {}),
      files: stored.map((file) => ({
        name: wrappable(file.name),
        size: formatFileSize(file.size, turn.locale),
        sha256: file.sha256,
      })),
      ...(target.kind === 'draft' && stored.length > 0
        ? { draftNote: turn.t('evidence.receipt.draftNote') }
        : {}),
      refusals: refusals.map((refusal) => ({ ...refusal, text: wrappable(refusal.text) })),
      limits: this.limitsText(turn),
    });
  }

  private refusalText(
    turn: Turn,
    outcome: Extract<IntakeOutcome, { status: 'refused' }>,
    target: IntakeTarget,
  ): string {
    const settings = this.deps.service?.settings;
    return turn.t(`evidence.refused.${outcome.reason}`, {
      name: outcome.name,
      existing: outcome.existing?.name ?? outcome.name,
      number: target.kind === 'ticket' ? target.confirmationNumber : '',
      maxFile: formatFileSize(settings?.maxFileBytes ?? 0, turn.locale),
      maxTicket: formatFileSize(settings?.maxTicketBytes ?? 0, turn.locale),
      maxFiles: settings?.maxFilesPerTicket ?? 0,
      kinds: this.kindsText(turn),
    });
  }

  private limitsText(turn: Turn): string {
    const settings = this.deps.service?.settings;
    if (!settings) return '';
    return turn.t('evidence.limits', {
      maxFile: formatFileSize(settings.maxFileBytes, turn.locale),
      maxTicket: formatFileSize(settings.maxTicketBytes, turn.locale),
      maxFiles: settings.maxFilesPerTicket,
      kinds: this.kindsText(turn),
    });
  }

  private kindsText(turn: Turn): string {
    const kinds = this.deps.service?.settings.allowedKinds ?? [];
    return new Intl.ListFormat(INTL_TAG[turn.locale], { type: 'conjunction' }).format(
      kinds.map((kind) => turn.t(`evidence.kind.${kind}`)),
    );
  }
}

function targetKey(turn: Turn): string {
  return `evidence-target/${turn.context.activity.conversation.id}/${turn.userId}`;
}
