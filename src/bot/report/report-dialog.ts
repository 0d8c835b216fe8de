import { randomUUID } from 'node:crypto';
import type { TicketBackend } from '../../backend/ticket-backend';
import type { AdaptiveCard } from '../../cards/render-card';
import { renderTicketStatusCard } from '../../cards/ticket-status-data';
import type { Clock } from '../../domain/clock';
import { parseCvss, type CvssAssessment } from '../../domain/cvss';
import type { StateDocuments } from '../../store/state-documents';
import { renderCalculatorCard } from '../cvss-calculator/render-calculator-card';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import { buildReport, firstIncompleteStep, inputForField } from './build-report';
import { redraftIfUnedited } from './redraft-if-unedited';
import { closeDraft } from './close-draft';
import { detectCategory } from './detect-category';
import { DraftStore, type LoadedDraft } from './draft-store';
import { isDraftIdle } from './is-draft-idle';
import {
  parseStepToken,
  stepToken,
  type ClosedDraft,
  type FieldValues,
  type OpenDraft,
} from './report-draft';
import { turnReportChat } from './report-chat';
import { categoryOf } from './report-step';
import { renderStepCard } from './render-step-card';
import { showCard } from './show-card';
import { stepAfter, stepNamed, stepsFor } from './step-registry';
import type { FieldErrors, StepContext } from './step-context';
import { userTimeZone } from '../user-time-zone';

/** The `cmd` every button of the dialog's cards carries. */
export const REPORT_STEP_COMMAND = 'report-step';

export interface ReportDialogDependencies {
  readonly documents: StateDocuments;
  readonly backend: TicketBackend;
  readonly clock: Clock;
  readonly draftTtlMinutes: number;
}

type Outcome = 'done' | 'conflict';
type CardValue = Readonly<Record<string, unknown>>;
type Loaded = LoadedDraft & { readonly record: OpenDraft };

/** A write lost to a concurrent turn is retried on fresh state this many times before giving up. */
const MAX_ATTEMPTS = 3;

/** turnState slot: the draft `expireIfIdle` read, handed to the command the message goes on to. */
const SEEN_DRAFT = Symbol('report.seenDraft');

/**
 * The guided report (DESIGN.md steps 2–4). Every turn reads the person's draft from the store, acts on
 * the press and writes the draft back conditionally, then updates the one card in place. A press whose
 * step token is not the draft's current one is from a card the dialog has moved past: it is answered,
 * never applied.
 */
export class ReportDialog {
  private readonly drafts: DraftStore;

  constructor(private readonly deps: ReportDialogDependencies) {
    this.drafts = new DraftStore(deps.documents);
  }

  /** `report`, the welcome card's button or a sentence; a sentence naming the category pre-selects it. */
  /** `description`: text the publisher already wrote (a message they chose to report with), kept whole. */
  async start(turn: Turn, text: string, description?: string): Promise<void> {
    await this.retrying(turn, async (key) => {
      const loaded = await this.loadOnce(turn, key);
      const record = loaded?.record;
      if (loaded && record?.status === 'open' && !this.isExpired(record)) {
        await turn.context.sendActivity(turn.t('report.flow.inProgress'));
        return this.resend(turn, key, { ...loaded, record });
      }
      const now = this.deps.clock.now().toISOString();
      const category = detectCategory(text);
      const draft: OpenDraft = {
        status: 'open',
        draftId: randomUUID(),
        revision: 1,
        step: 'kind',
        editing: false,
        values: {
          ...(category ? { category } : {}),
          ...(description?.trim() ? { description: description.trim() } : {}),
        },
        timeZone: userTimeZone(turn.context.activity) ?? 'UTC',
        startedAt: now,
        updatedAt: now,
      };
      const card = renderStepCard(draft, this.context(turn, draft));
      const etag = await this.drafts.save(key, draft, loaded?.etag);
      if (!etag) return 'conflict';
      const cardActivityId = await sendCard(turn.context, card);
      if (cardActivityId) await this.drafts.save(key, { ...draft, cardActivityId }, etag);
      turn.log.info({ event: 'report.started', category: category ?? null }, 'report started');
      return 'done';
    });
  }

