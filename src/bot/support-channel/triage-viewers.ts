import { EtagConflictError } from '../../store/etag-conflict-error';
import type { StateDocuments } from '../../store/state-documents';

/** Teams refreshes a card automatically for at most 60 listed users (Universal Actions, user-specific views). */
export const MAX_REFRESH_USERS = 60;

/** A person already among this many at the front is not moved again (no write for their press). */
const KEPT_IN_PLACE = MAX_REFRESH_USERS / 2;

interface ViewersDocument {
  /** Teams user ids (MRIs, `29:…`), most recently added or moved up first. */
  readonly ids: readonly string[];
}

/**
 * Who works the support channel's triage cards: the Teams ids of the people who registered the channel
 * or pressed a card's button, at most 60. Each triage card lists them in its `refresh.userIds`, so in
 * a channel of more than 60 members they still see every card refreshed as they open it (up to 60
 * members, Teams refreshes it for everyone; the order of the ids means nothing to Teams).
 *
 * A press puts a new person first and moves up one from the back half; a person in the front half
 * stays where they are, so the presses of a team that already works the cards write nothing (a press
 * was a read and a write of this one document, contended by every analyst). Whoever is dropped when a
 * 61st comes has not pressed while 30 others came in or moved up.
 */
export class TriageViewers {
  constructor(private readonly documents: StateDocuments) {}

  async list(bindingId: string): Promise<readonly string[]> {
    const found = await this.documents.read([key(bindingId)]);
    return readIds(found.get(key(bindingId))?.document);
  }

  /** Lists `userId` (see above); returns the list as it is now. Two presses at once: one retry, then as read. */
  async remember(bindingId: string, userId: string): Promise<readonly string[]> {
    for (let attempt = 0; ; attempt++) {
      const found = (await this.documents.read([key(bindingId)])).get(key(bindingId));
      const current = readIds(found?.document);
      const at = current.indexOf(userId);
      if (at >= 0 && at < KEPT_IN_PLACE) return current;
      const ids = [userId, ...current.filter((id) => id !== userId)].slice(0, MAX_REFRESH_USERS);
      const document: ViewersDocument = { ids };
      try {
        await this.documents.write([{ key: key(bindingId), document, etag: found?.etag ?? '' }]);
        return ids;
      } catch (error) {
        if (!(error instanceof EtagConflictError)) throw error;
        // Best effort: a lost id comes back with that person's next press.
        if (attempt > 0) return ids;
      }
    }
  }
}

function key(bindingId: string): string {
  return `support-channel/viewers/${bindingId}`;
}

function readIds(document: unknown): readonly string[] {
  const ids = (document as Partial<ViewersDocument> | undefined)?.ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
