import { describeTicketEvent } from '../../../../src/cards/describe-ticket-event';
import type { Actor, TicketEvent } from '../../../../src/domain/ticket';
import { ticketEventTypes } from '../../../../src/domain/ticket';
import { translator } from '../../../../src/i18n/translate';

const support: Actor = { kind: 'support', id: 'aad-1', name: 'Sam Support' };
const at = '2026-11-24T10:00:00.000Z';

const examples: TicketEvent[] = [
  {
    type: 'submitted',
    actor: { kind: 'publisher', id: 'p' },
    at,
    data: { confirmationNumber: 'SEC-7K3M-9QXD', category: 'incident', title: 't', ackDueAt: at },
  },
  { type: 'acknowledged', actor: support, at, data: { priority: 'P1', severity: 'Critical', late: true } },
  { type: 'priority_changed', actor: support, at, data: { from: 'P1', to: 'P3', reason: 'Not exploitable' } },
  { type: 'severity_changed', actor: support, at, data: { from: 'Critical', to: 'Low' } },
  { type: 'question_asked', actor: support, at, data: { question: 'Which versions?' } },
  {
    type: 'question_answered',
    actor: { kind: 'publisher', id: 'p', name: 'Pat' },
    at,
    data: { answer: '2.x' },
  },
  { type: 'message_posted', actor: support, at, data: { message: 'x'.repeat(1000) } },
  { type: 'assessment_started', actor: support, at, data: { reopened: true } },
  {
    type: 'outcome_set',
    actor: support,
    at,
    data: {
      outcome: {
        kind: 'offer_removed',
        summary: 'Removed',
        removal: 'temporary',
        reason: 'Exploited',
        restoreSteps: 'Patch',
      },
    },
  },
  { type: 'closed', actor: support, at, data: { reason: 'duplicate', duplicateOf: 'SEC-2222-3333' } },
  { type: 'ack_overdue', actor: { kind: 'system', id: 'ack-overdue-job' }, at, data: { dueAt: at } },
  {
    type: 'information_added',
    actor: { kind: 'publisher', id: 'p', name: 'Pat' },
    at,
    data: {
      detail: 'The image was also mirrored to Docker Hub.',
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N', baseScore: 5.4 },
      fix: { kind: 'partial', remediationSteps: 'Rotate the registry token.' },
      offers: [{ name: 'Contoso Registry', offerId: 'contoso.registry' }],
    },
  },
];

/** Events added after the first dozen: checked for words in both languages, not for their order. */
const laterExamples: TicketEvent[] = [
  {
    type: 'breach_notification_done',
    actor: { kind: 'publisher', id: 'p', name: 'Pat' },
    at,
    data: { dueAt: at },
  },
  { type: 'breach_reminder_due', actor: { kind: 'system', id: 'breach-clock' }, at, data: { dueAt: at } },
  {
    type: 'evidence_added',
    actor: { kind: 'publisher', id: 'p', name: 'Pat' },
    at,
    data: { fileId: 'f1', name: 'proof.log', size: 2048, sha256: 'a'.repeat(64) },
  },
  {
    type: 'evidence_downloaded',
    actor: support,
    at,
    data: { fileId: 'f1', name: 'proof.log', size: 2048, sha256: 'a'.repeat(64) },
  },
  {
    type: 'customer_draft_shared',
    actor: { kind: 'publisher', id: 'p', name: 'Pat' },
    at,
    data: { draftId: 'd1', format: 'email', language: 'en', version: 2 },
  },
  {
    type: 'customer_draft_proposed',
    actor: support,
    at,
    data: { draftId: 'd2', format: 'email', language: 'en', version: 3, basedOn: 'd1' },
  },
  {
    type: 'customer_draft_answered',
    actor: { kind: 'publisher', id: 'p', name: 'Pat' },
    at,
    data: {
      draftId: 'd2',
      format: 'email',
      language: 'en',
      version: 3,
      answer: 'edited',
      sharedDraftId: 'd3',
    },
  },
  {
    type: 'customer_drafts_outdated',
    actor: { kind: 'system', id: 'customer-drafts' },
    at,
    data: {
      drafts: [
        { draftId: 'd1', format: 'email', language: 'en', version: 2 },
        { draftId: 'd4', format: 'csaf', language: 'ru', version: 1 },
      ],
      changed: ['severity', 'outcome'],
    },
  },
];

