import { renderCard } from '../../cards/render-card';
import type { Clock } from '../../domain/clock';
import { describeTtl } from './describe-ttl';
import type { DraftStore } from './draft-store';
import type { ClosedDraft, OpenDraft } from './report-draft';
import type { ReportChat } from './report-chat';

export interface CloseDraftSettings {
  readonly clock: Clock;
  readonly draftTtlMinutes: number;
}

/**
 * Ends an open draft as cancelled or expired: only its id stays, so a late press is answered, and none of
 * its text. The write is conditional on the eTag read, so of several turns or sweeps closing one draft
 * only the one whose write won updates the card and tells the person; the others get 'conflict'.
 */
export async function closeDraft(
  drafts: DraftStore,
  key: string,
  loaded: { readonly record: OpenDraft; readonly etag: string },
  how: 'cancelled' | 'expired',
  chat: ReportChat,
  settings: CloseDraftSettings,
): Promise<'done' | 'conflict'> {
  const draft = loaded.record;
  const closed: ClosedDraft = {
    status: how,
    draftId: draft.draftId,
    closedAt: settings.clock.now().toISOString(),
    ...(draft.cardActivityId ? { cardActivityId: draft.cardActivityId } : {}),
  };
  if (!(await drafts.save(key, closed, loaded.etag))) return 'conflict';
  const duration = describeTtl(settings.draftTtlMinutes, chat.locale);
  const heading = chat.t(`report.closed.${how}Title`);
  if (draft.cardActivityId) {
    const card = renderCard('report-closed', chat.locale, {
      heading,
      text: chat.t(`report.closed.${how}Text`, { duration }),
    });
    await chat.replaceCard(draft.cardActivityId, card);
  }
  await chat.tell({ heading, text: chat.t(`report.flow.${how}`, { duration }) });
  chat.log.info({ event: `report.${how}`, step: draft.step }, `report ${how}`);
  return 'done';
}
