import {
  csafPlaceholderIncidentUrl,
  csafPlaceholderNamespace,
  draftCommunication,
  type DraftedCommunication,
  type DraftRequest,
} from '../../../../src/domain/notice';
import type { Ticket } from '../../../../src/domain/ticket';
import { validateCsaf, type CsafValidation } from '../../../support/run-csaf-validator';
import { analyst } from '../ticket/ticket-fixtures';
import { draftedAt, ticketWith, withCommands } from './draft-fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- the documents are read as plain JSON */
type Json = any;

interface Drafted {
  readonly drafted: DraftedCommunication;
  readonly doc: Json;
}

/** Every document drafted in this file, validated together in one run of the validator. */
const all: Drafted[] = [];
function csaf(ticket: Ticket, options: Partial<DraftRequest> = {}): Drafted {
  const drafted = draftCommunication({
    format: 'csaf',
    language: 'en',
    tone: 'formal',
    ticket,
    now: draftedAt,
    ...options,
  });
  const result = { drafted, doc: JSON.parse(drafted.body) as Json };
  all.push(result);
  return result;
}

const vulnerability = csaf(ticketWith('vulnerability', 'full'));
const partial = csaf(ticketWith('vulnerability', 'partial'));
const none = csaf(ticketWith('vulnerability', 'none'));
const noFixPlanned = csaf(ticketWith('vulnerability', 'none, no fix planned'));
const incident = csaf(ticketWith('incident', 'partial'), { language: 'ru' });
const cvss4 = csaf(
  ticketWith('vulnerability', 'full', {
    report: {
      vulnerability: {
        cveIds: [],
        cvss: {
          version: '4.0',
          vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
          baseScore: 9.3,
        },
      },
    },
  }),
);
const twoCves = csaf(
  ticketWith('vulnerability', 'full', {
    report: {
      vulnerability: {
        cveIds: ['CVE-2026-12345', 'CVE-2026-12346'],
        cvss: { version: '3.0', vector: 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', baseScore: 6.5 },
      },
    },
  }),
);
const unscoredTicket = ticketWith('vulnerability', 'full');
const unscored = csaf({
  ...unscoredTicket,
  report: {
    ...unscoredTicket.report,
    vulnerability: {
      cveIds: ['CVE-2026-12345'],
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:Q', baseScore: 7 },
    },
  },
});
const published = csaf(ticketWith('vulnerability', 'full'), {
  publisher: { name: 'Contoso Ltd', url: 'https://www.Contoso.example/security' },
});
const badUrl = csaf(ticketWith('vulnerability', 'full'), {
  publisher: { name: 'Contoso', url: 'contoso dot com' },
});
const submitted = csaf(ticketWith('vulnerability', 'full', { acknowledged: false }));
const closed = csaf(
  withCommands(
    ticketWith('vulnerability', 'full'),
    [{ type: 'set_outcome', outcome: { kind: 'mitigated', summary: 'Verified.' } }, analyst],
    [{ type: 'close' }, analyst],
  ),
);
const third = csaf(ticketWith('vulnerability', 'full'), {
  revision: 3,
  history: [
    { at: '2026-06-10T16:02:00.000Z', summary: 'First draft.' },
    { at: '2026-06-10T16:05:00.000Z', summary: 'Steps corrected.' },
  ],
});
const messyHistory = csaf(ticketWith('vulnerability', 'full'), {
  revision: 4,
  history: [
    { at: '2026-06-10T18:00:00.000Z', summary: 'First draft.' },
    { at: 'yesterday', summary: '' },
    { at: '2026-06-10T17:00:00.000Z', summary: 'Out of order.' },
    { at: '2026-06-10T19:00:00.000Z', summary: 'Past the version asked for: left out.' },
  ],
});
const shortHistory = csaf(ticketWith('vulnerability', 'full'), { revision: 3 });

const csafTracking = (ticket: Ticket, options: Partial<DraftRequest> = {}): Json =>
  csaf(ticket, options).doc.document.tracking;

let validations: CsafValidation[] = [];
let validatedCount = 0;
beforeAll(() => {
  validatedCount = all.length;
  validations = validateCsaf(all.map(({ doc }) => doc));
});

test('every document drafted here passes the strict schema and every mandatory test', () => {
  expect(validations).toHaveLength(validatedCount);
  expect(validatedCount).toBeGreaterThanOrEqual(15);
  validations.forEach((validation) => expect(validation).toEqual({ isValid: true, errors: [] }));
});

test('the validator does catch a broken document (so a pass means something)', () => {
  const broken = structuredClone(vulnerability.doc);
  broken.vulnerabilities[0].scores[0].cvss_v3.baseScore = 5;
  broken.document.tracking.version = '2';
  const [result] = validateCsaf([broken]);
  expect(result?.isValid).toBe(false);
  expect(result?.errors.map((error) => error.test)).toEqual(
    expect.arrayContaining(['mandatoryTest_6_1_9', 'mandatoryTest_6_1_16']),
  );
});

describe('a vulnerability becomes a CSAF security advisory', () => {
  const { document, product_tree, vulnerabilities } = vulnerability.doc;

  test('with the profile, CSAF version, language and title', () => {
    expect(document).toMatchObject({
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      lang: 'en',
      title: 'SQL injection in the admin console',
    });
  });

  test('with the publisher as vendor, a placeholder name and an .invalid namespace when none is known', () => {
    expect(document.publisher).toEqual({
      category: 'vendor',
      name: '[Publisher name]',
      namespace: csafPlaceholderNamespace,
    });
    expect(vulnerability.drafted.placeholders).toEqual(['[Publisher name]', csafPlaceholderNamespace]);
  });

  test('with the offers as products under the publisher, each offer id its product id', () => {
    expect(product_tree).toEqual({
      branches: [
        {
          category: 'vendor',
          name: '[Publisher name]',
          branches: [
            {
              category: 'product_name',
              name: 'Contoso WAF',
              product: { name: 'Contoso WAF', product_id: 'contoso.contoso-waf' },
            },
            {
              category: 'product_name',
              name: 'Contoso WAF Pro',
              product: { name: 'Contoso WAF Pro', product_id: 'contoso.contoso-waf-pro' },
            },
          ],
        },
      ],
    });
  });

  test('with the CVE, the CVSS v3 score computed from the vector, status, remediation and exploitation', () => {
    const products = ['contoso.contoso-waf', 'contoso.contoso-waf-pro'];
    expect(vulnerabilities).toEqual([
      {
        cve: 'CVE-2026-12345',
        title: 'SQL injection in the admin console',
        discovery_date: '2026-06-09T00:00:00.000Z',
        notes: [
          {
            category: 'description',
            title: 'Description',
            text: "The search box of the admin console passes input to SQL unescaped: ' OR 1=1 --",
          },
          {
            category: 'details',
            title: 'Affected versions and customers',
            text: 'All customers on versions 2.0 to 2.4.0.',
          },
        ],
        product_status: { known_affected: products },
        remediations: [
          {
            category: 'vendor_fix',
            details: 'Upgrade to 2.4.1.\nRestart the gateway.',
            product_ids: products,
          },
        ],
        scores: [
          {
            products,
            cvss_v3: {
              version: '3.1',
              vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
              baseScore: 9.8,
              baseSeverity: 'CRITICAL',
            },
          },
        ],
        threats: [
          {
            category: 'exploit_status',
            details: 'We have no evidence that this issue has been exploited.',
            product_ids: products,
          },
        ],
      },
    ]);
  });

  test("with support's severity as the aggregate severity and a summary citing the confirmation number", () => {
    expect(document.aggregate_severity).toEqual({ text: 'High' });
    expect(document.notes).toEqual([
      {
        category: 'summary',
        title: 'Summary',
        text: 'A security vulnerability affects Contoso WAF and Contoso WAF Pro. It has been reported to Microsoft under reference SEC-7K3M-9QXD.',
      },
    ]);
  });

  test('with tracking from the confirmation number, the ticket state, the revision and the ticket dates', () => {
    expect(document.tracking).toEqual({
      id: 'SEC-7K3M-9QXD',
      status: 'interim',
      version: '1',
      revision_history: [
        {
          date: '2026-06-10T16:10:00.000Z',
          number: '1',
          summary: 'Drafted from Security Desk ticket SEC-7K3M-9QXD, ticket version 2.',
        },
      ],
      initial_release_date: '2026-06-10T16:00:00.000Z',
      current_release_date: '2026-06-10T16:10:00.000Z',
      generator: { engine: { name: 'Security Desk' }, date: '2026-06-11T09:30:00.000Z' },
    });
  });

  test('with its keys in alphabetical order, as pretty JSON', () => {
    expect(Object.keys(vulnerability.doc)).toEqual(['document', 'product_tree', 'vulnerabilities']);
    expect(Object.keys(document)).toEqual([...Object.keys(document)].sort());
    expect(vulnerability.drafted.body).toBe(JSON.stringify(vulnerability.doc, null, 2));
  });
});

describe('the remediation category follows the fix', () => {
  const remediation = (d: Drafted) => d.doc.vulnerabilities[0].remediations;

  test('a partial fix is a mitigation with its steps', () => {
    expect(remediation(partial)).toEqual([
      expect.objectContaining({
        category: 'mitigation',
        details: 'Disable the export API in Settings > Integrations.',
      }),
    ]);
  });

  test('no fix yet is none_available with the expected date written for the language', () => {
    expect(remediation(none)).toEqual([
      expect.objectContaining({
        category: 'none_available',
        details: 'No fix is available yet; one is expected by July 1, 2026.',
      }),
    ]);
  });

  test("no fix and support's outcome that none will come is no_fix_planned, saying why", () => {
    expect(remediation(noFixPlanned)).toEqual([
      expect.objectContaining({
        category: 'no_fix_planned',
        details:
          "No fix is planned. Following Microsoft's review of our report (reference SEC-7K3M-9QXD), the affected offers have been permanently removed from Azure Marketplace.",
      }),
    ]);
  });
});

describe('an incident becomes a CSAF security incident response', () => {
  const { document, vulnerabilities } = incident.doc;

  test("with the profile's mandatory parts: a description note and an external reference", () => {
    expect(document.category).toBe('csaf_security_incident_response');
    expect(document.lang).toBe('ru');
    expect(document.notes.map((note: Json) => note.category)).toEqual([
      'summary',
      'description',
      'details',
      'details',
      'general',
    ]);
    expect(document.notes[1].text).toBe('A storage account key was committed to a public repository.');
    expect(document.references).toEqual([
      {
        category: 'external',
        summary: 'Публичные сведения об этом инциденте',
        url: csafPlaceholderIncidentUrl,
      },
    ]);
    expect(incident.drafted.placeholders).toEqual(
      expect.arrayContaining(['[Название издателя]', csafPlaceholderNamespace, csafPlaceholderIncidentUrl]),
    );
  });

  test('in Russian where the words are the drafter’s', () => {
    expect(document.notes[0]).toEqual({
      category: 'summary',
      title: 'Краткое описание',
      text: 'Инцидент безопасности затрагивает Contoso Backup. О нём сообщено в Microsoft, номер обращения SEC-7K3M-9QXD.',
    });
    expect(document.notes[4].text).toBe('Инцидент затрагивает персональные данные. Инцидент локализован.');
  });

  test('with its products, remediation and exploitation status, and no CVE', () => {
    expect(vulnerabilities).toEqual([
      {
        title: 'Leaked storage key',
        discovery_date: '2026-06-09T00:00:00.000Z',
        product_status: { known_affected: ['contoso.backup'] },
        remediations: [
          {
            category: 'mitigation',
            details: 'Disable the export API in Settings > Integrations.',
            product_ids: ['contoso.backup'],
          },
        ],
        threats: [
          {
            category: 'exploit_status',
            details: 'Мы выясняем, эксплуатировалась ли проблема.',
            product_ids: ['contoso.backup'],
          },
        ],
      },
    ]);
  });
});

test('a CVSS 4.0 rating, which CSAF 2.0 cannot score, is kept in a note with its vector and score', () => {
  const [entry] = cvss4.doc.vulnerabilities;
  expect(entry.scores).toBeUndefined();
  expect(entry.cve).toBeUndefined();
  expect(entry.notes).toContainEqual({
    category: 'other',
    title: 'CVSS v4.0',
    text: 'Vector: CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N. Base score: 9.3 (Critical).',
  });
});

test('each CVE is its own vulnerability, each with the report’s rating, fix and status', () => {
  const entries = twoCves.doc.vulnerabilities;
  expect(entries.map((entry: Json) => entry.cve)).toEqual(['CVE-2026-12345', 'CVE-2026-12346']);
  expect(entries[1].scores[0].cvss_v3).toEqual({
    version: '3.0',
    vectorString: 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
    baseScore: 6.5,
    baseSeverity: 'MEDIUM',
  });
  expect(entries[0].remediations).toEqual(entries[1].remediations);
});

test('a vector the CVSS module cannot score is kept as reported in a note, never as a score', () => {
  const [entry] = unscored.doc.vulnerabilities;
  expect(entry.scores).toBeUndefined();
  expect(entry.notes).toContainEqual({
    category: 'other',
    title: 'CVSS',
    text: 'Vector: CVSS:3.1/AV:Q. Base score as reported: 7.0.',
  });
});

test('a known publisher is named, its URL the namespace; a URL that is not one is a placeholder', () => {
  expect(published.doc.document.publisher).toEqual({
    category: 'vendor',
    name: 'Contoso Ltd',
    namespace: 'https://www.contoso.example/security',
  });
  expect(published.doc.product_tree.branches[0].name).toBe('Contoso Ltd');
  expect(published.drafted.placeholders).toEqual([]);
  expect(badUrl.doc.document.publisher.namespace).toBe(csafPlaceholderNamespace);
  expect(badUrl.drafted.placeholders).toEqual([csafPlaceholderNamespace]);
});

test('the status is draft before support has seen the report, interim while assessed, final once closed', () => {
  expect(submitted.doc.document.tracking.status).toBe('draft');
  expect(submitted.doc.document.aggregate_severity).toEqual({ text: 'Critical' });
  expect(vulnerability.doc.document.tracking.status).toBe('interim');
  expect(closed.doc.document.tracking.status).toBe('final');
});

describe('the revision history', () => {
  test('numbers the earlier revisions 1, 2, … and ends with this one, as of the ticket’s last change', () => {
    const { tracking } = third.doc.document;
    expect(tracking.version).toBe('3');
    expect(tracking.revision_history).toEqual([
      { date: '2026-06-10T16:02:00.000Z', number: '1', summary: 'First draft.' },
      { date: '2026-06-10T16:05:00.000Z', number: '2', summary: 'Steps corrected.' },
      {
        date: '2026-06-10T16:10:00.000Z',
        number: '3',
        summary: 'Drafted from Security Desk ticket SEC-7K3M-9QXD, ticket version 2.',
      },
    ]);
    expect(tracking.current_release_date).toBe('2026-06-10T16:10:00.000Z');
    expect(tracking.initial_release_date).toBe('2026-06-10T16:00:00.000Z');
  });

  test('dates this revision after any later earlier one, and drafts the same dates whenever drafted', () => {
    const later = csafTracking(ticketWith('vulnerability', 'full'), {
      revision: 2,
      history: [{ at: '2026-06-11T08:00:00.000Z', summary: 'Edited after the last change.' }],
    });
    expect(later.revision_history.map((r: Json) => r.date)).toEqual([
      '2026-06-11T08:00:00.000Z',
      '2026-06-11T08:00:00.001Z',
    ]);
    expect(later.current_release_date).toBe('2026-06-11T08:00:00.001Z');
    const tomorrow = csafTracking(ticketWith('vulnerability', 'full'), {
      now: new Date('2026-06-12T10:00:00.000Z'),
    });
    expect({ ...tomorrow, generator: undefined }).toEqual({
      ...vulnerability.doc.document.tracking,
      generator: undefined,
    });
    expect(tomorrow.generator.date).toBe('2026-06-12T10:00:00.000Z');
  });

  test('keeps dates rising and numbers whole whatever history it is given', () => {
    const { tracking } = messyHistory.doc.document;
    expect(tracking.version).toBe('4');
    expect(tracking.revision_history.map((r: Json) => r.number)).toEqual(['1', '2', '3', '4']);
    const dates = tracking.revision_history.map((r: Json) => Date.parse(r.date));
    dates.slice(1).forEach((date: number, i: number) => expect(date).toBeGreaterThan(dates[i]));
    expect(tracking.revision_history[1].summary).toBe('[Summary of this revision]');
    expect(messyHistory.drafted.body).not.toContain('left out');
  });

  test('stands a placeholder in for an earlier revision it was not told about', () => {
    const { tracking } = shortHistory.doc.document;
    expect(tracking.revision_history.map((r: Json) => [r.number, r.summary])).toEqual([
      ['1', '[Summary of this revision]'],
      ['2', '[Summary of this revision]'],
      ['3', 'Drafted from Security Desk ticket SEC-7K3M-9QXD, ticket version 2.'],
    ]);
    expect(shortHistory.drafted.placeholders).toContain('[Summary of this revision]');
  });
});
