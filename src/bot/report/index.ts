import type { CalculatorResultHandler } from '../cvss-calculator';
import type { Command } from '../commands/command';
import type { Turn } from '../turn';
import { reportCommands } from './report-commands';
import { ReportDialog, type ReportDialogDependencies } from './report-dialog';

export { DraftExpiryJob, type DraftExpiryJobDependencies, type DraftSweepResult } from './draft-expiry-job';
export { REPORT_STEP_COMMAND, ReportDialog, type ReportDialogDependencies } from './report-dialog';

export interface ReportFeature {
  readonly commands: readonly Command[];
  /** Runs before every message is routed; true when it answered the message itself. */
  readonly beforeMessage: (
    turn: Turn,
    value: Readonly<Record<string, unknown>> | undefined,
  ) => Promise<boolean>;
  /** Where the CVSS calculator's "Use this vector in my report" goes. */
  readonly calculatorResult: CalculatorResultHandler;
}

/** The report dialog, its commands, and its hook into the CVSS calculator ("Use this vector in my report"). */
export function createReportFeature(deps: ReportDialogDependencies): ReportFeature {
  const dialog = new ReportDialog(deps);
  return {
    commands: reportCommands(dialog),
    beforeMessage: (turn, value) => dialog.expireIfIdle(turn, value),
    calculatorResult: (turn, assessment, _replyToId, token) => dialog.vectorChosen(turn, token, assessment),
  };
}
