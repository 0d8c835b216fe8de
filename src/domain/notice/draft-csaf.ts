import type { CsafDocument, CsafNote } from './csaf-document';
import { csafProductTree } from './csaf-product-tree';
import { csafTracking } from './csaf-tracking';
import { csafVulnerabilities } from './csaf-vulnerabilities';
import { offersOr, type DraftContext } from './draft-context';
import { outcomeSentence } from './outcome-sentence';

/**
 * Stand-ins where the schema wants a URI and none is known: `.invalid` can never resolve (RFC 6761),
 * so a placeholder left in cannot point anyone anywhere; each is listed among the placeholders.
 */
export const csafPlaceholderNamespace = 'https://example.invalid/publisher-namespace';
export const csafPlaceholderIncidentUrl = 'https://example.invalid/incident-information';

/**
 * A CSAF 2.0 document: the security advisory profile for a vulnerability, the security incident
 * response profile for an incident (which asks for a summary-like note and an external reference).
 * Always the document category's mandatory parts, so it validates even while placeholders remain.
 */
export function draftCsaf(context: DraftContext): CsafDocument {
  const { facts, words, placeholders, request } = context;
  const p = words.placeholder;
  const title = placeholders.or(facts.title, p.title);
  const vendor = placeholders.or(facts.publisherName, p.publisherName);
  const incident = facts.category === 'incident';

  return {
    document: {
      category: incident ? 'csaf_security_incident_response' : 'csaf_security_advisory',
      csaf_version: '2.0',
      lang: request.language,
      title,
      publisher: {
        category: 'vendor',
        name: vendor,
        namespace: placeholders.or(facts.publisherUrl, csafPlaceholderNamespace),
      },
      tracking: csafTracking(context),
      ...(facts.severity ? { aggregate_severity: { text: words.rating[facts.severity.level] } } : {}),
      notes: documentNotes(context),
      ...(incident
        ? {
            references: [
              {
                category: 'external' as const,
                summary: words.csaf.incidentReference,
                url: placeholders.mark(csafPlaceholderIncidentUrl),
              },
            ],
          }
        : {}),
    },
    product_tree: csafProductTree(context, vendor),
    vulnerabilities: csafVulnerabilities(context, title),
  };
}

function documentNotes(context: DraftContext): CsafNote[] {
  const { facts, words, placeholders } = context;
  const c = words.csaf;
  const p = words.placeholder;
  const formal = words.email.formal;
  const notes: CsafNote[] = [
    {
      category: 'summary',
      title: c.summaryTitle,
      text: c.summary[facts.category](offersOr(context), facts.confirmationNumber),
    },
  ];
  if (facts.incident) {
    notes.push(
      {
        category: 'description',
        title: c.descriptionTitle,
        text: placeholders.or(facts.description, p.description),
      },
      {
        category: 'details',
        title: c.dataOrSystemsTitle,
        text: placeholders.or(facts.incident.dataOrSystems, p.dataOrSystems),
      },
      { category: 'details', title: c.affectedTitle, text: placeholders.or(facts.affected, p.affected) },
      {
        category: 'general',
        title: c.statusTitle,
        text: [
          facts.incident.personalData && formal.personalData[facts.incident.personalData],
          formal.ongoing[facts.incident.ongoing],
        ]
          .filter(Boolean)
          .join(' '),
      },
    );
  }
  const outcome = outcomeSentence(context, formal.outcome);
  if (outcome) notes.push({ category: 'general', title: c.outcomeTitle, text: outcome });
  if (facts.customerMessage) {
    notes.push({ category: 'general', title: c.customerMessageTitle, text: facts.customerMessage });
  }
  return notes;
}
