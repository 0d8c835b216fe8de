import { CardFactory, MessageFactory } from 'botbuilder';
import { renderPublisherWroteCard } from '../../../src/bot/support-channel/render-publisher-wrote-card';
import { renderTriageCard } from '../../../src/bot/support-channel/render-triage-card';
import { MAX_REFRESH_USERS } from '../../../src/bot/support-channel/triage-viewers';
import type { AdaptiveCard } from '../../../src/cards/render-card';
import { renderTicketStatusCard } from '../../../src/cards/ticket-status-data';
import { timelineCard, timelinePageCard } from '../../../src/cards/ticket-timeline-card';
import {
  maxCveIdsPerReport,
  maxOffersPerReport,
  textLimits,
  type Actor,
  type Ticket,
  type TicketEvent,
} from '../../../src/domain/ticket';
import { LOCALES, type Locale } from '../../../src/i18n/locale';
import { translator } from '../../../src/i18n/translate';
import { buildNotification, notifiesPublisher } from '../../../src/notify/build-notification';
import type { HistoryEntry, TicketRecord } from '../../../src/tickets';
import { expectTeamsCard } from '../../support/teams-card-checks';

/** Teams refuses a bot message over 28 KB: the card, its attachment wrapper and the activity around it. */
const TEAMS_MESSAGE_LIMIT = 28 * 1024;

/** Cyrillic: two bytes a letter in UTF-8, the worst case a publisher can type within the limits. */
const longest = (field: keyof typeof textLimits) => 'щ'.repeat(textLimits[field]);
const publisher: Actor = { kind: 'publisher', id: 'a'.repeat(36), name: 'я'.repeat(textLimits.actorName) };
const support: Actor = { kind: 'support', id: 'b'.repeat(36), name: 'ю'.repeat(textLimits.actorName) };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();

/** Ten offers, every field at its limit, a revised CVSS vector, additions, an open question. */
const largestTicket: Ticket = {
  confirmationNumber: 'SEC-7K3M-9QXD',
  tenantId: 't'.repeat(textLimits.tenantId),
  reporter: publisher,
  category: 'vulnerability',
  report: {
    title: longest('title'),
    offers: [...Array(maxOffersPerReport).keys()].map((i) => ({
      name: longest('offerName'),
      offerId: `p${i}.${'o'.repeat(textLimits.offerId - 3)}`,
    })),
    description: longest('description'),
    discoveredOn: '2026-11-20',
    knownExploited: 'yes',
    affected: longest('affected'),
    vulnerability: {
      cveIds: [...Array(maxCveIdsPerReport).keys()].map((i) => `CVE-2026-${String(100000 + i)}`),
      cvss: {
        version: '4.0',
        vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H',
        baseScore: 10,
      },
    },
    fix: { kind: 'partial', remediationSteps: longest('remediationSteps') },
    customerMessage: longest('customerMessage'),
  },
  state: 'awaiting_publisher',
  priority: 'P1',
  severity: 'Critical',
  openQuestions: [{ question: longest('question'), askedAt: at(50), askedBy: support }],
  additions: [
    { at: at(20), by: publisher, detail: longest('message') },
    {
      at: at(21),
      by: publisher,
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', baseScore: 10 },
      fix: { kind: 'full', remediationSteps: longest('remediationSteps') },
    },
  ],
  submittedAt: at(0),
  ackDueAt: at(30),
  acknowledgedAt: at(10),
  updatedAt: at(50),
  version: 60,
};

/** A long history: two hundred messages and answers at their limits, with every other kind of event. */
function longTimeline(): HistoryEntry[] {
  const events: TicketEvent[] = [
    {
      type: 'submitted',
      actor: publisher,
      at: at(0),
      data: {
        confirmationNumber: largestTicket.confirmationNumber,
        category: 'vulnerability',
        title: longest('title'),
        ackDueAt: at(30),
      },
    },
    {
      type: 'acknowledged',
      actor: support,
      at: at(10),
      data: { priority: 'P1', severity: 'Critical', late: false },
    },
  ];
  for (let i = 0; i < 200; i++) {
    events.push(
      i % 2 === 0
        ? { type: 'message_posted', actor: support, at: at(11 + i), data: { message: longest('message') } }
        : { type: 'message_posted', actor: publisher, at: at(11 + i), data: { message: longest('message') } },
    );
  }
  events.push(
    {
      type: 'priority_changed',
      actor: support,
      at: at(40),
      data: { from: 'P2', to: 'P1', reason: longest('changeReason') },
    },
    { type: 'question_asked', actor: support, at: at(50), data: { question: longest('question') } },
  );
  return events.map((event, i) => ({ id: `event-${i}`, seq: i + 1, event }));
}

