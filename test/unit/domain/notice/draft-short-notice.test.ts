import { draftCommunication, shortNoticeLimit, type DraftRequest } from '../../../../src/domain/notice';
import type { Ticket } from '../../../../src/domain/ticket';
import { draftedAt, ticketWith } from './draft-fixtures';

function short(ticket: Ticket, options: Partial<DraftRequest> = {}) {
  return draftCommunication({
    format: 'short',
    language: 'en',
    tone: 'formal',
    ticket,
    now: draftedAt,
    ...options,
  });
}
const length = (text: string) => [...text].length;

describe('the short notice for a status page or a Teams or Slack post', () => {
  test('says in a few sentences what, where, how bad, whether exploited, what to do, and the reference', () => {
    expect(short(ticketWith('vulnerability', 'full')).body).toBe(
      'Security advisory for Contoso WAF and Contoso WAF Pro: SQL injection in the admin console. ' +
        'Affected: All customers on versions 2.0 to 2.4.0. Tracked as CVE-2026-12345. Severity: High. ' +
        'There is no evidence of exploitation. A fix is available: Upgrade to 2.4.1. Restart the gateway. ' +
        'Reference: SEC-7K3M-9QXD.',
    );
  });

  test('in plain Russian', () => {
    expect(
      short(ticketWith('vulnerability', 'none', { acknowledged: false }), { language: 'ru', tone: 'plain' })
        .body,
    ).toBe(
      'SQL injection in the admin console: уязвимость в Contoso WAF и Contoso WAF Pro. ' +
        'Кого касается: All customers on versions 2.0 to 2.4.0. CVE: CVE-2026-12345. ' +
        'Уровень серьёзности: критический, наша оценка (CVSS 3.1: 9,8). Атак пока не замечено. ' +
        'Исправления пока нет. Ждём его к 1 июля 2026 г. Номер обращения: SEC-7K3M-9QXD.',
    );
  });

  test('points to the full advisory for steps too long to fit, and lists that link as a placeholder', () => {
    const steps = `${'Rotate every key, then redeploy. '.repeat(60)}Done.`;
    const drafted = short(
      ticketWith('vulnerability', 'full', { report: { fix: { kind: 'full', remediationSteps: steps } } }),
    );
    expect(length(drafted.body)).toBeLessThanOrEqual(shortNoticeLimit);
    expect(drafted.body).toContain(
      'A fix is available. The steps are in our full advisory: [Link to the full advisory].',
    );
    expect(drafted.body).not.toContain('Rotate');
    expect(drafted.placeholders).toEqual(['[Link to the full advisory]']);
  });

  test('cuts long typed facts down, visibly, before it gives up the limit, never the steps', () => {
    const offers = Array.from({ length: 10 }, (_, i) => ({
      name: `Offer ${i} ${'x'.repeat(180)}`,
      offerId: `contoso.o${i}`,
    }));
    const drafted = short(
      ticketWith('incident', 'full', {
        report: { title: 'T'.repeat(150), offers, affected: 'a'.repeat(500) },
      }),
    );
    expect(length(drafted.body)).toBeLessThanOrEqual(shortNoticeLimit);
    expect(drafted.body).toContain('… and 9 more');
    expect(drafted.body).toContain('A fix is available: Upgrade to 2.4.1. Restart the gateway.');
    expect(drafted.body).toContain('Reference: SEC-7K3M-9QXD.');
  });

  test('shows a placeholder for a severity nobody has given yet', () => {
    const drafted = short(ticketWith('incident', 'none', { acknowledged: false }));
    expect(drafted.body).toContain('Severity: [Severity].');
    expect(drafted.placeholders).toEqual(['[Severity]']);
  });

  test('leaves the steps out, and no pointer to them, when there are none', () => {
    const drafted = short(ticketWith('vulnerability', 'none, no fix planned'));
    expect(drafted.body).toContain(
      'No fix is planned. The affected offers have been permanently removed from Azure Marketplace.',
    );
    expect(drafted.body).not.toMatch(/steps|advisory:/);
  });
});
