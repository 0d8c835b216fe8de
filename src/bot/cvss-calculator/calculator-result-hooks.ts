import type { CvssAssessment } from '../../domain/cvss';
import type { Turn } from '../turn';
import type { CalculatorReturnTo } from './calculator-options';

/**
 * What a dialog does with the calculator's result: `replyToId` is the result card the button was on (the
 * dialog may update it in place); `token` is the one the dialog opened the calculator with.
 */
export type CalculatorResultHandler = (
  turn: Turn,
  assessment: CvssAssessment,
  replyToId: string | undefined,
  token: string | undefined,
) => Promise<void>;

const handlers = new Map<CalculatorReturnTo, CalculatorResultHandler>();

/**
 * Registers where "Use this vector in my report" goes. The calculator cannot import the report dialog (the
 * dialog imports the calculator), so the dialog registers itself here when it is created; the last
 * registration wins, so creating the bot twice (tests) rebinds rather than duplicates.
 */
export function onCalculatorResult(returnTo: CalculatorReturnTo, handler: CalculatorResultHandler): void {
  handlers.set(returnTo, handler);
}

export function calculatorResultHandler(returnTo: CalculatorReturnTo): CalculatorResultHandler | undefined {
  return handlers.get(returnTo);
}
