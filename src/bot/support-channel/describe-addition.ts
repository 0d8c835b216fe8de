import { joinLines, textLine, vectorLine, type CardLine } from '../../cards/card-lines';
import { formatCvssScore } from '../../domain/cvss';
import type { ReportAddition } from '../../domain/ticket';
import { INTL_TAG, type Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';

/**
 * What the publisher added, as support reads it: one line per part (detail, vector, fix, offers). The
 * vector is a line of its own, so the card can let it wrap on a phone (see card-lines.ts).
 */
export function describeAddition(
  addition: Pick<ReportAddition, 'detail' | 'cvss' | 'fix' | 'offers'>,
  locale: Locale,
  cut: (text: string) => string = (text) => text,
): CardLine[] {
  const { detail, cvss, fix, offers } = addition;
  const lines: CardLine[] = [];
  if (detail) lines.push(textLine(cut(detail)));
  if (cvss)
    lines.push(vectorLine(`CVSS ${cvss.vector} (${formatCvssScore(cvss.baseScore, INTL_TAG[locale])})`));
  if (fix) {
    const kind = translate(locale, `supportChannel.fixKind.${fix.kind}`);
    lines.push(textLine(fix.kind !== 'none' ? `${kind}: ${cut(fix.remediationSteps)}` : kind));
  }
  if (offers?.length) lines.push(textLine(offers.map((o) => `${cut(o.name)} (${o.offerId})`).join(', ')));
  return joinLines(lines);
}
