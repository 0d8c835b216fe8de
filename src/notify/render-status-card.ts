import { renderTicketStatusCard } from '../cards/ticket-status-data';
import type { StatusCardRenderer } from './status-card-renderer';

/** The report dialog's status card (cards/ticket-status.json), re-rendered from the stored ticket. */
export const renderStatusCard: StatusCardRenderer = (stored, locale) =>
  renderTicketStatusCard(stored.ticket, {
    locale,
    ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
  });
