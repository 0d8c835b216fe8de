import type { Submission } from '../../src/backend/ticket-backend';
import type { Actor } from '../../src/domain/ticket';

export const tenantA = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const tenantB = '0b3a1c55-9f0e-4a57-8f34-5a1d2c3b4e5f';
export const publisher: Actor = { kind: 'publisher', id: 'aad-publisher-1', name: 'Pat Publisher' };
export const analyst: Actor = { kind: 'support', id: 'aad-analyst-1', name: 'Sam Support' };

/** A complete vulnerability report as the report dialog submits it. */
export function vulnerabilitySubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    submissionKey: 'draft-1',
    tenantId: tenantA,
    reporter: publisher,
    locale: 'en-US',
    conversationId: 'a:personal-chat-1',
    timeZone: 'Europe/Berlin',
    category: 'vulnerability',
    report: {
      title: 'SQL injection in the admin console',
      offers: [{ name: 'Contoso WAF', offerId: 'contoso.contoso-waf' }],
      description: 'The search box of the admin console passes input to SQL unescaped.',
      knownExploited: 'no',
      vulnerability: {
        cveIds: ['CVE-2026-12345'],
        cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
      },
      fix: { kind: 'full', remediationSteps: 'Upgrade to 2.4.1.' },
    },
    ...overrides,
  };
}

export function incidentSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    submissionKey: 'draft-incident-1',
    tenantId: tenantA,
    reporter: publisher,
    locale: 'ru-RU',
    category: 'incident',
    report: {
      title: 'Leaked storage key',
      offers: [{ name: 'Contoso Backup', offerId: 'contoso.backup' }],
      description: 'A storage account key was committed to a public repository.',
      knownExploited: 'unknown',
      incident: { dataOrSystems: 'Customer backup blobs', ongoing: 'no' },
      fix: { kind: 'none' },
    },
    ...overrides,
  };
}
