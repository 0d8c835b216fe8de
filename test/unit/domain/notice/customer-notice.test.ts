import { reviewCustomerMessage } from '../../../../src/domain/notice';
import type { TicketReport } from '../../../../src/domain/ticket';

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

test('every placeholder left in [brackets] is named, each once, in reading order', () => {
  const text =
    'Contoso WAF before 2.4.1 is affected by CVE-2026-12345. [What the issue could allow, in plain words] ' +
    'Contact [Contact for questions] or [Contact for questions] at [Publisher name]. [x]';
  expect(reviewCustomerMessage(text, vulnerability)).toEqual([
    {
      key: 'notice.finding.placeholder',
      params: {
        text: '[What the issue could allow, in plain words]; [Contact for questions]; [Publisher name]',
      },
    },
  ]);
});
