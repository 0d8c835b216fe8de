import type { CsafNote, CsafRemediation, CsafScore, CsafVulnerability } from './csaf-document';
import { cvssText, dateOr, type DraftContext } from './draft-context';
import { csafProductIds } from './csaf-product-tree';
import { outcomeSentence } from './outcome-sentence';

/**
 * `vulnerabilities`: one per CVE id (CSAF gives each vulnerability one `cve`), or one without a CVE.
 * The report gives one rating, one fix and one exploitation status for all its CVEs, so each carries
 * the same. An incident gets one too: it is where CSAF keeps the affected products, the remediation
 * and the exploitation status, which the incident response profile allows but does not require.
 */
export function csafVulnerabilities(context: DraftContext, title: string): CsafVulnerability[] {
  const { facts, words } = context;
  const productIds = csafProductIds(context);
  const notes = facts.category === 'vulnerability' ? vulnerabilityNotes(context) : [];
  const scores = csafScores(context, productIds);
  const base: CsafVulnerability = {
    title,
    ...(facts.discoveredOn ? { discovery_date: `${facts.discoveredOn}T00:00:00.000Z` } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    product_status: { known_affected: productIds },
    remediations: [csafRemediation(context, productIds)],
    ...(scores.length > 0 ? { scores } : {}),
    threats: [
      {
        category: 'exploit_status',
        details: words.email.formal.exploited[facts.knownExploited],
        product_ids: productIds,
      },
    ],
  };
  return facts.cveIds.length > 0 ? facts.cveIds.map((cve) => ({ cve, ...base })) : [base];
}

function vulnerabilityNotes(context: DraftContext): CsafNote[] {
  const { facts, words, placeholders } = context;
  const c = words.csaf;
  const p = words.placeholder;
  const notes: CsafNote[] = [
    {
      category: 'description',
      title: c.descriptionTitle,
      text: placeholders.or(facts.description, p.description),
    },
    { category: 'details', title: c.affectedTitle, text: placeholders.or(facts.affected, p.affected) },
  ];
  const cvss = cvssText(context);
  // CSAF 2.0's scores know CVSS v2 and v3 only (v4.0 came after it), so a v4.0 vector and its score,
  // like a vector the CVSS module could not score, go into a note: kept, but not as a score.
  if (facts.cvss && cvss && facts.cvss.version === '4.0' && facts.cvss.scored) {
    notes.push({
      category: 'other',
      title: c.cvss4Title,
      text: c.cvss4(cvss, words.rating[facts.cvss.rating]),
    });
  } else if (facts.cvss && cvss && !facts.cvss.scored) {
    notes.push({ category: 'other', title: c.unscoredCvssTitle, text: c.unscoredCvss(cvss) });
  }
  return notes;
}

function csafScores(context: DraftContext, products: readonly string[]): CsafScore[] {
  const { cvss } = context.facts;
  if (!cvss || !cvss.scored || cvss.version === '4.0') return [];
  return [
    {
      products,
      cvss_v3: {
        version: cvss.version,
        vectorString: cvss.vector,
        baseScore: cvss.baseScore,
        baseSeverity: cvss.rating.toUpperCase() as CsafScore['cvss_v3']['baseSeverity'],
      },
    },
  ];
}

function csafRemediation(context: DraftContext, productIds: readonly string[]): CsafRemediation {
  const { facts, words, placeholders } = context;
  const p = words.placeholder;
  const category = facts.remediation;
  switch (category) {
    case 'vendor_fix':
    case 'mitigation':
      return { category, details: placeholders.or(facts.steps, p.steps), product_ids: productIds };
    case 'none_available':
      return {
        category,
        details: words.csaf.noneAvailable(dateOr(context, facts.fixExpectedOn, p.expectedFix)),
        product_ids: productIds,
      };
    case 'no_fix_planned': {
      const why = outcomeSentence(context, words.email.formal.outcome);
      return {
        category,
        details: why ? `${words.csaf.noFixPlanned} ${why}` : words.csaf.noFixPlanned,
        product_ids: productIds,
      };
    }
  }
}
