import { draftCommunication, type DraftRequest } from '../../../../src/domain/notice';
import type { Outcome, Ticket } from '../../../../src/domain/ticket';
import { analyst, deepFreeze, publisher } from '../ticket/ticket-fixtures';
import { draftedAt, ticketWith, withCommands } from './draft-fixtures';

function email(ticket: Ticket, options: Partial<DraftRequest> = {}) {
  return draftCommunication({
    format: 'email',
    language: 'en',
    tone: 'formal',
    ticket,
    now: draftedAt,
    ...options,
  });
}

describe('the customer email', () => {
  test('states the facts of a vulnerability report, in English', () => {
    const drafted = email(ticketWith('vulnerability', 'full'), { publisher: { name: 'Contoso Ltd' } });
    expect(drafted.subject).toBe('Security advisory: SQL injection in the admin console');
    expect(drafted.body).toContain(
      'a security vulnerability affecting Contoso WAF and Contoso WAF Pro, which we identified on June 9, 2026.',
    );
    expect(drafted.body).toContain(
      'Affected versions and customers: All customers on versions 2.0 to 2.4.0.',
    );
    expect(drafted.body).toContain('The vulnerability is tracked as CVE-2026-12345.');
    expect(drafted.body).toContain(
      'Its severity is rated High. The CVSS 3.1 base score is 9.8 (vector CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H).',
    );
    expect(drafted.body).toContain('We have no evidence that this issue has been exploited.');
    expect(drafted.body).toContain(
      'To protect your deployment, please take the following steps:\nUpgrade to 2.4.1.\nRestart the gateway.',
    );
    expect(drafted.body).toContain('under reference SEC-7K3M-9QXD.');
    expect(drafted.body).toMatch(/Kind regards,\nContoso Ltd$/);
    expect(drafted.placeholders).toEqual([
      '[What the issue could allow, in plain words]',
      '[Contact for questions]',
    ]);
  });

  test("keeps the publisher's description, written for support and an attacker's help, out of it", () => {
    for (const language of ['en', 'ru'] as const) {
      expect(email(ticketWith('vulnerability', 'full'), { language }).body).not.toContain('OR 1=1');
    }
  });

  test('states the facts of an incident, in Russian, addressing customers formally', () => {
    const drafted = email(ticketWith('incident', 'none'), { language: 'ru' });
    expect(drafted.subject).toBe('Уведомление об инциденте безопасности: Leaked storage key');
    expect(drafted.body).toMatch(/^Уважаемые клиенты!/);
    expect(drafted.body).toContain(
      'Инцидент начался 8 июня 2026 г.; нам стало известно о нём 9 июня 2026 г.\n',
    );
    expect(drafted.body).toContain(
      'Затронутые данные или системы: Customer backup blobs with names and email addresses',
    );
    expect(drafted.body).toContain('Инцидент затрагивает персональные данные. Инцидент локализован.');
    expect(drafted.body).toContain('Уровень серьёзности: высокий.');
    expect(drafted.body).toContain(
      'мы планируем выпустить его к 1 июля 2026 г. До его выхода: [Временные меры для клиентов].',
    );
    expect(drafted.body).toContain('Приносим извинения');
  });

  test("before support has assessed it, gives the CVSS rating as the publisher's own assessment", () => {
    const drafted = email(ticketWith('vulnerability', 'full', { acknowledged: false }));
    expect(drafted.body).toContain(
      'Based on our own assessment, its severity is Critical (CVSS 3.1 base score 9.8, vector CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H).',
    );
    const ru = email(ticketWith('vulnerability', 'full', { acknowledged: false }), { language: 'ru' });
    expect(ru.body).toContain(
      'По нашей собственной оценке, уровень серьёзности — критический (базовая оценка CVSS 3.1: 9,8',
    );
  });

  test('leaves severity a placeholder when neither support nor a CVSS vector gives one', () => {
    const drafted = email(ticketWith('incident', 'full', { acknowledged: false }));
    expect(drafted.body).toContain('Its severity is [Severity].');
    expect(drafted.placeholders).toContain('[Severity]');
  });

  test('uses what the publisher added since: the new fix, the new CVSS vector, another offer', () => {
    const ticket = withCommands(ticketWith('vulnerability', 'none'), [
      {
        type: 'add_information',
        fix: { kind: 'full', remediationSteps: 'Install hotfix 2.4.2.' },
        cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
        offers: [{ name: 'Contoso Edge', offerId: 'contoso.edge' }],
      },
      publisher,
    ]);
    const drafted = email(ticket);
    expect(drafted.body).toContain('Contoso WAF, Contoso WAF Pro, and Contoso Edge');
    expect(drafted.body).toContain('please take the following steps:\nInstall hotfix 2.4.2.');
    expect(drafted.body).toContain(
      'The CVSS 3.1 base score is 5.9 (vector CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N).',
    );
    expect(drafted.body).not.toContain('not yet available');
  });

  test('urges the steps without delay only when the issue is exploited and there are steps', () => {
    const exploited = { report: { knownExploited: 'yes' as const } };
    expect(email(ticketWith('vulnerability', 'full', exploited)).body).toContain(
      'As the issue is being actively exploited, please take the following steps without delay:',
    );
    const noFix = email(ticketWith('vulnerability', 'none', exploited)).body;
    expect(noFix).toContain('We are aware that this issue is being actively exploited.');
    expect(noFix).not.toMatch(/steps|without delay/);
  });

  test('says when no fix will come, and why', () => {
    const drafted = email(ticketWith('vulnerability', 'none, no fix planned'));
    expect(drafted.body).toContain(
      'No fix is planned for this issue. What you can do: [Measures customers can take].',
    );
    expect(drafted.body).toContain(
      "Following Microsoft's review of our report (reference SEC-7K3M-9QXD), the affected offers have been permanently removed from Azure Marketplace.",
    );
  });

  test('asks for the expected fix date when the report gives none and a fix may still come', () => {
    const drafted = email(ticketWith('vulnerability', 'none, no fix planned', { acknowledged: false }));
    expect(drafted.body).toContain('we expect to release one by [Expected fix date].');
    expect(drafted.placeholders).toContain('[Expected fix date]');
  });

  const outcomes: [Outcome, string, string][] = [
    [
      { kind: 'mitigated', summary: 'Verified.' },
      'Microsoft has reviewed our report (reference SEC-7K3M-9QXD) and considers the issue mitigated.',
      'Компания Microsoft рассмотрела наше обращение (номер SEC-7K3M-9QXD) и считает проблему устранённой.',
    ],
    [
      { kind: 'change_requested', summary: 'Patch it.', whatMustChange: 'Ship 2.4.1.', dueBy: '2026-06-30' },
      'Microsoft has reviewed our report (reference SEC-7K3M-9QXD) and asked us to change the affected offers by June 30, 2026.',
      'Компания Microsoft рассмотрела наше обращение (номер SEC-7K3M-9QXD) и попросила нас изменить затронутые предложения до 30 июня 2026 г.',
    ],
    [
      { kind: 'offer_removed', summary: 'Removed.', removal: 'temporary', reason: 'Unpatched.' },
      "Following Microsoft's review of our report (reference SEC-7K3M-9QXD), the affected offers have been temporarily removed from Azure Marketplace.",
      'По итогам рассмотрения нашего обращения (номер SEC-7K3M-9QXD) компанией Microsoft затронутые предложения временно удалены из Azure Marketplace.',
    ],
    [
      { kind: 'no_action_needed', summary: 'Not exploitable.' },
      'Microsoft has reviewed our report (reference SEC-7K3M-9QXD) and concluded that no further action is needed.',
      'Компания Microsoft рассмотрела наше обращение (номер SEC-7K3M-9QXD) и пришла к выводу, что дальнейших действий не требуется.',
    ],
  ];
  test.each(outcomes.map(([outcome, en, ru]) => ({ kind: outcome.kind, outcome, en, ru })))(
    "tells customers support's outcome $kind, never its internal summary",
    ({ outcome, en, ru }) => {
      const ticket = withCommands(ticketWith('vulnerability', 'full'), [
        { type: 'set_outcome', outcome },
        analyst,
      ]);
      expect(email(ticket).body).toContain(en);
      expect(email(ticket, { language: 'ru' }).body).toContain(ru);
      expect(email(ticket).body).not.toContain(outcome.summary);
    },
  );

  test("uses the publisher's own message for customers as they wrote it, inventing none", () => {
    const message = 'We are sorry. Our team has rotated every key and will email each affected customer.';
    const drafted = email(ticketWith('incident', 'full', { report: { customerMessage: message } }));
    expect(drafted.body).toContain(`\n\n${message}\n\n`);
    expect(email(ticketWith('incident', 'full')).body).not.toContain('sorry');
  });

  test('writes a placeholder for every fact the report lacks, and lists it', () => {
    const ticket = ticketWith('incident', 'full', {
      report: {
        discoveredOn: undefined,
        affected: undefined,
        incident: { dataOrSystems: 'Logs', ongoing: 'unknown' },
      },
    });
    for (const [language, expected] of [
      ['en', ['[Start date]', '[Date of discovery]', '[Affected versions and customers]']],
      ['ru', ['[Дата начала]', '[Дата обнаружения]', '[Затронутые версии и клиенты]']],
    ] as const) {
      const drafted = email(ticket, { language });
      for (const placeholder of expected) {
        expect(drafted.body).toContain(placeholder);
        expect(drafted.placeholders).toContain(placeholder);
      }
    }
  });

  test('does not change the ticket it drafts from', () => {
    const ticket = deepFreeze(ticketWith('vulnerability', 'partial'));
    expect(() => email(ticket)).not.toThrow();
  });
});
