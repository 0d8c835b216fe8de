import type { Category, TicketReport } from '../../domain/ticket';
import type { FieldValues, InputStepName, OpenDraft } from './report-draft';
import type { FieldErrors, StepContext } from './step-context';

/** A step's share of the finished report. */
export type ReportPart = Partial<TicketReport> & { readonly category?: Category };

export interface StepReading {
  readonly errors: FieldErrors;
  /** Present when there are no errors. */
  readonly part?: ReportPart;
  /**
   * Advice shown once next to a field before moving on (the answers are valid; pressing Next again on the
   * same answers goes on). Only the dialog's Next heeds it; checking a whole report does not.
   */
  readonly advice?: FieldErrors;
  /**
   * Values the step fills in itself (the drafted message and what it was drafted from), with a note for
   * the person: the dialog keeps them and shows the same step again, the note as a plain note.
   */
  readonly fill?: { readonly values: Readonly<Record<string, string>>; readonly note: string };
}

/** One label and the person's answer, for the review card (the answer is shown as plain text). */
export interface ReviewItem {
  readonly label: string;
  readonly value: string;
  /** The value starts with a checked CVSS vector: the card shows it so it wraps (cards/card-lines.ts). */
  readonly vector?: true;
}

/** One card of the dialog: which inputs it owns, how it checks them and what its card shows. */
export interface ReportStep {
  readonly name: InputStepName;
  /** The template in cards/. */
  readonly card: string;
  appliesTo(category: Category | undefined): boolean;
  /** The card's input ids with the longest raw text kept for each (more than allowed, so the error can say how much). */
  inputs(values: FieldValues): Readonly<Record<string, number>>;
  read(values: FieldValues, ctx: StepContext): StepReading;
  cardData(draft: OpenDraft, errors: FieldErrors, ctx: StepContext): Record<string, unknown>;
  reviewItems(part: ReportPart, ctx: StepContext): ReviewItem[];
}

/** The category chosen on step 1 (or named when the report was started), if any. */
export function categoryOf(values: FieldValues): Category | undefined {
  const value = values.category;
  return value === 'incident' || value === 'vulnerability' ? value : undefined;
}

/** A field's value, label and error as the card templates read them (`f.<id>.value` …). */
export function field(values: FieldValues, errors: FieldErrors, id: string, label = '') {
  return { id, value: values[id] ?? '', error: errors[id] ?? '', label };
}
