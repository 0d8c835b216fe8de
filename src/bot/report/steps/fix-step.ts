import { fixKinds, textLimits } from '../../../domain/ticket';
import { FieldReader, todayIn } from '../field-reader';
import { field, type ReportStep } from '../report-step';
import { formatDate } from './format-date';

/** Step 4: is a fix available; remediation steps for a full or partial one, the expected date for none. */
export const fixStep: ReportStep = {
  name: 'fix',
  card: 'report-fix',
  appliesTo: () => true,

  inputs: () => ({ fixKind: 20, remediationSteps: textLimits.remediationSteps * 2, expectedOn: 20 }),

  read(values, ctx) {
    const reader = new FieldReader(values, ctx);
    const kind = reader.choice('fixKind', fixKinds);
    if (kind === 'full' || kind === 'partial') {
      const remediationSteps = reader.text('remediationSteps', {
        max: textLimits.remediationSteps,
        required: true,
      });
      return remediationSteps && reader.ok
        ? { errors: {}, part: { fix: { kind, remediationSteps } } }
        : { errors: reader.errors };
    }
    const expectedOn = reader.date('expectedOn', 'notBeforeToday');
    // Steps typed under "no fix yet" would be silently lost; they usually mean a workaround.
    if (kind === 'none' && reader.raw('remediationSteps').trim()) {
      reader.fail('remediationSteps', ctx.t('report.error.stepsWithoutFix'));
    }
    if (!reader.ok || kind !== 'none') return { errors: reader.errors };
    return { errors: {}, part: { fix: { kind, ...(expectedOn ? { expectedOn } : {}) } } };
  },

  cardData(draft, errors, ctx) {
    const { values } = draft;
    const { t } = ctx;
    return {
      today: todayIn(ctx),
      maxRemediationSteps: textLimits.remediationSteps,
      fixKinds: fixKinds.map((value) => ({ title: t(`report.fix.${value}`), value })),
      f: {
        fixKind: field(values, errors, 'fixKind'),
        remediationSteps: field(
          values,
          errors,
          'remediationSteps',
          t('report.fix.remediationSteps', { max: textLimits.remediationSteps }),
        ),
        expectedOn: field(values, errors, 'expectedOn'),
      },
    };
  },

  reviewItems(part, ctx) {
    const { t, locale } = ctx;
    const fix = part.fix;
    if (!fix) return [];
    return [
      { label: t('report.field.fix'), value: t(`report.fix.${fix.kind}`) },
      fix.kind === 'none'
        ? {
            label: t('report.field.expectedOn'),
            value: fix.expectedOn ? formatDate(fix.expectedOn, locale) : t('report.review.none'),
          }
        : { label: t('report.field.remediationSteps'), value: fix.remediationSteps },
    ];
  },
};