describe('a history event in words', () => {
  const t = translator('en');
  const views = examples.map((event) => describeTicketEvent(t, 'en', 'UTC', event));

  test('every event type has an example here', () => {
    expect([...examples, ...laterExamples].map((event) => event.type).sort()).toEqual(
      [...ticketEventTypes].sort(),
    );
  });

  test('customer drafts are named by kind, language and version; what changed is said in words', () => {
    expect(laterExamples.map((event) => describeTicketEvent(t, 'en', 'UTC', event).what)).toEqual(
      expect.arrayContaining([
        'Shared the email in English (version 2) with support.',
        'Support proposed a change to the email in English (version 3).',
        "Accepted support's proposal for the email in English (version 3) with changes.",
        'Customer drafts out of date because the severity and the outcome changed: email in English, version 2; CSAF document in Russian, version 1.',
      ]),
    );
    const ru = translator('ru');
    for (const event of laterExamples) {
      expect(describeTicketEvent(ru, 'ru', 'UTC', event).what).not.toMatch(/drafts\.|tickets\.|evidence\./);
    }
  });

  test('each says what happened, who did it and when, with no untranslated key', () => {
    expect(views.map((view) => view.what)).toEqual([
      'Report submitted as Security incident; acknowledgement due by Nov 24, 2026, 10:00 AM.',
      'Receipt acknowledged after the due time: priority P1, severity Critical.',
      'Priority changed from P1 to P3.',
      'Severity changed from Critical to Low.',
      'Support asked a question:',
      'Question answered:',
      'Message:',
      'Assessment reopened.',
      'Outcome: Offer removed.',
      'Closed (duplicate).',
      'Acknowledgement is overdue (it was due by Nov 24, 2026, 10:00 AM); support has been alerted.',
      'Information added to the report:',
    ]);
    expect(views.map((view) => view.header.split(' · ')[1])).toEqual([
      'Your organisation',
      ...Array(4).fill('Support'),
      'Pat',
      ...Array(4).fill('Support'),
      'Security Desk',
      'Pat',
    ]);
    expect(views.at(-1)!.detail).toBe(
      [
        'The image was also mirrored to Docker Hub.',
        'Fix: A partial fix or a workaround.',
        'Rotate the registry token.',
        'Offers added: Contoso Registry (contoso.registry).',
      ].join('\n\n'),
    );
    // The vector is a line of its own, so it wraps on a phone.
    expect(views.at(-1)!.vector).toEqual({
      label: 'Revised CVSS vector (base score 5.4):',
      text: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N',
    });
  });

  test("the publisher never sees an analyst's or a key's name, and reads their own actions as You", () => {
    const ru = translator('ru');
    const who = (view: { header: string }) => view.header.split(' · ')[1];
    const own = examples.map((event) => describeTicketEvent(t, 'en', 'UTC', event, 'p'));
    expect(own.map(who)).toEqual([
      'You',
      ...Array(4).fill('Support'),
      'You',
      ...Array(4).fill('Support'),
      'Security Desk',
      'You',
    ]);
    const russian = examples.map((event) => describeTicketEvent(ru, 'ru', 'UTC', event, 'p'));
    expect(russian.map(who)).toEqual([
      'Вы',
      ...Array(4).fill('Поддержка'),
      'Вы',
      ...Array(4).fill('Поддержка'),
      'Security Desk',
      'Вы',
    ]);
    expect(JSON.stringify([...own, ...russian])).not.toContain('Sam Support');
  });

  test('what people wrote is quoted, long texts shortened', () => {
    expect(views[2]!.detail).toBe('Not exploitable');
    expect(views[6]!.detail).toHaveLength(401);
    expect(views[6]!.detail!.endsWith('…')).toBe(true);
    expect(views[8]!.detail).toBe('Removed\n\nThe offer is removed temporarily.\n\nExploited\n\nPatch');
    expect(views[9]!.detail).toBe('Duplicate of SEC-2222-3333.');
  });

  test('Russian has words for every event too', () => {
    const ru = translator('ru');
    for (const event of examples) {
      expect(describeTicketEvent(ru, 'ru', 'UTC', event).what).not.toMatch(/tickets\.|cvss\./);
    }
  });
});
