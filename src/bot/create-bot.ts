import { ConversationState, UserState } from 'botbuilder';
import type { TicketBackend } from '../backend/ticket-backend';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { ConversationReferences } from '../store/conversation-references';
import type { IdempotentResponses } from '../store/idempotent-responses';
import type { StateDocuments } from '../store/state-documents';
import { cvssCommand } from './commands/cvss-command';
import { helpCommand } from './commands/help-command';
import { createStatusCommand } from './commands/status-command';
import { createTicketsCommand } from './commands/tickets-command';
import { createTimelinePageCommand } from './commands/timeline-page-command';
import { createAdapter } from './create-adapter';
import { createCalculatorCommand } from './cvss-calculator';
import { installTurnErrorHandler } from './handle-turn-error';
import type { LookupLimits } from './lookup-limits/lookup-limits';
import { createCorrespondence } from './correspondence';
import { draftAnswerCommands } from './drafts/draft-answer-commands';
import { draftCommands } from './drafts/draft-command';
import type { DraftFeature } from './drafts/draft-feature';
import { draftHandOver } from './drafts/draft-hand-over';
import { breachNotifiedCommand } from './breach/breach-notified-command';
import { createReportFeature } from './report';
import { SecurityDeskBot } from './security-desk-bot';
import { attachHeldOnSubmit } from './evidence/attach-held-on-submit';
import { EvidenceIntake } from './evidence/evidence-intake';
import type { EvidenceService } from '../evidence/evidence-service';
import { SqlStorage } from './sql-storage';
import type { SupportChannel } from './support-channel';

export interface BotParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly documents: StateDocuments;
  readonly references: ConversationReferences;
  /** Where reports are filed and tickets read (embedded or remote). */
  readonly backend: TicketBackend;
  /** Remembers replies already sent, so a double press or a retried message sends once. */
  readonly idempotency: IdempotentResponses;
  /** How many ticket look-ups a person and a tenant may make (status, my tickets, reply/add/withdraw). */
  readonly lookupLimits: LookupLimits;
  /** Support's Teams channel (when this deployment runs the support desk): its commands and card buttons. */
  readonly supportChannel?: SupportChannel['bot'];
  /** Customer drafts (bot/drafts): the desk, download links and where they point. */
  readonly drafts: Omit<DraftFeature, 'lookups'>;
  /** Files of evidence (embedded backend); without it, files sent in the chat are politely refused. */
  readonly evidence?: EvidenceService;
}

/** The adapter and the bot, wired to the store. */
export function createBot(parts: BotParts) {
  const adapter = createAdapter(parts.config.bot);
  installTurnErrorHandler(adapter, parts.logger);
  const storage = new SqlStorage(parts.documents);
  const evidence = new EvidenceIntake({
    service: parts.evidence,
    backend: parts.backend,
    documents: parts.documents,
    lookups: parts.lookupLimits,
    clock: parts.clock,
  });
  const report = createReportFeature({
    documents: parts.documents,
    // Files sent while the report was a draft go to its ticket when it is filed.
    backend: parts.evidence ? attachHeldOnSubmit(parts.backend, parts.evidence, parts.logger) : parts.backend,
    clock: parts.clock,
    draftTtlMinutes: parts.config.dialog.draftTtlMinutes,
  });
  const correspondence = createCorrespondence({
    backend: parts.backend,
    idempotency: parts.idempotency,
    lookups: parts.lookupLimits,
  });
  const drafts: DraftFeature = { ...parts.drafts, lookups: parts.lookupLimits };
  const handOver = draftHandOver(drafts);
  const bot = new SecurityDeskBot({
    logger: parts.logger,
    clock: parts.clock,
    documents: parts.documents,
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    references: parts.references,
    beforeMessage: [report.beforeMessage, (turn) => evidence.onMessage(turn)],
    freeText: (turn, text) => correspondence.freeText.handle(turn, text),
    cardActions: parts.supportChannel ? [parts.supportChannel.cardActions] : [],
    fileConsent: handOver.fileConsent,
    commands: [
      ...report.commands,
      helpCommand,
      cvssCommand,
      createCalculatorCommand({ report: report.calculatorResult }),
      createTicketsCommand(parts.backend, parts.lookupLimits),
      createStatusCommand(parts.backend, parts.lookupLimits),
      createTimelinePageCommand(parts.backend),
      ...correspondence.commands,
      evidence.command,
      ...draftCommands(drafts),
      ...draftAnswerCommands(drafts),
      ...handOver.commands,
      breachNotifiedCommand({ backend: parts.backend, lookups: parts.lookupLimits }),
      ...(parts.supportChannel?.commands ?? []),
    ],
  });
  return { adapter, bot };
}
