import type { DraftResult, ProposalAnswer } from '../../backend/customer-draft-desk';
import type { Command } from '../commands/command';
import type { Turn } from '../turn';
import { pressedDraft, publisherActor, refusalText, showDraft, type DraftFeature } from './draft-feature';

type Press = 'save' | 'share' | ProposalAnswer;

const presses: ReadonlyArray<{ readonly name: string; readonly press: Press }> = [
  { name: 'draft_save', press: 'save' },
  { name: 'draft_share', press: 'share' },
  { name: 'draft_accept', press: 'accepted' },
  { name: 'draft_accept_edited', press: 'edited' },
  { name: 'draft_decline', press: 'declined' },
];

/**
 * The draft card's buttons: save the publisher's changes as a new version, share a draft with support,
 * and answer support's proposed edit (accept it, accept it with changes, decline it). The card is shown
 * again in place with what the press did; a refusal (out of date, too long, answered already) is said
 * in a message and the card keeps what the person typed.
 */
export function draftAnswerCommands(feature: DraftFeature): Command[] {
  return presses.map(({ name, press }) => ({
    name,
    words: [],
    run: async (turn, _args, value) => {
      const pressed = await pressedDraft(feature, turn, value);
      if (!pressed) return;
      const { stored, draftId } = pressed;
      const input = { subject: value?.subject, body: value?.body };
      const actor = publisherActor(turn);
      const result: DraftResult =
        press === 'save'
          ? await feature.desk.saveEdit(stored, draftId, input, actor)
          : press === 'share'
            ? await feature.desk.share(stored, draftId, input, actor)
            : await feature.desk.answer(
                stored,
                draftId,
                press,
                press === 'edited' ? input : undefined,
                actor,
              );
      const number = stored.ticket.confirmationNumber;
      if (!result.ok) {
        turn.log.info(
          { event: 'draft.refused', ticket: number, press, reason: result.reason },
          'draft press refused',
        );
        await turn.context.sendActivity(refusalText(turn, result, number));
        return;
      }
      turn.log.info(
        {
          event: `draft.${press}`,
          ticket: number,
          format: result.draft.format,
          version: result.draft.version,
        },
        'customer draft changed',
      );
      await showDraft(feature, turn, result.draft, result.stored, {
        notice: doneText(turn, press, result.draft.version),
      });
    },
  }));
}

function doneText(turn: Turn, press: Press, version: number): string {
  switch (press) {
    case 'save':
      return turn.t('drafts.done.saved', { version });
    case 'share':
      return turn.t('drafts.done.shared', { version });
    default:
      return turn.t(`drafts.done.${press}`, { version });
  }
}