  /** A button of one of the dialog's cards. */
  press(turn: Turn, value: CardValue): Promise<void> {
    return this.handlePress(turn, value, false);
  }

  /** The CVSS calculator's result for the report whose step token it was given: back to the step with it. */
  vectorChosen(turn: Turn, token: unknown, assessment: CvssAssessment | undefined): Promise<void> {
    const value = { token, action: 'next', ...(assessment ? { cvssVector: assessment.vector } : {}) };
    return this.handlePress(turn, value, true);
  }

  private async handlePress(turn: Turn, value: CardValue, fromCalculator: boolean): Promise<void> {
    const token = parseStepToken(value.token);
    const action = typeof value.action === 'string' ? value.action : '';
    await this.retrying(turn, async (key) => {
      const loaded = token ? await this.loadOnce(turn, key) : undefined;
      const record = loaded?.record;
      if (!token || !loaded || !record || record.draftId !== token.draftId) {
        turn.log.info({ event: 'report.pressNotOpen', action }, 'press on a card of a report not open');
        await turn.context.sendActivity(turn.t('report.flow.notOpen'));
        return 'done';
      }
      if (record.status === 'submitted') {
        const number = record.confirmationNumber ?? '';
        await turn.context.sendActivity(turn.t('report.flow.alreadySubmitted', { number }));
        return 'done';
      }
      if (record.status !== 'open') {
        await turn.context.sendActivity(turn.t('report.flow.notOpen'));
        return 'done';
      }
      const open: Loaded = { ...loaded, record };
      // Cancel means the same on any card of this report, however old.
      if (action === 'cancel') return this.close(turn, key, open, 'cancelled');
      if (token.revision !== record.revision) return this.stale(turn, key, open);
      switch (action) {
        case 'next':
          return this.next(turn, key, open, value, fromCalculator);
        case 'edit':
          return this.edit(turn, key, open, value.section);
        case 'submit':
          return this.submit(turn, key, open);
        case 'calculator':
          return this.openCalculator(turn, key, open, value);
        case 'redraft':
          return this.redraft(turn, key, open);
        default:
          return this.stale(turn, key, open);
      }
    });
  }

  /** `cancel` typed at any step. */
  async cancel(turn: Turn): Promise<void> {
    await this.retrying(turn, async (key) => {
      const loaded = await this.loadOnce(turn, key);
      const record = loaded?.record;
      if (!loaded || record?.status !== 'open') {
        await turn.context.sendActivity(turn.t('report.flow.nothingToCancel'));
        return 'done';
      }
      return this.close(turn, key, { ...loaded, record }, 'cancelled');
    });
  }

  /**
   * Runs before every message: a draft left alone longer than the configured time is closed, its card
   * says so and the person is told. True when the message was a press on that draft's card (answered).
   */
  async expireIfIdle(turn: Turn, value: CardValue | undefined): Promise<boolean> {
    const key = this.keyOf(turn);
    const loaded = await this.drafts.load(key);
    const record = loaded?.record;
    if (!loaded || record?.status !== 'open' || !this.isExpired(record)) {
      // Nothing written: the command this message goes on to can start from this read.
      turn.context.turnState.set(SEEN_DRAFT, { key, loaded });
      return false;
    }
    if ((await this.close(turn, key, { ...loaded, record }, 'expired')) === 'conflict') return false;
    return value?.cmd === REPORT_STEP_COMMAND || value?.returnTo === 'report';
  }

