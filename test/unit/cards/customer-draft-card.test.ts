import { customerDraftCard } from '../../../src/cards/customer-draft-card';
import { draftBasis, type CustomerDraft } from '../../../src/domain/notice';
import type { StoredTicket } from '../../../src/tickets';
import { buildDraftNotification } from '../../../src/notify/build-draft-notification';
import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { analyst, publisher } from '../domain/ticket/ticket-fixtures';
import { ticketWith, withCommands } from '../domain/notice/draft-fixtures';

const ticket = ticketWith('vulnerability', 'full');

function draft(overrides: Partial<CustomerDraft> = {}): CustomerDraft {
  return {
    id: '1a2b3c4d-0000-4000-8000-000000000001',
    format: 'email',
    language: 'ru',
    tone: 'formal',
    version: 3,
    origin: 'drafted',
    status: 'private',
    subject: 'Обновление безопасности',
    body: 'Здравствуйте!\n\nМы обнаружили уязвимость.',
    placeholders: ['[Дата обнаружения]'],
    madeFromVersion: ticket.version,
    basis: draftBasis(ticket, overrides.format ?? 'email'),
    createdAt: '2026-11-24T10:00:00.000Z',
    createdBy: publisher,
    ...overrides,
  };
}

/** Every TextBlock's text: markdown renders there, so nothing typed by a person may be one. */
function textBlocks(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}

describe('the customer draft card', () => {
  test('in Russian: what it is, who made it from which version, and what is still missing', () => {
    const card = customerDraftCard(draft(), ticket, {
      locale: 'ru',
      timeZone: 'Europe/Moscow',
      personalChat: true,
    });
    const texts = cardTexts(card);
    expect(texts).toContain(`Черновик для ${ticket.confirmationNumber}: письмо на русском, версия 3`);
    expect(texts.join('\n')).toMatch(/Составлен Security Desk .* \(версия сообщения \d+\)\./);
    expect(texts).toContain('[Дата обнаружения]');
    expect(actionTitles(card)).toEqual([
      'Сохранить изменения',
      'Передать в поддержку',
      'Получить ссылку для скачивания',
      'Составить заново',
      'Другой формат или язык',
    ]);
  });

  test('out of date: says what changed, keeps no box to edit and offers only drafting again', () => {
    const changed = withCommands(ticket, [{ type: 'change_severity', severity: 'Critical' }, analyst]);
    const card = customerDraftCard(draft({ language: 'en' }), changed, { locale: 'en', personalChat: true });
    expect(cardTexts(card)).toContain(
      'Since this draft was made, the severity changed. Draft it again before you send it or share it.',
    );
    expect(actionTitles(card)).toEqual(['Draft it again from the report now', 'Another format or language']);
    expect(JSON.stringify(card)).not.toContain('"Input.Text"');
  });

  test("support's proposal: its note is plain text, never markdown; the answers are offered", () => {
    const note = 'See [our guide](https://evil.example) <img src=x onerror=alert(1)> **now**';
    const card = customerDraftCard(
      draft({ origin: 'support', status: 'proposed', note, createdBy: analyst }),
      ticket,
      { locale: 'en', personalChat: true },
    );
    expect(cardTexts(card)).toContain(note);
    expect(textBlocks(card)).not.toContain(note);
    expect(actionTitles(card)).toEqual([
      "Accept support's version",
      'Accept with my changes',
      'Decline the proposal',
      'Draft it again from the report now',
      'Another format or language',
    ]);
  });

  test('a document too large for a Teams message is never cut: the card says where to get it whole', () => {
    const huge = draft({
      format: 'csaf',
      language: 'en',
      body: `{"x":"${'y'.repeat(40_000)}"}`,
      subject: undefined,
    });
    const card = customerDraftCard(huge, ticket, { locale: 'en', personalChat: true });
    expect(cardTexts(card)).toContain(
      'This document is too large to show in a Teams message: get it as a file or through a download link.',
    );
    expect(JSON.stringify(card)).not.toContain('yyyy');
    expect(actionTitles(card)).toContain('Send me the file');
  });

  test('outside a personal chat there is no file to offer, only the link', () => {
    const card = customerDraftCard(draft({ format: 'csaf', language: 'en', body: '{}' }), ticket, {
      locale: 'en',
      personalChat: false,
    });
    expect(actionTitles(card)).not.toContain('Send me the file');
    expect(actionTitles(card)).toContain('Get a download link');
  });
});

describe('the publisher told that drafts are out of date', () => {
  test('in Russian, with a button to draft each again', () => {
    const stored = { id: 't1', ticket } as unknown as StoredTicket;
    const notification = buildDraftNotification(
      {
        type: 'customer_drafts_outdated',
        actor: { kind: 'system', id: 'customer-drafts' },
        at: '2026-11-25T10:00:00.000Z',
        data: {
          drafts: [
            { draftId: 'a', format: 'email', language: 'ru', version: 2 },
            { draftId: 'b', format: 'csaf', language: 'en', version: 1 },
          ],
          changed: ['severity', 'outcome'],
        },
      },
      stored,
      [],
      'ru',
    );
    expect(cardTexts(notification?.card)).toContain(
      `В ${ticket.confirmationNumber} с момента составления этих черновиков изменилось следующее: уровень опасности и итог. Черновики: письмо на русском, версия 2; документ CSAF на английском, версия 1. Составьте их заново, прежде чем отправлять или передавать.`,
    );
    expect(actionTitles(notification?.card)).toEqual(['Заново: письмо (рус.)', 'Заново: CSAF (англ.)']);
  });
});
