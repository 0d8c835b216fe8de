import type { Category } from '../../domain/ticket';
import type { FieldValues, InputStepName, StepName } from './report-draft';
import { categoryOf, type ReportStep } from './report-step';
import { detailsStep } from './steps/details-step';
import { fixStep } from './steps/fix-step';
import { kindStep } from './steps/kind-step';
import { messageStep } from './steps/message-step';
import { vulnerabilityStep } from './steps/vulnerability-step';

/**
 * Every input step, in the order the dialog asks them. A function, not a constant: the message step
 * drafts from the answers of the others (build-report.ts), which import this registry, so the list
 * is read when asked for, never while the modules are still loading.
 */
export function reportSteps(): readonly ReportStep[] {
  return [kindStep, detailsStep, vulnerabilityStep, fixStep, messageStep];
}

export function stepNamed(name: string): ReportStep | undefined {
  return reportSteps().find((step) => step.name === name);
}

/** The steps a report of this category walks (an unknown category: as if an incident, until chosen). */
export function stepsFor(category: Category | undefined): ReportStep[] {
  return reportSteps().filter((step) => step.appliesTo(category));
}

/** "Step 2 of 6": the position of a step (or the review, last) among the steps of the draft's category. */
export function stepPosition(values: FieldValues, name: StepName): { step: number; total: number } {
  const names = stepsFor(categoryOf(values)).map((step) => step.name as StepName);
  const total = names.length + 1;
  const index = names.indexOf(name);
  return { step: name === 'review' || index < 0 ? total : index + 1, total };
}

/** The step after `name` in the draft's category, or the review. */
export function stepAfter(values: FieldValues, name: InputStepName): StepName {
  const names = stepsFor(categoryOf(values)).map((step) => step.name);
  return names[names.indexOf(name) + 1] ?? 'review';
}
