import { createHash } from 'node:crypto';
import { ratingForScore } from '../../domain/cvss';
import { draftCustomerNotice, renderNotice, reviewCustomerMessage } from '../../domain/notice';
import { textLimits, type TicketReport } from '../../domain/ticket';
import type { FieldValues } from './report-draft';
import { categoryOf, type ReportPart } from './report-step';
import type { StepContext } from './step-context';
import { detailsStep } from './steps/details-step';
import { fixStep } from './steps/fix-step';
import { kindStep } from './steps/kind-step';
import { vulnerabilityStep } from './steps/vulnerability-step';

// The steps before the message; imported one by one (not through the registry) to keep imports acyclic.
const earlierSteps = [kindStep, detailsStep, vulnerabilityStep, fixStep];

/** What the earlier steps established, when they are all answered. */
function earlierAnswers(values: FieldValues, ctx: StepContext) {
  const category = categoryOf(values);
  if (!category) return undefined;
  const parts: ReportPart[] = [];
  for (const step of earlierSteps.filter((s) => s.appliesTo(category))) {
    const reading = step.read(values, ctx);
    if (!reading.part) return undefined;
    parts.push(reading.part);
  }
  const report = Object.assign({}, ...parts) as TicketReport;
  return report.offers && report.fix ? { category, report } : undefined;
}

/**
 * "Help me draft it": a notice built from the report's facts, in the person's language, fitted to the
 * message limit (the remediation steps are shortened first: they are repeated from the report anyway).
 */
export function draftNoticeText(values: FieldValues, ctx: StepContext): string | undefined {
  const answers = earlierAnswers(values, ctx);
  if (!answers) return undefined;
  const cvss = answers.report.vulnerability?.cvss;
  const render = (report: TicketReport) =>
    renderNotice(
      draftCustomerNotice({
        category: answers.category,
        report,
        ...(cvss ? { rating: ratingForScore(cvss.baseScore) } : {}),
      }),
      ctx.t,
    );
  const text = render(answers.report);
  const overflow = [...text].length - textLimits.customerMessage;
  const fix = answers.report.fix;
  if (overflow <= 0 || fix.kind === 'none') return [...text].slice(0, textLimits.customerMessage).join('');
  const steps = [...fix.remediationSteps].slice(
    0,
    Math.max(0, [...fix.remediationSteps].length - overflow - 1),
  );
  return render({ ...answers.report, fix: { ...fix, remediationSteps: `${steps.join('')}…` } });
}

/** Support's advice on a notice (a pasted secret, a missing offer or CVE …), in the person's language. */
export function noticeAdvice(text: string, values: FieldValues, ctx: StepContext): string[] {
  const answers = earlierAnswers(values, ctx);
  if (!answers) return [];
  return reviewCustomerMessage(text, answers.report).map((finding) => ctx.t(finding.key, finding.params));
}

/** Identifies the text the advice was shown for: pressing Next again on the same text keeps it as it is. */
export function adviceFingerprint(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex').slice(0, 16);
}
