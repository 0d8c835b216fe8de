import type { ReportAddition } from '../../domain/ticket';
import type { Translator } from '../../i18n/translate';

/** What the publisher added, as support reads it: one line per part (detail, vector, fix, offers). */
export function describeAddition(
  addition: Pick<ReportAddition, 'detail' | 'cvss' | 'fix' | 'offers'>,
  t: Translator,
  cut: (text: string) => string = (text) => text,
): string {
  const { detail, cvss, fix, offers } = addition;
  return [
    detail && cut(detail),
    cvss && `CVSS ${cvss.vector} (${cvss.baseScore.toFixed(1)})`,
    fix &&
      `${t(`supportChannel.fixKind.${fix.kind}`)}${fix.kind !== 'none' ? `: ${cut(fix.remediationSteps)}` : ''}`,
    offers?.map((o) => `${cut(o.name)} (${o.offerId})`).join(', '),
  ]
    .filter((part) => part)
    .join('\n');
}
