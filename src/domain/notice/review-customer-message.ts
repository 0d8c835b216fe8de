import type { TicketReport } from '../ticket/ticket';

export type NoticeFindingKey =
  | 'notice.finding.secret'
  | 'notice.finding.ipAddress'
  | 'notice.finding.missingOffer'
  | 'notice.finding.missingCve'
  | 'notice.finding.tooShort'
  | 'notice.finding.placeholder';

export interface NoticeFinding {
  readonly key: NoticeFindingKey;
  readonly params?: Readonly<Record<string, string>>;
}

// Shapes of credentials that must never reach customers: key=value secrets, PEM blocks, bearer tokens,
// connection strings with a password, AWS/Azure-style long random keys.
const SECRET_PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?key|client[_-]?secret)\s*[:=]\s*\S{6,}/i,
  /\bBearer\s+[A-Za-z0-9\-_]{20,}\.[A-Za-z0-9\-_]{10,}/,
  /\bAccountKey=[A-Za-z0-9+/=]{20,}/i,
  /\bAKIA[0-9A-Z]{16}\b/,
];
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/;

/**
 * What support would point out in a notice the publisher wrote: a credential or an internal address
 * pasted by mistake, an offer or CVE the customers could not match to what they run, a notice too short
 * to tell anyone what to do. Advice, not a gate: the publisher may send it anyway.
 */
export function reviewCustomerMessage(
  message: string,
  report: Pick<TicketReport, 'offers' | 'vulnerability'>,
): NoticeFinding[] {
  const findings: NoticeFinding[] = [];
  const lower = message.toLowerCase();
  if (SECRET_PATTERNS.some((pattern) => pattern.test(message)))
    findings.push({ key: 'notice.finding.secret' });
  const ip = IPV4.exec(message);
  if (ip) findings.push({ key: 'notice.finding.ipAddress', params: { address: ip[0] } });
  const unnamed = report.offers.filter(
    (o) => !lower.includes(o.name.toLowerCase()) && !lower.includes(o.offerId.toLowerCase()),
  );
  if (unnamed.length > 0) {
    findings.push({
      key: 'notice.finding.missingOffer',
      params: { offers: unnamed.map((o) => o.name).join(', ') },
    });
  }
  const missingCves = (report.vulnerability?.cveIds ?? []).filter(
    (id) => !message.toUpperCase().includes(id),
  );
  if (missingCves.length > 0)
    findings.push({ key: 'notice.finding.missingCve', params: { ids: missingCves.join(', ') } });
  if (message.trim().length < 80) findings.push({ key: 'notice.finding.tooShort' });
  // The drafted notice marks what only the publisher can write in [brackets]: every one left is named.
  const placeholders = [...new Set(message.match(/\[[^\]\n]{3,}\]/g) ?? [])];
  if (placeholders.length > 0) {
    findings.push({ key: 'notice.finding.placeholder', params: { text: placeholders.join('; ') } });
  }
  return findings;
}
