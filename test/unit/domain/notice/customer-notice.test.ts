import { draftCustomerNotice, renderNotice, reviewCustomerMessage } from '../../../../src/domain/notice';
import type { TicketReport } from '../../../../src/domain/ticket';
import { translator } from '../../../../src/i18n/translate';

const vulnerability: TicketReport = {
  title: 'Path traversal in the file export API',
  offers: [{ name: 'Contoso WAF', offerId: 'contoso.contoso-waf' }],
  description: 'GET /export?path=../../etc/shadow returns the file. Exploit: curl ...',
  discoveredOn: '2026-11-20',
  knownExploited: 'no',
  vulnerability: {
    cveIds: ['CVE-2026-12345'],
    cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', baseScore: 7.5 },
  },
  fix: { kind: 'full', remediationSteps: 'Upgrade to 2.4.1 and restart the gateway.' },
};

const incident: TicketReport = {
  title: 'Leaked storage key',
  offers: [
    { name: 'Fabrikam Backup', offerId: 'fabrikam.backup' },
    { name: 'Fabrikam Vault', offerId: 'fabrikam.vault' },
  ],
  description: 'A storage account key was committed to a public repository.',
  knownExploited: 'unknown',
  incident: { dataOrSystems: 'Backup metadata of 40 customers', ongoing: 'yes' },
  fix: { kind: 'none', expectedOn: '2026-12-01' },
};

describe('the customer notice the bot drafts', () => {
  test('a vulnerability notice names the offer, the CVE, the severity and the fix, in English', () => {
    const text = renderNotice(
      draftCustomerNotice({ category: 'vulnerability', report: vulnerability, rating: 'High' }),
      translator('en'),
    );
    expect(text.split('\n\n')[0]).toBe('Security advisory: Path traversal in the file export API');
    expect(text).toContain('On 2026-11-20 we identified a security vulnerability affecting Contoso WAF.');
    expect(text).toContain('This issue is tracked as CVE-2026-12345.');
    expect(text).toContain('Its severity is High (CVSS 3.1 base score 7.5).');
    expect(text).toContain('We have no evidence that this issue has been exploited.');
    expect(text).toContain(
      'A fix is available. To protect your deployment:\nUpgrade to 2.4.1 and restart the gateway.',
    );
    expect(text).toContain('[your support contact]');
  });

  test("the publisher's description, with its exploit details, never goes into the notice", () => {
    for (const locale of ['en', 'ru'] as const) {
      const text = renderNotice(
        draftCustomerNotice({ category: 'vulnerability', report: vulnerability, rating: 'High' }),
        translator(locale),
      );
      expect(text).not.toContain('/etc/shadow');
    }
  });

  test('an ongoing incident without a fix says so and gives the expected date, in Russian', () => {
    const text = renderNotice(
      draftCustomerNotice({ category: 'incident', report: incident }),
      translator('ru'),
    );
    expect(text.split('\n\n')[0]).toBe('Уведомление об инциденте безопасности: Leaked storage key');
    expect(text).toContain(
      'Сообщаем вам об инциденте безопасности, затрагивающем Fabrikam Backup, Fabrikam Vault.',
    );
    expect(text).toContain('Затронутые данные или системы: Backup metadata of 40 customers');
    expect(text).toContain('Расследование продолжается');
    expect(text).toContain('Мы выясняем, эксплуатировалась ли проблема.');
    expect(text).toContain('мы планируем выпустить его к 2026-12-01');
    expect(text).not.toMatch(/\{\w+\}/);
  });

  test('no severity line without a CVSS vector, and none for a None rating', () => {
    const noVector = { ...vulnerability, vulnerability: { cveIds: ['CVE-2026-12345'] } };
    const text = renderNotice(
      draftCustomerNotice({ category: 'vulnerability', report: noVector }),
      translator('en'),
    );
    expect(text).not.toContain('Its severity is');
    const none = renderNotice(
      draftCustomerNotice({ category: 'vulnerability', report: vulnerability, rating: 'None' }),
      translator('en'),
    );
    expect(none).not.toContain('Its severity is');
  });
});

describe('advice on a notice the publisher wrote', () => {
  const good =
    'Contoso WAF versions before 2.4.1 are affected by CVE-2026-12345. Upgrade to 2.4.1 and restart the gateway to stay protected.';

  test('a complete notice gets no findings', () => {
    expect(reviewCustomerMessage(good, vulnerability)).toEqual([]);
  });

  test('a pasted secret, an IP address, a missing offer and CVE and a terse text are each pointed out', () => {
    expect(reviewCustomerMessage('Patch now. password=hunter2hunter2 at 10.0.3.7', vulnerability)).toEqual([
      { key: 'notice.finding.secret' },
      { key: 'notice.finding.ipAddress', params: { address: '10.0.3.7' } },
      { key: 'notice.finding.missingOffer', params: { offers: 'Contoso WAF' } },
      { key: 'notice.finding.missingCve', params: { ids: 'CVE-2026-12345' } },
      { key: 'notice.finding.tooShort' },
    ]);
  });

  test('a private key block is recognised as a secret', () => {
    const findings = reviewCustomerMessage(
      `${good}\n-----BEGIN RSA PRIVATE KEY-----\nMIIE...`,
      vulnerability,
    );
    expect(findings).toEqual([{ key: 'notice.finding.secret' }]);
  });
});

test('a drafted notice sent without filling its [brackets] is pointed out', () => {
  const text = renderNotice(
    draftCustomerNotice({ category: 'vulnerability', report: vulnerability, rating: 'High' }),
    translator('en'),
  );
  expect(reviewCustomerMessage(text, vulnerability)).toEqual([
    {
      key: 'notice.finding.placeholder',
      params: {
        text: '[Describe in plain words what the issue could allow and which deployments or versions are affected.]',
      },
    },
  ]);
});
