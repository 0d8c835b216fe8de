import { dateOr, type DraftContext } from './draft-context';
import type { OutcomeStrings } from './draft-strings';

/** What support's outcome means for customers, once there is one. */
export function outcomeSentence(context: DraftContext, strings: OutcomeStrings): string | undefined {
  const { outcome, confirmationNumber, offers } = context.facts;
  const count = offers.length > 1 ? 'many' : 'one';
  switch (outcome?.kind) {
    case 'mitigated':
      return strings.mitigated(confirmationNumber);
    case 'no_action_needed':
      return strings.noActionNeeded(confirmationNumber);
    case 'change_requested':
      return strings.changeRequested(
        confirmationNumber,
        dateOr(context, outcome.dueBy, context.words.placeholder.dueBy),
        count,
      );
    case 'offer_removed':
      return strings.offerRemoved(confirmationNumber, outcome.removal, count);
    default:
      return undefined;
  }
}
