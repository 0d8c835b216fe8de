import type { BasisChange } from '../../domain/notice';
import { INTL_TAG } from '../../i18n/locale';
import { draftFreshness, draftMessage } from './customer-notice';
import type { FieldValues } from './report-draft';
import type { StepContext } from './step-context';

/**
 * On the way to the review: when the answers a drafted message was made from have changed (a new CVSS
 * vector, another fix) and the person left the draft as it was, it is drafted again from the answers as
 * they are, and the review says so. An edited draft is the person's own text: it is kept, and the
 * review warns instead (renderStepCard). Undefined when nothing needs drafting again.
 */
export function redraftIfUnedited(
  values: FieldValues,
  ctx: StepContext,
): { values: FieldValues; note: string; changed: readonly BasisChange[] } | undefined {
  const freshness = draftFreshness(values, ctx);
  if (freshness.fresh || freshness.edited) return undefined;
  const drafted = draftMessage({ ...values, customerMessage: '' }, ctx);
  if (!drafted) return undefined;
  return {
    values: { ...values, customerMessage: drafted.text, ...drafted.keep },
    note: ctx.t('report.review.redrafted', { changes: describeChanges(freshness.changed, ctx) }),
    changed: freshness.changed,
  };
}

/** "severity and CVSS score" in the person's language. */
export function describeChanges(changed: readonly BasisChange[], ctx: StepContext): string {
  const names = changed.map((change) => ctx.t(`report.review.changed.${change}`));
  return new Intl.ListFormat(INTL_TAG[ctx.locale], { type: 'conjunction' }).format(names);
}
