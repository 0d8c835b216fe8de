/** The dialog's steps in the order a report walks them; `review` is last and not an input step. */
export const stepNames = ['kind', 'details', 'vulnerability', 'fix', 'message', 'review'] as const;
export type StepName = (typeof stepNames)[number];
export type InputStepName = Exclude<StepName, 'review'>;

/** What the person typed or chose, by card input id, as raw text: validation happens per step. */
export type FieldValues = Readonly<Record<string, string>>;

/** A report being filled in. Its id is the submission key, so submitting it twice files one ticket. */
export interface OpenDraft {
  readonly status: 'open';
  readonly draftId: string;
  /** Bumped on every card the dialog shows; the step token is `${draftId}:${revision}`. */
  readonly revision: number;
  readonly step: StepName;
  /** True when the step was opened from the review's Edit button: Next returns to the review. */
  readonly editing: boolean;
  readonly values: FieldValues;
  /** The card the dialog updates in place. */
  readonly cardActivityId?: string;
  /** IANA zone of the person, for dates ("not in the future") and the acknowledgement due time. */
  readonly timeZone: string;
  readonly startedAt: string;
  readonly updatedAt: string;
}

/** What is left of a report after it ends: enough to answer a late press politely, none of its text. */
export interface ClosedDraft {
  readonly status: 'submitted' | 'cancelled' | 'expired';
  readonly draftId: string;
  readonly confirmationNumber?: string;
  readonly cardActivityId?: string;
  readonly closedAt: string;
}

export type DraftRecord = OpenDraft | ClosedDraft;

export function stepToken(draft: Pick<OpenDraft, 'draftId' | 'revision'>): string {
  return `${draft.draftId}:${draft.revision}`;
}

/** The draft id and revision a card's token names; undefined for anything malformed. */
export function parseStepToken(token: unknown): { draftId: string; revision: number } | undefined {
  if (typeof token !== 'string' || token.length > 100) return undefined;
  const match = /^([0-9a-f-]{36}):(\d{1,9})$/.exec(token);
  return match?.[1] && match[2] ? { draftId: match[1], revision: Number(match[2]) } : undefined;
}