  private async next(
    turn: Turn,
    key: string,
    loaded: Loaded,
    value: CardValue,
    fromCalculator: boolean,
  ): Promise<Outcome> {
    const draft = loaded.record;
    const step = draft.step === 'review' ? undefined : stepNamed(draft.step);
    if (!step) return this.stale(turn, key, loaded);
    const ctx = this.context(turn, draft);
    // Back from the calculator only the vector changes (if one was chosen); the CVE ids typed before stay.
    const inputs = fromCalculator
      ? { cvssVector: step.inputs(draft.values).cvssVector ?? 0 }
      : step.inputs(draft.values);
    const values =
      fromCalculator && value.cvssVector === undefined
        ? draft.values
        : withInputs(draft.values, inputs, value);
    const reading = step.read(values, ctx);
    if (reading.fill && !fromCalculator) {
      // "Help me draft it": the draft goes in the box, the same step shows it with a plain note.
      turn.log.info({ event: 'report.drafted', step: step.name }, 'customer message drafted');
      const filled = { values: { ...values, ...reading.fill.values } };
      return this.moveTo(turn, key, loaded, filled, {}, '', reading.fill.note);
    }
    if (fromCalculator || !reading.part || reading.advice) {
      const shown = { ...reading.errors, ...reading.advice };
      turn.log.info(
        {
          event: reading.part ? 'report.stepAdvice' : 'report.stepInvalid',
          step: step.name,
          fields: Object.keys(shown),
        },
        reading.part ? 'report step answers get advice' : 'report step answers need fixing',
      );
      return this.moveTo(turn, key, loaded, { values }, fromCalculator ? {} : shown);
    }
    const target = draft.editing
      ? (firstIncompleteStep(values, ctx) ?? 'review')
      : stepAfter(values, step.name);
    let note = '';
    let reviewed = values;
    if (target === 'review') {
      const built = buildReport(values, ctx);
      if (!built.ok) {
        return this.moveTo(turn, key, loaded, { values, step: built.step, editing: true }, built.errors);
      }
      // A drafted message left as it was follows the answers; an edited one is kept, with a warning.
      const redrafted = redraftIfUnedited(values, ctx);
      if (redrafted) {
        reviewed = redrafted.values;
        note = redrafted.note;
        turn.log.info(
          { event: 'report.redrafted', changed: redrafted.changed },
          'customer message drafted again from changed answers',
        );
      }
    }
    turn.log.info({ event: 'report.step', from: step.name, to: target }, 'report step answered');
    return this.moveTo(
      turn,
      key,
      loaded,
      { values: reviewed, step: target, editing: target !== 'review' && draft.editing },
      {},
      '',
      note,
    );
  }

  /** The review's "Draft it again": a fresh draft from the answers as they are, in the message step. */
  private async redraft(turn: Turn, key: string, loaded: Loaded): Promise<Outcome> {
    const draft = loaded.record;
    if (draft.step !== 'review') return this.stale(turn, key, loaded);
    const ctx = this.context(turn, draft);
    const step = stepNamed('message');
    const cleared = { ...draft.values, messageChoice: 'draft', customerMessage: '' };
    const reading = step?.read(cleared, ctx);
    if (!reading?.fill) return this.stale(turn, key, loaded);
    turn.log.info({ event: 'report.redraftPressed' }, 'customer message drafted again on request');
    return this.moveTo(
      turn,
      key,
      loaded,
      { values: { ...cleared, ...reading.fill.values }, step: 'message', editing: true },
      {},
      '',
      `${ctx.t('report.review.redraftedOnRequest')}\n\n${reading.fill.note}`,
    );
  }

  private async edit(turn: Turn, key: string, loaded: Loaded, section: unknown): Promise<Outcome> {
    const draft = loaded.record;
    const step = stepsFor(categoryOf(draft.values)).find((s) => s.name === section);
    if (draft.step !== 'review' || !step) return this.stale(turn, key, loaded);
    return this.moveTo(turn, key, loaded, { step: step.name, editing: true });
  }

