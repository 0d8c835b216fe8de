import type { Clock } from '../../domain/clock';
import { pickLocale } from '../../i18n/locale';
import { translator } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { PeriodicTask } from '../../periodic-task';
import type { ProactiveChannel } from '../../notify/proactive-channel';
import type { ConversationReferences } from '../../store/conversation-references';
import type { StateDocuments } from '../../store/state-documents';
import { closeDraft } from './close-draft';
import { DraftStore, type ListedDraft } from './draft-store';
import { isDraftIdle } from './is-draft-idle';
import type { OpenDraft } from './report-draft';
import type { ReportChat } from './report-chat';
import { ProactiveReportChat } from './proactive-report-chat';

export interface DraftExpiryJobDependencies {
  readonly documents: StateDocuments;
  readonly references: ConversationReferences;
  /** The app's proactive channel (the notifier's): no second adapter, no built-in retries. */
  readonly channel: ProactiveChannel;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly draftTtlMinutes: number;
  /** How often the sweep runs; a draft is told at most this late. Default one minute. */
  readonly intervalMs?: number;
  /** Closed records (only ids, for answering late presses) are deleted after this many days. Default 30. */
  readonly closedRetentionDays?: number;
}

export interface DraftSweepResult {
  /** Drafts this instance closed as expired (another instance or the person may have closed others). */
  readonly expired: number;
  /** Closed records past retention, and records that are not drafts, that this instance deleted. */
  readonly purged: number;
}

const PAGE_SIZE = 100;
const DAY_MS = 86_400_000;

/**
 * Expires report drafts nobody came back to, at expiry time rather than on the person's next message:
 * the same close as the dialog's (close-draft.ts), told through a proactive turn in the draft's chat, so
 * the card says it expired, the person is notified and none of the report's text stays in the store.
 * The close is an eTag-conditional write: of several instances sweeping one draft, only the one whose
 * write won talks to Teams. Also deletes closed records once nobody can press their cards meaningfully.
 */
export class DraftExpiryJob {
  private readonly drafts: DraftStore;
  private readonly log: Logger;
  private readonly task: PeriodicTask;

  constructor(private readonly deps: DraftExpiryJobDependencies) {
    this.drafts = new DraftStore(deps.documents);
    this.log = deps.logger.child({ job: 'draft-expiry' });
    // On start too: drafts that went idle while no instance was running are told now, not a minute later.
    this.task = new PeriodicTask(
      {
        name: 'report.draftSweep',
        intervalMs: deps.intervalMs ?? 60_000,
        logger: this.log,
        runOnStart: true,
      },
      () => this.sweep(),
    );
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep over every draft stored before the idle cutoff. */
  async runOnce(): Promise<DraftSweepResult> {
    const now = this.deps.clock.now();
    const idleCutoff = new Date(now.getTime() - this.deps.draftTtlMinutes * 60_000);
    const purgeCutoff = now.getTime() - (this.deps.closedRetentionDays ?? 30) * DAY_MS;
    const result = { expired: 0, purged: 0 };
    let afterKey: string | undefined;
    for (;;) {
      const page = await this.drafts.listStoredBefore(idleCutoff, afterKey, PAGE_SIZE);
      for (const listed of page) {
        try {
          await this.settle(listed, now, purgeCutoff, result);
        } catch (error) {
          // One draft that cannot be settled (a store error) must not keep the others open.
          this.log.error(
            {
              event: 'report.expirySweepFailed',
              draftId: listed.record?.draftId,
              error: (error as Error).message,
            },
            'could not expire or purge a report draft',
          );
        }
      }
      const last = page.at(-1);
      if (page.length < PAGE_SIZE || !last) return result;
      afterKey = last.key;
    }
  }

  private async settle(
    listed: ListedDraft,
    now: Date,
    purgeCutoff: number,
    result: { expired: number; purged: number },
  ): Promise<void> {
    const { record } = listed;
    if (record === undefined) {
      // Not a draft this version can read (an older shape may hold report text): nothing to tell, remove it.
      if (await this.drafts.remove(listed.key, listed.etag)) result.purged += 1;
      return;
    }
    if (record.status !== 'open') {
      if (Date.parse(listed.storedAt) < purgeCutoff && (await this.drafts.remove(listed.key, listed.etag)))
        result.purged += 1;
      return;
    }
    if (!isDraftIdle(record, now, this.deps.draftTtlMinutes)) return;
    if (await this.expire(listed, record)) result.expired += 1;
  }

  /** Closes the draft and tells its chat; false when someone else changed or closed it first. */
  private async expire(listed: ListedDraft, record: OpenDraft): Promise<boolean> {
    const log = this.log.child({ draftId: record.draftId });
    const references = listed.conversationId
      ? await this.deps.references.findByConversation(listed.conversationId, { includeInactive: true })
      : [];
    const reference = references.find((ref) => ref.userId === listed.userId);
    const loaded = { record, etag: listed.etag };
    const settings = { clock: this.deps.clock, draftTtlMinutes: this.deps.draftTtlMinutes };

    if (!reference?.active) {
      // Nowhere to say it (never reachable, bot removed, chat gone): the draft's text goes all the same.
      const closed = await closeDraft(this.drafts, listed.key, loaded, 'expired', silentChat(log), settings);
      if (closed === 'done') {
        log.info(
          { event: 'report.expiredUntold', reason: reference ? 'conversationInactive' : 'noReference' },
          'expired report draft closed without telling: its chat cannot be reached',
        );
      }
      return closed === 'done';
    }

    const chat = new ProactiveReportChat(this.deps.channel, reference, pickLocale(reference.locale), log);
    if ((await closeDraft(this.drafts, listed.key, loaded, 'expired', chat, settings)) === 'conflict')
      return false;
    if (chat.problems.length > 0) {
      log.warn(
        {
          event: 'report.expiryNoticeFailed',
          told: chat.delivered,
          conversationGone: chat.conversationGone,
          problems: chat.problems.map(({ what, kind, status }) => ({ what, kind, status })),
        },
        'expired report draft closed; Teams refused part of the notice',
      );
    }
    if (chat.conversationGone) {
      const status = chat.problems.find((p) => p.kind === 'gone')?.status ?? '';
      await this.deps.references.markInactive(
        listed.conversationId,
        `Teams answered ${status} to the report-expiry notice`,
        listed.userId,
      );
    }
    return true;
  }

  private async sweep(): Promise<void> {
    const { expired, purged } = await this.runOnce();
    if (expired + purged > 0)
      this.log.info({ event: 'report.draftSweep', expired, purged }, 'report drafts swept');
  }
}

/** A chat that cannot be reached: closing still removes the text, nothing is sent. */
function silentChat(log: Logger): ReportChat {
  return {
    locale: 'en',
    t: translator('en'),
    log,
    replaceCard: async () => false,
    tell: async () => {},
  };
}
