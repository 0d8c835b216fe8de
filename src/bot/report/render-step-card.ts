import { textLine, vectorLine } from '../../cards/card-lines';
import { CardTooLargeError, renderCard, type AdaptiveCard } from '../../cards/render-card';
import { buildReport } from './build-report';
import { draftFreshness } from './customer-notice';
import { describeChanges } from './redraft-if-unedited';
import { stepToken, type OpenDraft } from './report-draft';
import { stepNamed, stepPosition, stepsFor } from './step-registry';
import { categoryOf } from './report-step';
import type { FieldErrors, StepContext } from './step-context';

/** The card of the draft's current step, with the errors to show next to their fields. */
export function renderStepCard(
  draft: OpenDraft,
  ctx: StepContext,
  errors: FieldErrors = {},
  notice = '',
  /** A plain note (not an error): a draft is ready, a message was drafted again. */
  note = '',
): AdaptiveCard {
  const { step, total } = stepPosition(draft.values, draft.step);
  const common = {
    token: stepToken(draft),
    progress: ctx.t('report.progress', { step, total }),
    nextTitle: ctx.t(draft.editing ? 'report.saveAndReview' : 'report.next'),
    ...(note ? { note } : {}),
  };
  if (draft.step === 'review') return renderReviewCard(draft, ctx, { ...common, notice });
  const current = stepNamed(draft.step);
  if (!current) throw new Error(`report dialog: unknown step ${draft.step}`);
  return renderCard(current.card, ctx.locale, { ...common, ...current.cardData(draft, errors, ctx) });
}

/**
 * Longest answer shown in full on the review. A report with every answer at its limit (in Cyrillic, two
 * bytes a letter) is larger than a Teams message may be; then the longest answers are shortened here,
 * and only here: the draft and the submitted report keep them whole.
 */
const reviewCaps = [Infinity, 1500, 800, 400];

function renderReviewCard(draft: OpenDraft, ctx: StepContext, common: Record<string, unknown>): AdaptiveCard {
  for (const cap of reviewCaps) {
    try {
      return renderCard('report-review', ctx.locale, { ...common, ...reviewData(draft, ctx, cap) });
    } catch (error) {
      if (!(error instanceof CardTooLargeError) || cap === reviewCaps.at(-1)) throw error;
    }
  }
  throw new Error('unreachable');
}

function shorten(text: string, cap: number, ctx: StepContext): string {
  const letters = [...text];
  return letters.length <= cap
    ? text
    : `${letters.slice(0, cap).join('')}${ctx.t('report.review.shortened')}`;
}

/**
 * Every answer, grouped under the heading of the step that asked it. One "Change an answer" form picks
 * the part to reopen: a button per part made seven buttons on a vulnerability report, and their titles
 * did not fit a phone.
 */
function reviewData(draft: OpenDraft, ctx: StepContext, cap: number) {
  const built = buildReport(draft.values, ctx);
  if (!built.ok) throw new Error(`report dialog: review shown with step ${built.step} incomplete`);
  const freshness = draftFreshness(draft.values, ctx);
  return {
    // A message drafted from earlier answers and edited since: kept, with what changed and a redraft.
    ...(!freshness.fresh && freshness.edited
      ? {
          staleDraft: {
            text: ctx.t('report.review.staleDraft', { changes: describeChanges(freshness.changed, ctx) }),
            redraft: ctx.t('report.review.redraft'),
          },
        }
      : {}),
    sections: stepsFor(categoryOf(draft.values)).map((step) => ({
      step: step.name,
      heading: ctx.t(`report.review.part.${step.name}`),
      items: step.reviewItems(built.parts.get(step.name) ?? {}, ctx).map((item) => {
        // A TextRun must have text; an empty answer reads as "not given".
        const value = shorten(item.value, cap, ctx) || ctx.t('report.review.none');
        return { label: item.label, lines: [item.vector ? vectorLine(value) : textLine(value)] };
      }),
    })),
  };
}
