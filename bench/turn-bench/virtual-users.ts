import { randomUUID } from 'node:crypto';
import { adaptiveCardsOf } from '../../test/support/connector-stand-in';
import type { ConnectorStandIn } from '../../test/support/connector-stand-in';
import { TeamsChat, teamsUser, type PostResult } from '../../test/support/teams-activities';
import { TeamsChannel, type TeamChannelPlace } from '../../test/support/teams-channel';
import {
  fullFix,
  incidentDetails,
  incidentKind,
  noMessage,
} from '../../test/integration/report/report-answers';
import { submitData } from '../../test/integration/report/report-session';
import { confirmationNumberOn } from '../../test/integration/report/stored-ticket';
import type { TurnKind } from './turn-kinds';

/** One person of the bench: makes the turns of a kind and says how long each took (ms). */
export interface VirtualUser {
  run(kind: TurnKind, turns: number): Promise<number[]>;
}

// personalData: the incident's GDPR question (Art. 33), which the report dialog asks on its details step.
const reportSteps = [incidentKind, { ...incidentDetails, personalData: 'no' }, fullFix, noMessage] as const;

const cvssChoices = {
  cvss31_AV: 'N',
  cvss31_AC: 'L',
  cvss31_PR: 'N',
  cvss31_UI: 'N',
  cvss31_S: 'U',
  cvss31_C: 'H',
  cvss31_I: 'H',
  cvss31_A: 'H',
};

class TurnFailed extends Error {
  override readonly name = 'TurnFailed';
}

function expectThat(condition: unknown, kind: TurnKind, result: PostResult, what: string): void {
  if (!condition) {
    const body = JSON.stringify(result.body ?? result.replies.map((r) => r.body)).slice(0, 300);
    throw new TurnFailed(`${kind}: ${what} (status ${result.status}: ${body})`);
  }
}

async function timed(work: () => Promise<PostResult>): Promise<{ ms: number; result: PostResult }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

type Card = Record<string, unknown>;

/**
 * The card the bot answered this turn with: its reply to the activity, or its update of the card pressed.
 * Proactive messages that reach the same chat meanwhile (notifications about earlier tickets) are new
 * sends or updates of other cards, and are not the answer.
 */
function answerOf(result: PostResult, pressedCardId?: string): { card: Card; id: string } | undefined {
  for (const call of result.replies) {
    if (call.status >= 300) continue;
    const id =
      call.kind === 'reply' ? call.newActivityId : call.kind === 'update' ? call.activityId : undefined;
    if (!id || (call.kind === 'update' && id !== pressedCardId)) continue;
    const [card] = adaptiveCardsOf(call.body);
    if (card) return { card, id };
  }
  return undefined;
}