  private async submit(turn: Turn, key: string, loaded: Loaded): Promise<Outcome> {
    const draft = loaded.record;
    if (draft.step !== 'review') return this.stale(turn, key, loaded);
    const ctx = this.context(turn, draft);
    const built = buildReport(draft.values, ctx);
    if (!built.ok) return this.moveTo(turn, key, loaded, { step: built.step, editing: true }, built.errors);
    const conversationId = turn.context.activity.conversation.id;
    let result;
    try {
      result = await this.deps.backend.submit({
        submissionKey: draft.draftId,
        tenantId: turn.tenantId,
        reporter: { kind: 'publisher', id: turn.userId, ...(turn.userName ? { name: turn.userName } : {}) },
        locale: turn.locale,
        conversationId,
        timeZone: draft.timeZone,
        category: built.category,
        report: built.report,
      });
    } catch (error) {
      turn.log.error({ event: 'report.submitFailed', error: (error as Error).message }, 'submit failed');
      return this.moveTo(turn, key, loaded, {}, {}, turn.t('report.review.submitFailed'));
    }
    if (!result.ok) {
      const field = 'field' in result.error ? result.error.field : '';
      const { step, input } = inputForField(field);
      turn.log.warn(
        { event: 'report.rejected', key: result.error.key, field },
        'backend rejected the report',
      );
      return this.moveTo(
        turn,
        key,
        loaded,
        { step, editing: true },
        { [input]: turn.t('report.error.invalid') },
      );
    }
    const { ticket } = result.record;
    const card = renderTicketStatusCard(ticket, {
      locale: turn.locale,
      timeZone: draft.timeZone,
      now: this.deps.clock.now(),
    });
    const cardActivityId = await showCard(turn, card, draft.cardActivityId);
    const closed: ClosedDraft = {
      status: 'submitted',
      draftId: draft.draftId,
      confirmationNumber: ticket.confirmationNumber,
      closedAt: this.deps.clock.now().toISOString(),
      ...(cardActivityId ? { cardActivityId } : {}),
    };
    // A lost race here is a second press that filed the same ticket (same submission key): nothing to undo.
    await this.drafts.save(key, closed, loaded.etag);
    if (cardActivityId) {
      await this.deps.backend.rememberCard(
        ticket.confirmationNumber,
        {
          kind: 'status',
          conversationId,
          activityId: cardActivityId,
          locale: turn.locale,
          ...(draft.timeZone ? { timeZone: draft.timeZone } : {}),
        },
        result.record,
      );
    }
    turn.log.info(
      {
        event: 'report.submitted',
        confirmationNumber: ticket.confirmationNumber,
        duplicate: result.duplicate,
      },
      'report submitted',
    );
    return 'done';
  }

  private async openCalculator(turn: Turn, key: string, loaded: Loaded, value: CardValue): Promise<Outcome> {
    const draft = loaded.record;
    const step = stepNamed('vulnerability');
    if (draft.step !== 'vulnerability' || !step) return this.stale(turn, key, loaded);
    const values = withInputs(draft.values, step.inputs(draft.values), value);
    const moved = this.advance(draft, { values });
    const parsed = parseCvss((values.cvssVector ?? '').trim());
    const card = renderCalculatorCard(turn.locale, {
      version: parsed.ok ? parsed.vector.version : '3.1',
      ...(parsed.ok ? { choices: parsed.vector.values } : {}),
      returnTo: 'report',
      token: stepToken(moved),
    });
    return this.save(turn, key, loaded, moved, card);
  }

  /** A press on a card the dialog has moved past: say so, and show where the person is. */
  private async stale(turn: Turn, key: string, loaded: Loaded): Promise<Outcome> {
    turn.log.info({ event: 'report.stalePress', step: loaded.record.step }, 'press on an out-of-date card');
    await turn.context.sendActivity(turn.t('report.flow.stale'));
    const fromLiveCard = turn.context.activity.replyToId === loaded.record.cardActivityId;
    return fromLiveCard ? this.moveTo(turn, key, loaded, {}) : this.resend(turn, key, loaded);
  }

  /** The current step as a new card at the bottom of the chat; it becomes the card the dialog updates. */
  private async resend(turn: Turn, key: string, loaded: Loaded): Promise<Outcome> {
    const moved = this.advance(loaded.record, {});
    const card = renderStepCard(moved, this.context(turn, moved));
    const etag = await this.drafts.save(key, moved, loaded.etag);
    if (!etag) return 'conflict';
    const cardActivityId = await sendCard(turn.context, card);
    if (cardActivityId) await this.drafts.save(key, { ...moved, cardActivityId }, etag);
    return 'done';
  }

