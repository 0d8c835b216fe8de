import type { AdaptiveCard } from '../cards/render-card';
import type { Locale } from '../i18n/locale';
import type { StoredTicket } from '../tickets';

/**
 * Renders a ticket's status card as it is now: the same card the publisher got at submission (owned by
 * the report dialog), so updating it in place shows the current state.
 */
export type StatusCardRenderer = (stored: StoredTicket, locale: Locale) => AdaptiveCard;
