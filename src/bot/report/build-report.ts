import type { Category, Ticket, TicketReport } from '../../domain/ticket';
import type { FieldValues, InputStepName } from './report-draft';
import { categoryOf, type ReportPart, type ReportStep } from './report-step';
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
  return readSteps(stepsFor(categoryOf(values)), values, ctx);
}

/**
 * The report as the steps before the message establish it (no message for customers), when they all
 * pass: what "Help me draft it" drafts from, and what a drafted message is later checked against.
 */
export function reportBeforeMessage(
  values: FieldValues,
  ctx: StepContext,
): { readonly category: Category; readonly report: TicketReport } | undefined {
  const steps = stepsFor(categoryOf(values)).filter((step) => step.name !== 'message');
  const built = readSteps(steps, values, ctx);
  if (!built.ok) return undefined;
  const { customerMessage: _message, ...report } = built.report;
  return { category: built.category, report };
}

/**
 * A ticket made of the dialog's answers as if it were filed now, for the drafting engine: no
 * confirmation number yet (the draft shows a placeholder for it), nobody's tenant, nothing happened.
 */
export function provisionalTicket(category: Category, report: TicketReport, now: Date): Ticket {
  const at = now.toISOString();
  return {
    confirmationNumber: '',
    tenantId: '',
    reporter: { kind: 'publisher', id: 'report-dialog' },
    category,
    report,
    state: 'submitted',
    openQuestions: [],
    additions: [],
    submittedAt: at,
    ackDueAt: at,
    updatedAt: at,
    version: 1,
  };
}

function readSteps(steps: readonly ReportStep[], values: FieldValues, ctx: StepContext): BuiltReport {
  const parts = new Map<InputStepName, ReportPart>();
  for (const step of steps) {
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
