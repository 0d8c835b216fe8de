import type { Ticket } from '../ticket/ticket';
import type { DraftFormat } from './draft-request';

/**
 * The formats a ticket can be drafted in. The GDPR Art. 33 outline only for an incident whose report
 * says personal data is involved: "unknown" is not enough to put a breach notification in front of
 * the publisher, and a vulnerability is not a breach.
 */
export function formatsFor(ticket: Pick<Ticket, 'category' | 'report'>): DraftFormat[] {
  const formats: DraftFormat[] = ['email', 'short', 'csaf'];
  if (ticket.category === 'incident' && ticket.report.incident?.personalData === 'yes') formats.push('gdpr');
  return formats;
}
