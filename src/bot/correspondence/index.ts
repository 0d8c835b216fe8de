import type { TicketBackend } from '../../backend/ticket-backend';
import type { IdempotentResponses } from '../../store/idempotent-responses';
import type { LookupLimits } from '../lookup-limits/lookup-limits';
import type { Command } from '../commands/command';
import { changeCommands } from './change-commands';
import { Correspondence } from './correspondence';
import { FreeText } from './free-text';
import { replyCommands } from './reply-commands';

export { isGreeting } from './free-text';

/** After submission: replies, additions, withdrawal, and messages that are no command. */
export interface CorrespondenceFeature {
  readonly commands: readonly Command[];
  readonly freeText: FreeText;
}

export function createCorrespondence(deps: {
  readonly backend: TicketBackend;
  readonly idempotency: IdempotentResponses;
  readonly lookups: LookupLimits;
}): CorrespondenceFeature {
  const correspondence = new Correspondence(deps);
  return {
    commands: [...replyCommands(correspondence), ...changeCommands(deps.backend, deps.lookups)],
    freeText: new FreeText({ backend: deps.backend, lookups: deps.lookups }),
  };
}
