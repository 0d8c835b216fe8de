import type { TicketCommand } from '../../../src/domain/ticket';
import { adaptiveCardsOf, cardTexts, type ConnectorCall } from '../../support/connector-stand-in';
import type { PostResult, TeamsChat } from '../../support/teams-activities';
import type { TestApp } from '../../support/test-app';
import { analyst } from '../notify/notify-harness';
import {
  fullFix,
  noMessage,
  vulnerabilityData,
  vulnerabilityDetails,
  vulnerabilityKind,
} from '../report/report-answers';
import { ReportSession } from '../report/report-session';
import { confirmationNumberOn } from '../report/stored-ticket';

/** Files a vulnerability (CVSS 9.8) through the report dialog as a person would; its confirmation card. */
export async function fileThroughTheDialog(chat: TeamsChat): Promise<{ number: string; cardId: string }> {
  const session = new ReportSession(chat);
  await session.post(chat.user.locale.startsWith('ru') ? 'сообщить' : 'report', {
    localTimezone: 'Europe/Berlin',
  });
  await session.press('next', vulnerabilityKind);
  await session.press('next', vulnerabilityDetails);
  await session.press('next', vulnerabilityData);
  await session.press('next', fullFix);
  await session.press('next', noMessage);
  await session.press('submit');
  return { number: confirmationNumberOn(session.card), cardId: session.cardId };
}

/** Support's command through the support service (what the API and the triage cards call), then delivery. */
export async function supportDoes(app: TestApp, number: string, command: TicketCommand): Promise<void> {
  const support = app.app.ticketing.supportDesk?.support;
  if (!support) throw new Error('the support desk is not served here');
  const current = await support.get(number);
  if (!current) throw new Error(`no ticket ${number}`);
  const result = await support.execute(number, command, analyst, current.view.version);
  if (!result.ok) throw new Error(`support command refused: ${JSON.stringify(result)}`);
}

/** Updates of one posted card, in order. */
export function updatesOf(activityId: string) {
  return (call: ConnectorCall) =>
    call.kind === 'update' && call.status < 300 && call.activityId === activityId;
}

export function textsIn(call: ConnectorCall | undefined): string[] {
  return call ? adaptiveCardsOf(call.body).flatMap(cardTexts) : [];
}

/** The card that the latest call matching `predicate` carried. */
export function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  const [card] = call ? adaptiveCardsOf(call.body) : [];
  if (!card) throw new Error('no card in that call');
  return card;
}

/** Waits for an update of a card that shows `text`, and answers that update's card. */
export async function updateShowing(
  app: TestApp,
  activityId: string,
  text: string,
): Promise<Record<string, unknown>> {
  const [update] = await app.connector.waitFor(
    (call) => updatesOf(activityId)(call) && textsIn(call).includes(text),
  );
  return cardOf(update);
}

/** What the bot said in answer to one turn (its replies, not the proactive updates around them). */
export function said(result: PostResult): unknown[] {
  return result.replies.filter((r) => r.kind === 'reply').map((r) => r.body.text);
}

export async function historyTypes(app: TestApp, number: string): Promise<string[]> {
  const rows = await app.app.store.db
    .selectFrom('ticket_events')
    .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
    .select(['ticket_events.type', 'ticket_events.seq'])
    .where('tickets.confirmation_number', '=', number)
    .orderBy('ticket_events.seq')
    .execute();
  return rows.map((row) => row.type);
}

export async function eventPayloads(app: TestApp, number: string, type: string): Promise<unknown[]> {
  const rows = await app.app.store.db
    .selectFrom('ticket_events')
    .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
    .select(['ticket_events.payload'])
    .where('tickets.confirmation_number', '=', number)
    .where('ticket_events.type', '=', type)
    .orderBy('ticket_events.seq')
    .execute();
  return rows.map((row) => JSON.parse(row.payload) as unknown);
}

/** The card the bot answered one turn with (not a proactive message that arrived meanwhile), and its id. */
export function answerCard(result: PostResult): { card: Record<string, unknown>; id: string } {
  const reply = result.replies.find((r) => r.kind === 'reply' && adaptiveCardsOf(r.body).length > 0);
  const card = reply && adaptiveCardsOf(reply.body)[0];
  if (!card || !reply.newActivityId) throw new Error('the turn was not answered with a card');
  return { card, id: reply.newActivityId };
}

/** The card a press replaced in place (the turn's own update of the card pressed). */
export function replacedCard(result: PostResult, activityId: string): Record<string, unknown> {
  const update = result.replies.find((r) => r.kind === 'update' && r.activityId === activityId);
  if (!update) throw new Error('the pressed card was not replaced');
  return cardOf(update);
}
