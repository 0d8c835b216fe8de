import type { Ticket } from '../ticket/ticket';
import type { DraftFormat } from './draft-request';
import { gatherDraftFacts, type DraftFacts } from './gather-draft-facts';
import { stripInvisible } from './strip-invisible';

/** What a draft states, grouped by what a publisher would call it when it changes. */
export const basisChanges = [
  'severity',
  'cvss',
  'fix',
  'offers',
  'affected',
  'exploitation',
  'details',
  'outcome',
  'status',
] as const;
export type BasisChange = (typeof basisChanges)[number];

/**
 * The facts of a ticket that a customer communication states, and nothing else: a draft made from one
 * basis is out of date once the ticket's basis differs. Bookkeeping (the ticket's version, when it last
 * changed, priorities, questions and messages) is left out, so a question from support does not make a
 * draft stale. The phase (submitted, being worked, closed) counts only for a CSAF document, whose status
 * (draft, interim, final) follows it; an email says the same before and after acknowledgement.
 */
export interface DraftBasis {
  readonly facts: Readonly<Record<BasisChange, unknown>>;
}

export function draftBasis(ticket: Ticket, format: DraftFormat): DraftBasis {
  const f: DraftFacts = gatherDraftFacts(
    { format: 'csaf', language: 'en', tone: 'formal', ticket, now: new Date(ticket.updatedAt) },
    stripInvisible,
  );
  const phase = ticket.state === 'submitted' ? 'submitted' : ticket.state === 'closed' ? 'closed' : 'working';
  return {
    facts: {
      severity: f.severity ?? null,
      cvss: f.cvss ? { version: f.cvss.version, vector: f.cvss.vector, baseScore: f.cvss.baseScore } : null,
      fix: { remediation: f.remediation, steps: f.steps ?? null, expectedOn: f.fixExpectedOn ?? null },
      offers: f.offers.map((o) => [o.offerId, o.name]),
      affected: f.affected ?? null,
      exploitation: f.knownExploited,
      details: {
        title: f.title ?? null,
        description: f.description ?? null,
        discoveredOn: f.discoveredOn ?? null,
        incident: f.incident ?? null,
        cveIds: f.cveIds,
      },
      outcome: f.outcome ?? null,
      status: format === 'csaf' ? phase : null,
    },
  };
}

/** A basis as one canonical string: equal bases, equal strings (the store keeps a hash of it). */
export function canonicalBasis(basis: DraftBasis): string {
  return JSON.stringify(basisChanges.map((key) => [key, basis.facts[key]]));
}

/** Which groups of facts differ between two bases, in a fixed order. */
export function changesBetween(before: DraftBasis, after: DraftBasis): BasisChange[] {
  return basisChanges.filter((key) => JSON.stringify(before.facts[key]) !== JSON.stringify(after.facts[key]));
}