/** The highest ticket version an Action.Execute on a triage card carries. */
function versionOn(card: unknown): number {
  let highest = 0;
  for (const match of JSON.stringify(card).matchAll(/"version":"?(\d+)"?[,}]/g)) {
    highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

/**
 * A publisher of their own tenant in a personal chat with Security Desk, and a support analyst in the
 * registered support channel. Checks every answer as a person would see it: a turn that fails stops the
 * bench rather than being counted.
 */
export class BotUser implements VirtualUser {
  private readonly chat: TeamsChat;
  private readonly analyst: TeamsChannel;
  /** The report dialog's card: where the next press goes. */
  private reportCard: Card = {};
  private reportCardId = '';
  private statusNumber = '';
  private replyNumber = '';
  private triageNumber = '';
  private triageVersion = 1;
  private cvssCardId = '';
  private cvssData: Record<string, unknown> = {};
  private replies = 0;

  constructor(url: string, connector: ConnectorStandIn, place: TeamChannelPlace, analystTenant: string) {
    this.chat = new TeamsChat(url, connector, teamsUser({ tenantId: randomUUID() }));
    this.analyst = new TeamsChannel(
      url,
      connector,
      place,
      teamsUser({ name: 'Sam Analyst', tenantId: analystTenant }),
    );
  }

  /** Three tickets of this publisher (one to look up, one to reply to, one for support to work) and a calculator card. */
  async prepare(): Promise<void> {
    this.statusNumber = await this.file();
    this.replyNumber = await this.file();
    this.triageNumber = await this.file();
    await this.open('cvss calculator');
  }

  private async file(): Promise<string> {
    await this.turn('report');
    for (let i = 0; i < reportSteps.length; i++) await this.turn('report step');
    await this.turn('submit');
    return confirmationNumberOn(this.reportCard);
  }

  /** Presses a button of the report card with these inputs; the card it was replaced with. */
  private async press(kind: TurnKind, action: string, inputs: Record<string, string> = {}): Promise<number> {
    const data = submitData(this.reportCard, action);
    if (!data) throw new TurnFailed(`${kind}: no ${action} button on the report card`);
    const { ms, result } = await timed(() => this.chat.submit({ ...data, ...inputs }, this.reportCardId));
    const answer = answerOf(result, this.reportCardId);
    expectThat(answer, kind, result, 'the report card was not replaced');
    this.reportCard = answer!.card;
    return ms;
  }

  private async open(kind: TurnKind): Promise<number> {
    const { ms, result } = await timed(() => this.chat.send('cvss'));
    const answer = answerOf(result);
    const calculate = answer && submitData(answer.card, 'calculate');
    expectThat(calculate, kind, result, 'no calculator card');
    this.cvssCardId = answer!.id;
    this.cvssData = calculate!;
    return ms;
  }

  async run(kind: TurnKind, turns: number): Promise<number[]> {
    const latencies: number[] = [];
    for (let i = 0; i < turns; i++) latencies.push(await this.turn(kind));
    return latencies;
  }

  private async turn(kind: TurnKind): Promise<number> {
    switch (kind) {
      case 'help': {
        const { ms, result } = await timed(() => this.chat.send('help'));
        expectThat(answerOf(result), kind, result, 'no help card');
        return ms;
      }
      case 'report': {
        const { ms, result } = await timed(() => this.chat.send('report'));
        const answer = answerOf(result);
        expectThat(answer && submitData(answer.card, 'next'), kind, result, 'no first report card');
        this.reportCard = answer!.card;
        this.reportCardId = answer!.id;
        return ms;
      }
      case 'report step': {
        const step = reportSteps[this.stepIndex()];
        if (!step) throw new TurnFailed('report step: the report is not at a Next step');
        const ms = await this.press(kind, 'next', step);
        if (
          submitData(this.reportCard, 'next') === undefined &&
          submitData(this.reportCard, 'submit') === undefined
        )
          throw new TurnFailed('report step: the next card has neither Next nor Submit');
        return ms;
      }
      case 'submit': {
        const ms = await this.press(kind, 'submit');
        confirmationNumberOn(this.reportCard);
        return ms;
      }
      case 'status': {
        const { ms, result } = await timed(() => this.chat.send(`status ${this.statusNumber}`));
        const answer = answerOf(result);
        expectThat(
          answer && JSON.stringify(answer.card).includes(this.statusNumber),
          kind,
          result,
          'no status card',
        );
        return ms;
      }
      case 'my tickets': {
        const { ms, result } = await timed(() => this.chat.send('my tickets'));
        const answer = answerOf(result);
        // The newest first: after many rounds the first ticket may be on a later page.
        expectThat(
          answer && /SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/.test(JSON.stringify(answer.card)),
          kind,
          result,
          'no list',
        );
        return ms;
      }
      case 'reply': {
        this.replies += 1;
        const text = `reply ${this.replyNumber} Bench detail ${this.replies}: port 8443 is affected too.`;
        const { ms, result } = await timed(() => this.chat.send(text));
        const said = result.replies.filter((r) => r.kind === 'reply').map((r) => String(r.body.text));
        expectThat(
          said.some((t) => t.includes(this.replyNumber)),
          kind,
          result,
          'the reply was not confirmed',
        );
        return ms;
      }
      case 'cvss calculator':
        return this.open(kind);
      case 'cvss score': {
        const { ms, result } = await timed(() =>
          this.chat.submit({ ...this.cvssData, ...cvssChoices }, this.cvssCardId),
        );
        const answer = answerOf(result, this.cvssCardId);
        expectThat(answer && JSON.stringify(answer.card).includes('9.8'), kind, result, 'no score');
        return ms;
      }
      case 'triage press': {
        const message = `Bench: looking at it (${this.triageVersion})`;
        const { ms, result } = await timed(() =>
          this.analyst.execute('support.post_message', {
            ticket: this.triageNumber,
            version: this.triageVersion,
            message,
          }),
        );
        const body = result.body as { statusCode?: number; value?: unknown } | undefined;
        const version = versionOn(body?.value);
        expectThat(body?.statusCode === 200 && version > this.triageVersion, kind, result, 'not saved');
        this.triageVersion = version;
        return ms;
      }
    }
  }

  /** Which Next step the open report is at, from the card's "Step n of m". */
  private stepIndex(): number {
    const match = /Step (\d+) of \d+/.exec(JSON.stringify(this.reportCard));
    return match ? Number(match[1]) - 1 : -1;
  }
}

/** The same activities, shaped and sized as the bot's user sends them, to the echo bot. */
export class EchoUser implements VirtualUser {
  private readonly chat: TeamsChat;
  private readonly analyst: TeamsChannel;
  private readonly number = 'SEC-7K3Q-9XW2';

  constructor(url: string, connector: ConnectorStandIn, place: TeamChannelPlace) {
    this.chat = new TeamsChat(url, connector, teamsUser({ tenantId: randomUUID() }));
    this.analyst = new TeamsChannel(url, connector, place, teamsUser({ name: 'Sam Analyst' }));
  }

  async run(kind: TurnKind, turns: number): Promise<number[]> {
    const latencies: number[] = [];
    for (let i = 0; i < turns; i++) {
      const { ms, result } = await timed(() => this.send(kind, i));
      const answered = kind === 'triage press' ? result.status === 200 : result.replies.length === 1;
      expectThat(result.status === 200 && answered, kind, result, 'the echo bot did not answer');
      latencies.push(ms);
    }
    return latencies;
  }

  private send(kind: TurnKind, i: number): Promise<PostResult> {
    const card = 'activity-1';
    switch (kind) {
      case 'help':
        return this.chat.send('help');
      case 'report':
        return this.chat.send('report');
      case 'report step':
        return this.chat.submit({ action: 'next', draftId: randomUUID(), ...reportSteps[i % 4] }, card);
      case 'submit':
        return this.chat.submit({ action: 'submit', draftId: randomUUID() }, card);
      case 'status':
        return this.chat.send(`status ${this.number}`);
      case 'my tickets':
        return this.chat.send('my tickets');
      case 'reply':
        return this.chat.send(`reply ${this.number} Bench detail ${i}: port 8443 is affected too.`);
      case 'cvss calculator':
        return this.chat.send('cvss');
      case 'cvss score':
        return this.chat.submit(
          { cmd: 'cvss-calc', action: 'calculate', version: '3.1', ...cvssChoices },
          card,
        );
      case 'triage press':
        return this.analyst.execute('support.post_message', {
          ticket: this.number,
          version: 1,
          message: 'Bench',
        });
    }
  }
}
