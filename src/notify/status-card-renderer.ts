import type { AdaptiveCard } from '../cards/render-card';
import type { Locale } from '../i18n/locale';
import type { TicketRow } from '../store/tables';

/**
 * Renders a ticket's status card from its stored row, as it is now: the same card the publisher got at
 * submission (owned by the report dialog), so updating it in place shows the current state.
 */
export type StatusCardRenderer = (ticket: TicketRow, locale: Locale) => AdaptiveCard;
