import type { Outcome, TicketReport } from '../ticket/ticket';

/** CSAF 2.0's remediation categories that a report can lead to (section 3.2.3.12.2). */
export type RemediationCategory = 'vendor_fix' | 'mitigation' | 'none_available' | 'no_fix_planned';

/**
 * What the fix amounts to. A partial fix reduces the risk without removing it: CSAF's `mitigation`,
 * not `workaround` (which avoids the exposure). No fix and none expected becomes `no_fix_planned` once
 * support's outcome says none will come: no action needed, or the offer removed for good. The report
 * itself has no "will not fix" answer, so without such an outcome it stays `none_available`.
 */
export function remediationCategory(
  fix: TicketReport['fix'],
  outcome: Outcome | undefined,
): RemediationCategory {
  if (fix.kind !== 'none') return fix.kind === 'full' ? 'vendor_fix' : 'mitigation';
  if (fix.expectedOn) return 'none_available';
  const final =
    outcome?.kind === 'no_action_needed' ||
    (outcome?.kind === 'offer_removed' && outcome.removal === 'permanent');
  return final ? 'no_fix_planned' : 'none_available';
}
