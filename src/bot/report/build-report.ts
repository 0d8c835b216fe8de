import type { Category, TicketReport } from '../../domain/ticket';
import type { FieldValues, InputStepName } from './report-draft';
import { categoryOf, type ReportPart } from './report-step';
import { stepsFor } from './step-registry';
import type { FieldErrors, StepContext } from './step-context';

export type BuiltReport =
  | {
      readonly ok: true;
      readonly category: Category;
      readonly report: TicketReport;
      readonly parts: ReadonlyMap<InputStepName, ReportPart>;
    }
  | { readonly ok: false; readonly step: InputStepName; readonly errors: FieldErrors };

/** Reads every step of the draft's category; the first step with a problem is where the person goes back to. */
export function buildReport(values: FieldValues, ctx: StepContext): BuiltReport {
  const parts = new Map<InputStepName, ReportPart>();
  for (const step of stepsFor(categoryOf(values))) {
    const reading = step.read(values, ctx);
    if (!reading.part) return { ok: false, step: step.name, errors: reading.errors };
    parts.set(step.name, reading.part);
  }
  const merged = Object.assign({}, ...parts.values()) as ReportPart;
  const { category, ...report } = merged;
  if (
    !category ||
    !report.title ||
    !report.offers ||
    !report.description ||
    !report.knownExploited ||
    !report.fix
  ) {
    return { ok: false, step: 'kind', errors: {} };
  }
  return { ok: true, category, report: report as TicketReport, parts };
}

/** The first step (in order) whose answers do not pass, if any: where an edit must continue. */
export function firstIncompleteStep(values: FieldValues, ctx: StepContext): InputStepName | undefined {
  const built = buildReport(values, ctx);
  return built.ok ? undefined : built.step;
}

/** The card input that a domain error's field path ('offers.0.offerId', 'fix.kind') belongs to. */
export function inputForField(path: string): { step: InputStepName; input: string } {
  const [head = '', second = '', third = ''] = path.split('.');
  switch (head) {
    case 'title':
    case 'category':
      return { step: 'kind', input: head };
    case 'offers':
      return { step: 'kind', input: third === 'offerId' ? `offerId${second}` : `offerName${second || 0}` };
    case 'incident':
      return { step: 'details', input: second || 'dataOrSystems' };
    case 'vulnerability':
      return { step: 'vulnerability', input: second === 'cvss' ? 'cvssVector' : 'cveIds' };
    case 'fix':
      return { step: 'fix', input: second === 'kind' || !second ? 'fixKind' : second };
    case 'customerMessage':
      return { step: 'message', input: 'customerMessage' };
    default:
      return { step: 'details', input: head || 'description' };
  }
}
