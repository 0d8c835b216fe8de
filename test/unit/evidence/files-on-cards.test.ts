import { renderTriageCard } from '../../../src/bot/support-channel/render-triage-card';
import { describeTicketEvent } from '../../../src/cards/describe-ticket-event';
import type { TicketEvent } from '../../../src/domain/ticket';
import { translator } from '../../../src/i18n/translate';
import type { HistoryEntry } from '../../../src/tickets';
import { sampleTicket } from '../report/card-samples';

function texts(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label'])
      if (typeof element[key] === 'string') out.push(element[key] as string);
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}

const at = sampleTicket.submittedAt;
const added = (seq: number, name: string, size: number): HistoryEntry => ({
  id: `e${seq}`,
  seq,
  event: {
    type: 'evidence_added',
    actor: sampleTicket.reporter,
    at,
    data: { fileId: `f${seq}`, name, size, sha256: 'b'.repeat(64) },
  },
});

describe('files of evidence on the cards', () => {
  const history: HistoryEntry[] = [
    added(2, 'request.har', 2_560),
    added(3, '*bold* [link](https://x).png', 700),
  ];

  test('the triage card lists each file with its size, in the card language, names as plain text', () => {
    for (const [locale, label, size] of [
      ['en', 'Files', 'request.har (2.5 kB)'],
      ['ru', 'Файлы', 'request.har (2,5 кБ)'],
    ] as const) {
      const card = renderTriageCard(
        { ticket: sampleTicket, version: sampleTicket.version, overdue: false },
        { locale, timeZone: 'UTC', history },
      );
      const all = texts(card);
      expect(all).toContain(label);
      expect(all.some((text) => text.includes(size))).toBe(true);
      expect(all.some((text) => text.includes('*bold* [link](https://x).png (700'))).toBe(true);
    }
  });

  test('without files there is no files line', () => {
    const card = renderTriageCard(
      { ticket: sampleTicket, version: sampleTicket.version, overdue: false },
      { locale: 'en', timeZone: 'UTC', history: [] },
    );
    expect(texts(card)).not.toContain('Files');
  });

  test('the timeline says a file was added and that support downloaded it', () => {
    const t = translator('en');
    const downloaded: TicketEvent = {
      type: 'evidence_downloaded',
      actor: { kind: 'support', id: 'a1', name: 'Sam' },
      at,
      data: { fileId: 'f2', name: 'request.har', size: 2_560, sha256: 'b'.repeat(64) },
    };
    expect(describeTicketEvent(t, 'en', 'UTC', history[0]!.event).what).toBe(
      'File added: request.har (2.5 kB)',
    );
    const view = describeTicketEvent(t, 'en', 'UTC', downloaded);
    expect(view.what).toBe('Support downloaded request.har');
    // Analysts stay anonymous to the publisher.
    expect(view.header).not.toContain('Sam');
  });
});
