import type { WebSocket } from 'playwright-core';
import { cardProblems } from './card-problems';
import {
  startClientLocaleProxy,
  type ClientLocaleProxy,
  type ForwardedActivity,
} from './client-locale-proxy';
import { freePort } from './free-port';
import { invokeProblems } from './invoke-problems';
import { launchChromium, type LaunchedBrowser } from './launch-chromium';
import { logFile, screenshotDir } from './output-paths';
import { PlaygroundChannel } from './playground-channel';
import { PlaygroundChat } from './playground-chat';
import { startE2eBot, type E2eBot } from './start-e2e-bot';
import { startPlayground, type RunningPlayground } from './start-playground';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface E2eSession {
  readonly bot: E2eBot;
  readonly playground: RunningPlayground;
  readonly browser: LaunchedBrowser;
  readonly chat: PlaygroundChat;
  /** The same page's team channels ("My Team - General"): posts, threads and their cards. */
  readonly channel: PlaygroundChannel;
  /** What the Teams client claims as the person's language ('en-US' is the Playground's own). */
  setClientLocale(locale: string | undefined): void;
  /** Every activity the Playground posted to the bot (after the locale forwarder), with the bot's answer. */
  readonly sentToBot: ReadonlyArray<ForwardedActivity>;
  /** Every Adaptive Card the page received, as the bot sent it. */
  readonly cards: ReadonlyArray<Record<string, unknown>>;
  /**
   * The first card the page received (before or after this call) that `matches`: for what the bot sent
   * that the page may not draw, such as a post's update while the presser sees their press's answer.
   */
  waitForCard(
    matches: (card: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Throws when anything a person would see as broken happened: page errors, invalid cards, failed turns. */
  assertHealthy(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One scenario's world: the real bot (temporary store), the Agents Playground wired to it through the
 * client-locale forwarder, and a headless chromium with the Playground's page open on the personal chat.
 */
export interface E2eSessionOptions {
  /** The Teams client's language, from the first activity (install) on; the Playground's own is en-US. */
  readonly locale?: string;
  /** The Teams client's time zone (default Europe/Berlin), for the Playground and the browser alike. */
  readonly timeZone?: string;
}

export async function startE2eSession(
  scenario: string,
  options: E2eSessionOptions = {},
): Promise<E2eSession> {
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  const bot = await startE2eBot(logFile(scenario, 'bot.log'));
  const closers: Array<() => Promise<void>> = [() => bot.stop()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const proxy: ClientLocaleProxy = await startClientLocaleProxy(bot.messagesUrl);
    closers.push(() => proxy.stop());
    proxy.setLocale(options.locale);
    // The two slowest starts overlap; whichever comes up is closed even when the other fails.
    const [startedPlayground, startedBrowser] = await Promise.allSettled([
      startPlayground({ endpoint: proxy.url, port: await freePort(), timeZone }),
      launchChromium({ timeZone }),
    ]);
    if (startedPlayground.status === 'fulfilled') closers.push(() => startedPlayground.value.stop());
    if (startedBrowser.status === 'fulfilled') closers.push(() => startedBrowser.value.close());
    if (startedPlayground.status === 'rejected') throw startedPlayground.reason;
    if (startedBrowser.status === 'rejected') throw startedBrowser.reason;
    const playground = startedPlayground.value;
    const browser = startedBrowser.value;

    const cards: Array<Record<string, unknown>> = [];
    const cardWaiters = new Set<(card: Record<string, unknown>) => void>();
    const invalid: string[] = [];
    browser.page.on('websocket', (socket) =>
      watchConversationStream(socket, cards, invalid, (card) => {
        for (const waiter of cardWaiters) waiter(card);
      }),
    );

    const chat = new PlaygroundChat(browser.page, screenshotDir(scenario));
    await chat.open(playground.url);

    return {
      bot,
      playground,
      browser,
      chat,
      channel: new PlaygroundChannel(chat),
      cards,
      waitForCard: (matches, timeoutMs = 15_000) => {
        const found = cards.find(matches);
        if (found) return Promise.resolve(found);
        return new Promise((resolve, reject) => {
          const waiter = (card: Record<string, unknown>) => {
            if (!matches(card)) return;
            cardWaiters.delete(waiter);
            clearTimeout(timer);
            resolve(card);
          };
          const timer = setTimeout(() => {
            cardWaiters.delete(waiter);
            reject(new Error(`no matching card reached the page within ${timeoutMs} ms`));
          }, timeoutMs);
          cardWaiters.add(waiter);
        });
      },
      sentToBot: proxy.activities,
      setClientLocale: (locale) => proxy.setLocale(locale),
      assertHealthy: async () => {
        const problems = [
          ...browser.pageErrors.map((error) => `page error: ${error}`),
          ...invalid,
          ...invokeProblems(proxy.activities),
          ...(await chat.renderWarnings()).map((warning) => `the Playground warns: ${warning}`),
          ...bot.logs
            .filter((line) => Number(line.level) >= 50)
            .map((line) => `bot logged an error: ${String(line.event ?? '')} ${String(line.msg ?? '')}`),
        ];
        if (problems.length > 0) {
          throw new Error(`${scenario}: ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The page hears new and updated messages over this websocket; every card in them is checked. */
function watchConversationStream(
  socket: WebSocket,
  cards: Array<Record<string, unknown>>,
  invalid: string[],
  onCard: (card: Record<string, unknown>) => void,
) {
  if (!socket.url().includes('/conversations/stream')) return;
  socket.on('framereceived', ({ payload }) => {
    let frame: {
      action?: string;
      message?: { attachments?: Array<{ contentType?: string; content?: unknown }> };
    };
    try {
      frame = JSON.parse(String(payload)) as typeof frame;
    } catch {
      return;
    }
    for (const attachment of frame.message?.attachments ?? []) {
      if (attachment.contentType !== ADAPTIVE_CARD) continue;
      const content = attachment.content as Record<string, unknown>;
      cards.push(content);
      onCard(content);
      const problems = cardProblems(content);
      if (problems.length > 0) {
        invalid.push(
          `invalid card (${String(frame.action)}, "${cardTitle(content)}"): ${problems.join('; ')}`,
        );
      }
    }
  });
}

function cardTitle(content: Record<string, unknown>): string {
  return typeof content.speak === 'string' ? content.speak : JSON.stringify(content).slice(0, 80);
}
