import { adaptiveCardsOf, cardTexts, type ConnectorCall } from '../../support/connector-stand-in';
import type { PostResult, TeamsChat } from '../../support/teams-activities';

export type Card = Record<string, unknown>;

/** The cards a turn showed (sent, replied or updated in place), each with the activity id it now has. */
export function shownCards(
  result: PostResult,
): Array<{ card: Card; activityId: string; call: ConnectorCall }> {
  return result.replies
    .filter((c) => c.status < 300 && (c.kind === 'send' || c.kind === 'reply' || c.kind === 'update'))
    .flatMap((call) =>
      adaptiveCardsOf(call.body).map((card) => ({
        card,
        activityId: (call.kind === 'update' ? call.activityId : call.newActivityId) ?? '',
        call,
      })),
    );
}

/** The plain text messages of a turn. */
export function textsOf(result: PostResult): string[] {
  return result.replies
    .filter((c) => c.kind === 'send' || c.kind === 'reply')
    .map((c) => c.body.text)
    .filter((text): text is string => typeof text === 'string');
}

/** Every element of a card (depth first), to find inputs, errors and buttons. */
export function elementsOf(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    out.push(node as Record<string, unknown>);
    Object.values(node).forEach(visit);
  };
  visit(card);
  return out;
}

export function inputOf(card: Card, id: string): Record<string, unknown> | undefined {
  return elementsOf(card).find(
    (e) => typeof e.type === 'string' && e.type.startsWith('Input.') && e.id === id,
  );
}

/** The error text shown right after an input (the next sibling TextBlock in red), if any. */
export function errorNextTo(card: Card, id: string): string | undefined {
  for (const element of elementsOf(card)) {
    const list = (element.items ?? element.body) as unknown;
    if (!Array.isArray(list)) continue;
    const index = list.findIndex((e: Record<string, unknown>) => e?.id === id);
    if (index < 0) continue;
    const next = list[index + 1] as Record<string, unknown> | undefined;
    return next?.type === 'TextBlock' && next.color === 'Attention' ? String(next.text) : undefined;
  }
  return undefined;
}

export function submitData(card: Card, action: string): Record<string, unknown> | undefined {
  return elementsOf(card)
    .filter((e) => e.type === 'Action.Submit')
    .map((e) => e.data as Record<string, unknown>)
    .find((data) => data?.action === action);
}

/** Drives the report dialog like a person: presses buttons on the card the dialog last showed. */
export class ReportSession {
  card: Card = {};
  cardId = '';
  last!: PostResult;

  constructor(readonly chat: TeamsChat) {}

  async say(text: string): Promise<PostResult> {
    return this.take(await this.chat.send(text));
  }

  /** A typed message with extra activity fields (e.g. Teams' `localTimezone`). */
  async post(text: string, extra: Record<string, unknown>): Promise<PostResult> {
    return this.take(
      await this.chat.post(this.chat.base('message', { text, textFormat: 'plain', ...extra })),
    );
  }

  /** Presses `action` on the current card, with these input values. */
  async press(action: string, inputs: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
    const data = submitData(this.card, action);
    if (!data)
      throw new Error(`no ${action} button on the card: ${cardTexts(this.card).slice(0, 3).join(' | ')}`);
    return this.take(await this.chat.submit({ ...data, ...inputs, ...extra }, this.cardId));
  }

  texts(): string[] {
    return cardTexts(this.card);
  }

  take(result: PostResult): PostResult {
    this.last = result;
    const shown = shownCards(result).at(-1);
    if (shown) {
      this.card = shown.card;
      this.cardId = shown.activityId;
    }
    return result;
  }
}
