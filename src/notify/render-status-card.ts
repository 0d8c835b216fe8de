import { storedTicketFromRow } from '../backend/embedded/ticket-row-mapping';
import { renderTicketStatusCard } from '../cards/ticket-status-data';
import type { StatusCardRenderer } from './status-card-renderer';

/** The report dialog's status card (cards/ticket-status.json), re-rendered from the stored ticket. */
export const renderStatusCardFromRow: StatusCardRenderer = (row, locale) =>
  renderTicketStatusCard(storedTicketFromRow(row).ticket, {
    locale,
    ...(row.reporter_time_zone ? { timeZone: row.reporter_time_zone } : {}),
  });
