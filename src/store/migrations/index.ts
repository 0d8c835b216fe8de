import { foundation } from './001-foundation';
import { tickets } from './002-tickets';
import { ticketLifecycle } from './003-ticket-lifecycle';
import { notifyDelivery } from './004-notify-delivery';
import { supportChannels } from './005-support-channels';
import { botStateSweepIndex } from './006-bot-state-sweep-index';
import { ticketScaleIndexes } from './007-ticket-scale-indexes';
import { notifySendLog } from './008-notify-send-log';
import { correspondence } from './009-correspondence';
import { lookupLimits } from './010-lookup-limits';
import { customerDrafts } from './011-customer-drafts';
import { evidenceFiles } from './012-evidence-files';
import { breachClock } from './013-breach-clock';
import { notifyTakeSlot } from './014-notify-take-slot';
import { notifyTakeSlots } from './015-notify-take-slots';
import { supportCardsDue } from './016-support-cards-due';
import type { StoreMigration } from './store-migration';

export type { StoreMigration } from './store-migration';

/**
 * Every schema change. The migrator runs them in name order, so names start with a zero-padded number.
 * Names are permanent once released: the migrator records them and refuses to start if an applied one
 * disappears. Add new ones at the end.
 */
export const migrations: Readonly<Record<string, StoreMigration>> = Object.freeze({
  '001-foundation': foundation,
  '002-tickets': tickets,
  '003-ticket-lifecycle': ticketLifecycle,
  '004-notify-delivery': notifyDelivery,
  '005-support-channels': supportChannels,
  '006-bot-state-sweep-index': botStateSweepIndex,
  '007-ticket-scale-indexes': ticketScaleIndexes,
  '008-notify-send-log': notifySendLog,
  '009-correspondence': correspondence,
  '010-lookup-limits': lookupLimits,
  '011-customer-drafts': customerDrafts,
  '012-evidence-files': evidenceFiles,
  '013-breach-clock': breachClock,
  '014-notify-take-slot': notifyTakeSlot,
  '015-notify-take-slots': notifyTakeSlots,
  '016-support-cards-due': supportCardsDue,
});