const history = longTimeline();
const record: TicketRecord = { ticket: largestTicket, delivery: 'local', timeZone: 'America/Los_Angeles' };
/** The most people a triage card lists for refresh, with Teams ids as long as Teams makes them. */
const viewers = [...Array(MAX_REFRESH_USERS).keys()].map(
  (i) => `29:1${String(i).padStart(3, '0')}${'x'.repeat(80)}`,
);

/** The activity the bot sends: the card as an attachment, addressed as a Teams conversation reference. */
function messageBytes(card: AdaptiveCard, summary?: string): number {
  const activity = {
    ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
    ...(summary ? { summary } : {}),
    id: '1732443600000',
    replyToId: '1732443500000',
    from: { id: `28:${'b'.repeat(36)}`, name: 'Security Desk' },
    recipient: { id: `29:${'u'.repeat(120)}`, name: publisher.name, aadObjectId: publisher.id },
    conversation: {
      id: `19:${'c'.repeat(32)}@thread.tacv2;messageid=1732443500000`,
      conversationType: 'channel',
      tenantId: largestTicket.tenantId,
      isGroup: true,
    },
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    locale: 'ru-RU',
  };
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

const readers = (locale: Locale) => ({
  t: translator(locale),
  locale,
  zone: 'America/Los_Angeles',
  viewerId: publisher.id,
});

describe.each(LOCALES)(
  'the largest realistic ticket (%s) stays under Teams’ 28 KB message limit',
  (locale) => {
    test('the support channel’s triage card, with the whole refresh list', () => {
      const card = renderTriageCard(
        {
          ticket: largestTicket,
          version: largestTicket.version,
          suggestedSeverity: 'Critical',
          overdue: false,
        },
        { locale, timeZone: 'America/Los_Angeles', history, viewers },
      );
      expectTeamsCard(card);
      expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(MAX_REFRESH_USERS);
      expect(messageBytes(card, largestTicket.confirmationNumber)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
    });

    test('the thread reply telling support what the publisher wrote, after a burst of long messages', () => {
      const entries = [...Array(12).keys()].map((i) => ({
        label: `Message ${i + 1}`,
        lines: [{ text: longest('message') }],
      }));
      const card = renderPublisherWroteCard(locale, largestTicket.confirmationNumber, entries);
      expectTeamsCard(card);
      expect(messageBytes(card, largestTicket.confirmationNumber)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      // The latest is shown; how many more there are is said.
      expect(JSON.stringify(card)).toContain('Message 12');
      expect(JSON.stringify(card)).toMatch(
        locale === 'en' ? /\d+ earlier entries are not shown/ : /более ранн/,
      );
    });

    test('the publisher’s status card', () => {
      const card = renderTicketStatusCard(largestTicket, { locale, timeZone: 'America/Los_Angeles' });
      expectTeamsCard(card);
      expect(messageBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
    });

    test('the timeline pages instead of growing: every page fits, and the pages hold every event once', () => {
      const first = timelineCard(readers(locale), record, history);
      expectTeamsCard(first);
      expect(messageBytes(first)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      const shown = new Set<number>();
      let before = earliestSeqOn(first);
      let pages = 1;
      while (before !== undefined) {
        const page = timelinePageCard(readers(locale), record, history, before);
        expectTeamsCard(page);
        expect(messageBytes(page)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
        const next = earliestSeqOn(page);
        expect(next === undefined || next < before).toBe(true);
        shown.add(before);
        before = next;
        pages += 1;
        expect(pages).toBeLessThan(history.length);
      }
      // Two hundred messages of 4,000 Cyrillic letters are far more than one card holds.
      expect(pages).toBeGreaterThan(10);
    });

    test('every notification the publisher gets about it', () => {
      for (const { event } of history.filter(({ event }) => notifiesPublisher(event))) {
        const sent = buildNotification(
          event,
          { confirmationNumber: largestTicket.confirmationNumber, title: longest('title'), timeZone: 'UTC' },
          locale,
        );
        if (!sent) continue;
        expectTeamsCard(sent.card);
        expect(messageBytes(sent.card, sent.text)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      }
    });
  },
);

/** The `before` of a timeline card's "Show earlier events" button, if it has one. */
function earliestSeqOn(card: AdaptiveCard): number | undefined {
  const match = /"cmd":"timeline-page","confirmationNumber":"[^"]+","before":(\d+)/.exec(
    JSON.stringify(card),
  );
  return match ? Number(match[1]) : undefined;
}
