import { ConversationState, UserState } from 'botbuilder';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { ConversationReferences } from '../store/conversation-references';
import type { StateDocuments } from '../store/state-documents';
import { helpCommand } from './commands/help-command';
import { createAdapter } from './create-adapter';
import { installTurnErrorHandler } from './handle-turn-error';
import { SecurityDeskBot } from './security-desk-bot';
import { SqlStorage } from './sql-storage';

export interface BotParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly documents: StateDocuments;
  readonly references: ConversationReferences;
}

/** The adapter and the bot, wired to the store. */
export function createBot(parts: BotParts) {
  const adapter = createAdapter(parts.config.bot);
  installTurnErrorHandler(adapter, parts.logger);
  const storage = new SqlStorage(parts.documents);
  const bot = new SecurityDeskBot({
    logger: parts.logger,
    clock: parts.clock,
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    references: parts.references,
    commands: [helpCommand],
  });
  return { adapter, bot };
}
