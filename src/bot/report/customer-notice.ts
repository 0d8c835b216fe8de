import { createHash } from 'node:crypto';
import {
  changesBetween,
  draftBasis,
  draftCommunication,
  reviewCustomerMessage,
  type BasisChange,
  type DraftBasis,
} from '../../domain/notice';
import { textLimits, type Category, type TicketReport } from '../../domain/ticket';
import { provisionalTicket, reportBeforeMessage } from './build-report';
import type { FieldValues } from './report-draft';
import type { StepContext } from './step-context';

/**
 * Values the dialog keeps beside the answers when it drafts the message (never read from a card: no
 * step declares them as inputs): the facts the draft was made from, and the text it put in the box.
 */
export const draftedFromKey = 'draftedFrom';
export const draftedTextKey = 'draftedText';

/** "Help me draft it": the engine's email for the answers so far, as the box gets it. */
export interface DialogDraft {
  /** Subject, blank line, body: what goes in the box, within textLimits.customerMessage. */
  readonly text: string;
  /** The whole draft; longer than `text` only when the draft had to be shortened to fit. */
  readonly full: string;
  /** What was shortened to fit: the remediation steps, or the end of the text. */
  readonly shortened?: 'steps' | 'end';
  /** Every placeholder still in `text`, in reading order. */
  readonly placeholders: readonly string[];
  /** The values to keep with the draft (the facts it was made from, the text it put in the box). */
  readonly keep: Readonly<Record<string, string>>;
}

/**
 * The email the drafting engine (src/domain/notice) writes from the report so far, in the chat's
 * language and the formal tone. The limit is the message's: a longer draft has its remediation steps
 * shortened first (customers get them in full from the advisory), then its end; either way `shortened`
 * says so and `full` keeps the whole, so the person is told and can see it.
 */
export function draftMessage(values: FieldValues, ctx: StepContext): DialogDraft | undefined {
  const answers = reportBeforeMessage(values, ctx);
  if (!answers) return undefined;
  const draftOf = (report: TicketReport) => {
    const drafted = draftCommunication({
      format: 'email',
      language: ctx.locale,
      tone: 'formal',
      ticket: provisionalTicket(answers.category, report, ctx.now),
      now: ctx.now,
    });
    return { text: `${drafted.subject ?? ''}\n\n${drafted.body}`, placeholders: drafted.placeholders };
  };
  const full = draftOf(answers.report);
  const keepFor = (text: string) => ({
    [draftedFromKey]: JSON.stringify(basisOf(answers.category, answers.report, ctx)),
    [draftedTextKey]: textFingerprint(text),
  });
  const limit = textLimits.customerMessage;
  const overflow = length(full.text) - limit;
  if (overflow <= 0) return { ...full, full: full.text, keep: keepFor(full.text) };

  const fix = answers.report.fix;
  if (fix.kind !== 'none') {
    const steps = [...fix.remediationSteps];
    const kept = steps.slice(0, Math.max(0, steps.length - overflow - 1)).join('');
    const fitted = draftOf({ ...answers.report, fix: { ...fix, remediationSteps: `${kept}…` } });
    if (kept.length > 0 && length(fitted.text) <= limit) {
      return { ...fitted, full: full.text, shortened: 'steps', keep: keepFor(fitted.text) };
    }
  }
  const text = `${[...full.text].slice(0, limit - 1).join('')}…`;
  return {
    text,
    full: full.text,
    shortened: 'end',
    placeholders: full.placeholders.filter((placeholder) => text.includes(placeholder)),
    keep: keepFor(text),
  };
}

/** The facts a draft states (the lead's draft basis), for the answers of a report not filed yet. */
function basisOf(category: Category, report: TicketReport, ctx: StepContext): DraftBasis {
  return draftBasis(provisionalTicket(category, report, ctx.now), 'email');
}

export type DraftFreshness =
  /** No draft of the bot's in the box, or the facts are as they were. */
  | { readonly fresh: true }
  /** The facts changed since the draft; `edited` when the text in the box is no longer the draft's. */
  | { readonly fresh: false; readonly changed: readonly BasisChange[]; readonly edited: boolean };

/**
 * Whether the message in the box was drafted from the answers as they stand: after a draft, an edit on
 * the review (a new CVSS vector, a changed fix) changes what it should say.
 */
export function draftFreshness(values: FieldValues, ctx: StepContext): DraftFreshness {
  const recorded = values[draftedFromKey];
  const message = values.customerMessage ?? '';
  if (!recorded || values.messageChoice !== 'draft' || !message.trim()) return { fresh: true };
  const answers = reportBeforeMessage(values, ctx);
  if (!answers) return { fresh: true };
  let before: DraftBasis;
  try {
    before = JSON.parse(recorded) as DraftBasis;
  } catch {
    return { fresh: true };
  }
  const changed = changesBetween(before, basisOf(answers.category, answers.report, ctx));
  if (changed.length === 0) return { fresh: true };
  return { fresh: false, changed, edited: values[draftedTextKey] !== textFingerprint(message) };
}

/** Support's advice on a notice (a pasted secret, a missing offer or CVE …), in the person's language. */
export function noticeAdvice(text: string, values: FieldValues, ctx: StepContext): string[] {
  const answers = reportBeforeMessage(values, ctx);
  if (!answers) return [];
  return reviewCustomerMessage(text, answers.report).map((finding) => ctx.t(finding.key, finding.params));
}

/** Identifies the text the advice was shown for: pressing Next again on the same text keeps it as it is. */
export function adviceFingerprint(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex').slice(0, 16);
}

/** Identifies the text the bot put in the box, to tell a draft left as it was from an edited one. */
function textFingerprint(text: string): string {
  return adviceFingerprint(text.replace(/\r\n/g, '\n'));
}

function length(text: string): number {
  return [...text].length;
}