  /** Stores the draft's next state and shows its card in place of the current one. */
  private async moveTo(
    turn: Turn,
    key: string,
    loaded: Loaded,
    change: Partial<Pick<OpenDraft, 'step' | 'editing' | 'values'>>,
    errors: FieldErrors = {},
    notice = '',
    /** A plain note on the card (a draft is ready, a message was drafted again), not an error. */
    note = '',
  ): Promise<Outcome> {
    const moved = this.advance(loaded.record, change);
    const card = renderStepCard(moved, this.context(turn, moved), errors, notice, note);
    return this.save(turn, key, loaded, moved, card);
  }

  private async save(
    turn: Turn,
    key: string,
    loaded: Loaded,
    moved: OpenDraft,
    card: AdaptiveCard,
  ): Promise<Outcome> {
    const etag = await this.drafts.save(key, moved, loaded.etag);
    if (!etag) return 'conflict';
    const cardActivityId = await showCard(turn, card, moved.cardActivityId);
    if (cardActivityId !== moved.cardActivityId) {
      await this.drafts.save(key, { ...moved, ...(cardActivityId ? { cardActivityId } : {}) }, etag);
    }
    return 'done';
  }

  /** Ends the draft the same way the expiry sweep does (close-draft.ts), told in this turn's chat. */
  private close(turn: Turn, key: string, loaded: Loaded, how: 'cancelled' | 'expired'): Promise<Outcome> {
    return closeDraft(this.drafts, key, loaded, how, turnReportChat(turn), this.deps);
  }

  private advance(
    draft: OpenDraft,
    change: Partial<Pick<OpenDraft, 'step' | 'editing' | 'values'>>,
  ): OpenDraft {
    return {
      ...draft,
      ...change,
      revision: draft.revision + 1,
      updatedAt: this.deps.clock.now().toISOString(),
    };
  }

  private isExpired(draft: OpenDraft): boolean {
    return isDraftIdle(draft, this.deps.clock.now(), this.deps.draftTtlMinutes);
  }

  private context(turn: Turn, draft: OpenDraft): StepContext {
    return {
      locale: turn.locale,
      t: turn.t,
      now: this.deps.clock.now(),
      timeZone: userTimeZone(turn.context.activity) ?? draft.timeZone,
    };
  }

  private keyOf(turn: Turn): string {
    return DraftStore.key(turn.context.activity.conversation.id, turn.userId);
  }

  /**
   * The draft as `expireIfIdle` read it at the start of this turn, once (a turn read it twice before);
   * any later load, such as a retry after a write conflict, reads the store again.
   */
  private async loadOnce(turn: Turn, key: string): Promise<LoadedDraft | undefined> {
    const seen = turn.context.turnState.get(SEEN_DRAFT) as
      { key: string; loaded: LoadedDraft | undefined } | undefined;
    if (seen) turn.context.turnState.delete(SEEN_DRAFT);
    return seen?.key === key ? seen.loaded : this.drafts.load(key);
  }

  private async retrying(turn: Turn, attempt: (key: string) => Promise<Outcome>): Promise<void> {
    const key = this.keyOf(turn);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      if ((await attempt(key)) === 'done') return;
      turn.log.info(
        { event: 'report.writeConflict', attempt: i + 1 },
        'draft changed by a concurrent turn; retrying',
      );
    }
    throw new Error('report dialog: the draft kept changing under concurrent turns');
  }
}

/** The draft's values with this card's inputs replaced by what was submitted (text only, bounded). */
function withInputs(
  values: FieldValues,
  inputs: Readonly<Record<string, number>>,
  submitted: CardValue,
): FieldValues {
  const next: Record<string, string> = { ...values };
  for (const [id, max] of Object.entries(inputs)) {
    const raw = submitted[id];
    // Counted in code points; a string no longer in UTF-16 units has no more code points, so is kept whole.
    next[id] = typeof raw !== 'string' ? '' : raw.length <= max ? raw : [...raw].slice(0, max).join('');
  }
  return next;
}
