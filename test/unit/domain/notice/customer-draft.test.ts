import {
  canonicalBasis,
  draftBasis,
  draftDocument,
  draftStaleness,
  readDraftText,
  type CustomerDraft,
} from '../../../../src/domain/notice';
import { analyst, publisher } from '../ticket/ticket-fixtures';
import { ticketWith, withCommands } from './draft-fixtures';

function draftOf(
  ticket: ReturnType<typeof ticketWith>,
  format: CustomerDraft['format'] = 'email',
): CustomerDraft {
  return {
    id: '1a2b3c4d-0000-4000-8000-000000000001',
    format,
    language: 'en',
    tone: 'formal',
    version: 2,
    origin: 'drafted',
    status: 'private',
    subject: 'Security advisory',
    body: 'Dear customer,',
    placeholders: [],
    madeFromVersion: ticket.version,
    basis: draftBasis(ticket, format),
    createdAt: '2026-11-24T10:00:00.000Z',
    createdBy: publisher,
  };
}

describe('whether a customer draft is out of date', () => {
  test('a question or a message from support leaves every draft current', () => {
    const ticket = ticketWith('vulnerability', 'full');
    const asked = withCommands(ticket, [{ type: 'ask_question', question: 'Which builds?' }, analyst]);
    expect(asked.version).toBeGreaterThan(ticket.version);
    expect(draftStaleness(draftOf(ticket), asked)).toEqual({ stale: false, changed: [] });
    expect(canonicalBasis(draftBasis(asked, 'email'))).toBe(canonicalBasis(draftBasis(ticket, 'email')));
  });

  test('a new severity makes an email stale and says so', () => {
    const ticket = ticketWith('vulnerability', 'full');
    const changed = withCommands(ticket, [{ type: 'change_severity', severity: 'Critical' }, analyst]);
    expect(draftStaleness(draftOf(ticket), changed)).toEqual({ stale: true, changed: ['severity'] });
  });

  test("a revised CVSS vector changes the rating and, without support's severity, the severity too", () => {
    const ticket = ticketWith('vulnerability', 'full', { acknowledged: false });
    const revised = withCommands(ticket, [
      { type: 'add_information', cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N' },
      publisher,
    ]);
    const staleness = draftStaleness(draftOf(ticket), revised);
    expect(staleness.stale).toBe(true);
    expect(staleness.changed).toEqual(['severity', 'cvss']);
  });

  test('acknowledgement moves a CSAF document from draft to interim status, not an email', () => {
    const ticket = ticketWith('vulnerability', 'full', { acknowledged: false });
    const acknowledged = withCommands(ticket, [
      { type: 'acknowledge', priority: 'P2', severity: 'High' },
      analyst,
    ]);
    expect(draftStaleness(draftOf(ticket, 'csaf'), acknowledged).changed).toEqual(['severity', 'status']);
    expect(draftStaleness(draftOf(ticket, 'email'), acknowledged).changed).toEqual(['severity']);
  });

  test('an outcome makes every draft stale', () => {
    const ticket = ticketWith('vulnerability', 'full');
    const decided = withCommands(ticket, [
      { type: 'set_outcome', outcome: { kind: 'mitigated', summary: 'Fixed in 2.4.1.' } },
      analyst,
    ]);
    expect(draftStaleness(draftOf(ticket), decided).changed).toContain('outcome');
  });
});

describe('a draft’s text as a person typed it', () => {
  test('invisible characters go, nothing is cut, over-long text is refused with its length', () => {
    const ok = readDraftText('email', { subject: ' Advisory\u202e ', body: 'Hello\u200b world\r\n' });
    expect(ok).toEqual({ ok: true, subject: 'Advisory', body: 'Hello world' });
    const long = readDraftText('email', { subject: 'S', body: 'x'.repeat(8001) });
    expect(long).toEqual({
      ok: false,
      errors: [{ key: 'ticket.field.tooLong', field: 'body', max: 8000, length: 8001 }],
    });
    expect(readDraftText('short', { body: 'Short notice.' })).toEqual({ ok: true, body: 'Short notice.' });
  });

  test('wrong shapes and missing parts are field errors, CSAF is never edited', () => {
    expect(readDraftText('email', { subject: 42, body: { evil: true } })).toMatchObject({
      ok: false,
      errors: [
        { key: 'ticket.field.invalid', field: 'body' },
        { key: 'ticket.field.invalid', field: 'subject' },
      ],
    });
    expect(readDraftText('email', { body: 'Only a body' })).toMatchObject({
      ok: false,
      errors: [{ key: 'ticket.field.required', field: 'subject' }],
    });
    expect(readDraftText('csaf', { body: '{}' })).toMatchObject({ ok: false });
  });
});

describe('a draft as a file', () => {
  test('CSAF is JSON named for the ticket, format, language and version; text carries its subject', () => {
    const ticket = ticketWith('vulnerability', 'full');
    const csaf = draftDocument({ ...draftOf(ticket, 'csaf'), body: '{"a":1}' }, 'SEC-7K3M-9QXD');
    expect(csaf).toMatchObject({ fileName: 'SEC-7K3M-9QXD-csaf-en-v2.json', mediaType: 'application/json' });
    expect(csaf.content.toString()).toBe('{"a":1}\n');
    const email = draftDocument(draftOf(ticket), 'SEC-7K3M-9QXD"; x=y');
    expect(email.fileName).toBe('SEC-7K3M-9QXDxy-email-en-v2.txt');
    expect(email.content.toString()).toBe('Security advisory\n\nDear customer,\n');
  });
});
