import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** The bot's display name in the Playground's built-in configuration. */
export const PLAYGROUND_BOT_NAME = 'Test Bot';

const REPLY_TIMEOUT_MS = 15_000;

/** A bubble is the element whose header (author, time) and body sit side by side. */
const BUBBLE_XPATH = '//div[div/div[@aria-label="Message header"]]';

/** How the Playground writes "this card could not be shown" inside a chat bubble. */
const RENDER_WARNINGS = [
  /Adaptive Card (parse|render) error/i,
  /is not supported yet in Microsoft 365 Agents playground/i,
  /Certain features of Adaptive Card is not supported/i,
];

export type TextMatch = string | RegExp;

/**
 * The Playground page, driven as a person drives Teams: type in the composer and send, press a card's
 * buttons by their titles, fill its inputs by their labels, read what the bubbles say. Look-ups are scoped
 * to the chat's message bubbles, because the log panel beside them repeats every message.
 */
export class PlaygroundChat {
  private step = 0;
  /** How many bot bubbles there were when the last action started: replies come after it. */
  private mark = 0;
  /** The rail item open now (the page opens on the personal chat), and bot bubbles seen in each one. */
  private current = 'Personal Chat';
  private readonly seen = new Map<string, number>();

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {}

  /** Every message bubble in the open chat, oldest first (user's and bot's). */
  bubbles(): Locator {
    return this.page.locator(`xpath=${BUBBLE_XPATH}`);
  }

  /** The bot's bubbles, oldest first. */
  botBubbles(): Locator {
    return this.bubbles().filter({
      has: this.page.getByLabel('Message author').filter({ hasText: PLAYGROUND_BOT_NAME }),
    });
  }

  composer(): Locator {
    // The composer's only accessible hint is its placeholder, a sibling of the editable box.
    return this.page.getByText('Type a message...', { exact: true }).locator('..').getByRole('textbox');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.composer().waitFor({ timeout: 30_000 });
  }

  /**
   * Opens a chat from the left rail: "Personal Chat" or "Group Chat". What the bot sent there while the
   * person was away counts as new, as in Teams. (A channel is a list of threads: PlaygroundChannel.)
   */
  async openConversation(name: string): Promise<void> {
    await this.switchTo(name, this.composer());
  }

  /**
   * Leaves the open conversation for the rail's item `name` and waits for `ready` to show. Replies are
   * counted from where the person left that conversation, so a proactive message that arrived meanwhile
   * is still a new reply.
   */
  async switchTo(name: string, ready: Locator): Promise<void> {
    this.seen.set(this.current, await this.botBubbles().count());
    await this.page.getByRole('treeitem', { name, exact: true }).click();
    await ready.waitFor();
    this.current = name;
    this.mark = this.seen.get(name) ?? (await this.botBubbles().count());
  }

  /** From now on only new bubbles count as replies: before something arrives unasked (a proactive message). */
  async markNow(): Promise<void> {
    this.mark = await this.botBubbles().count();
  }

  /**
   * Types into the composer and sends, then waits until the message shows in the chat. In a group chat
   * (as in Teams) the bot hears only messages that @mention it: pass `mention` (the bot's name).
   */
  async say(text: string, options: { mention?: string } = {}): Promise<void> {
    this.mark = await this.botBubbles().count();
    const mine = this.bubbles().filter({ hasText: text });
    const before = await mine.count();
    if (options.mention) await typeMention(this.page, this.composer(), options.mention, text);
    else await this.composer().fill(text);
    await this.page.getByRole('button', { name: 'Send Message', exact: true }).click();
    await mine.nth(before).waitFor({ timeout: REPLY_TIMEOUT_MS });
  }

  /**
   * The first bot bubble after the last action whose text contains `text` (waits for it). Bubbles the bot
   * sent before the action do not count, so an old card cannot answer for a new one.
   */
  async reply(text: TextMatch, timeout = REPLY_TIMEOUT_MS): Promise<Locator> {
    const expected: { text: string } | { source: string; flags: string } =
      typeof text === 'string' ? { text: tidy(text) } : { source: text.source, flags: text.flags };
    const found = await this.page
      .waitForFunction(
        ({ bubbleXPath, bot, from, expected }) => {
          const snapshot = document.evaluate(
            bubbleXPath,
            document,
            null,
            XPathResult.ORDERED_NODE_SNAPSHOT_TYPE,
            null,
          );
          let botIndex = -1;
          for (let i = 0; i < snapshot.snapshotLength; i++) {
            const bubble = snapshot.snapshotItem(i) as HTMLElement;
            const author = bubble.querySelector('[aria-label="Message author"]')?.textContent ?? '';
            if (!author.includes(bot)) continue;
            botIndex += 1;
            if (botIndex < from) continue;
            const said = bubble.innerText;
            const hit =
              'text' in expected
                ? said.replace(/\s+/g, ' ').includes(expected.text)
                : new RegExp(expected.source, expected.flags).test(said);
            if (hit) return botIndex + 1;
          }
          return 0;
        },
        { bubbleXPath: BUBBLE_XPATH, bot: PLAYGROUND_BOT_NAME, from: this.mark, expected },
        { timeout },
      )
      .catch((error: unknown) => {
        if (error instanceof Error && error.name === 'TimeoutError') return undefined;
        throw error;
      });
    const position = found ? ((await found.jsonValue()) as number) : 0;
    if (position > 0) return this.botBubbles().nth(position - 1);
    const shot = await this.screenshotPage('failed-waiting-for-reply');
    throw new Error(
      `no new bot message containing ${String(text)} within ${timeout} ms (see ${shot}); the chat says:\n` +
        (await this.transcript()),
    );
  }

  /** The latest bot bubble that shows a button with this title. */
  async cardWithButton(title: string): Promise<Locator> {
    const button = this.page.getByRole('button', { name: title, exact: true });
    const card = this.botBubbles().filter({ has: button }).last();
    await card.waitFor({ timeout: REPLY_TIMEOUT_MS });
    return card;
  }

  /**
   * Presses a card button by its visible title (in `card`, or the latest card that has it). The pressed
   * card counts as a reply, because the bot may update it in place: expect text that the press changes.
   */
  async press(title: string, card?: Locator): Promise<void> {
    const scope = card ?? (await this.cardWithButton(title));
    this.mark = await this.indexOf(scope);
    await scope.getByRole('button', { name: title, exact: true }).click();
  }

  /** The position of a bot bubble among the bot's bubbles. */
  private async indexOf(bubble: Locator): Promise<number> {
    const handle = await bubble.elementHandle();
    const all = await this.botBubbles().elementHandles();
    for (let index = 0; index < all.length; index++) {
      if (await all[index]!.evaluate((node, target) => node === target, handle)) return index;
    }
    throw new Error("that card is not one of the bot's messages");
  }

  /*
   * Inputs are found by role and accessible name. The renderer names each input after its label (and
   * marks required ones with an aria-hidden "*"), but also gives text boxes an aria-label of their
   * placeholder, so getByLabel would match the placeholder, not the label a person reads.
   */

  /** Types into a card's text box, found by its label. */
  async fill(card: Locator, label: TextMatch, value: string): Promise<void> {
    await this.visible(card.getByRole('textbox', { name: label, exact: typeof label === 'string' })).fill(
      value,
    );
  }

  /** Picks a choice by the choice set's label and the choice's visible title. */
  async choose(card: Locator, label: TextMatch, choice: string): Promise<void> {
    const exact = typeof label === 'string';
    // Whichever way the renderer drew the choice set; a card just re-rendered may have none for a moment.
    await this.visible(
      card
        .getByRole('radiogroup', { name: label, exact })
        .or(card.getByRole('combobox', { name: label, exact }))
        .or(card.getByRole('group', { name: label, exact })),
    ).waitFor({ timeout: REPLY_TIMEOUT_MS });
    const group = this.visible(card.getByRole('radiogroup', { name: label, exact }));
    if ((await group.count()) > 0) {
      await group.getByRole('radio', { name: choice, exact: true }).check();
      return;
    }
    const list = this.visible(card.getByRole('combobox', { name: label, exact }));
    if ((await list.count()) > 0) {
      if ((await list.evaluate((element) => element.tagName.toLowerCase())) === 'select') {
        await list.selectOption({ label: choice });
        return;
      }
      // The Playground draws compact choice sets as a drop-down whose options open in a pop-up layer.
      await list.click();
      // Not the composer's mention pop-up, which is a listbox too (one per composer on the page).
      const popUp = this.page.locator('[role="listbox"]:not(#typeahead-menu)');
      await popUp.getByRole('option', { name: choice, exact: true }).click();
      await popUp.first().waitFor({ state: 'hidden' });
      return;
    }
    // A multi-select expanded set: check boxes, each named by its choice.
    await this.visible(card.getByRole('group', { name: label, exact }))
      .getByRole('checkbox', { name: choice, exact: true })
      .check();
  }

  /** Ticks or clears a card's toggle by its label. */
  async tick(card: Locator, label: TextMatch, on = true): Promise<void> {
    await this.visible(
      card.getByRole('checkbox', { name: label, exact: typeof label === 'string' }),
    ).setChecked(on);
  }

  /** Hidden rows (Action.ToggleVisibility) may repeat a label; a person only sees the visible one. */
  private visible(locator: Locator): Locator {
    return locator.filter({ visible: true }).first();
  }

  /** The bubble's visible text, whitespace tidied. */
  async textOf(bubble: Locator): Promise<string> {
    return tidy(await bubble.innerText());
  }

  /** Saves a PNG of one bubble as `<NN>-<step>.png` in the scenario's folder; returns its path. */
  async screenshot(bubble: Locator, step: string): Promise<string> {
    this.step += 1;
    const file = join(this.screenshotDir, `${String(this.step).padStart(2, '0')}-${step}.png`);
    await bubble.scrollIntoViewIfNeeded();
    await bubble.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** The whole window, for a step where the layout around the bubbles matters. */
  async screenshotPage(step: string): Promise<string> {
    this.step += 1;
    const file = join(this.screenshotDir, `${String(this.step).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** Warnings the Playground wrote inside bubbles (or a channel's posts) instead of (or beside) a card. */
  async renderWarnings(): Promise<string[]> {
    const found: string[] = [];
    // A channel shows its posts as groups (threads), not bubbles.
    for (const bubble of [...(await this.bubbles().all()), ...(await this.page.getByRole('group').all())]) {
      const text = await bubble.innerText();
      for (const warning of RENDER_WARNINGS) if (warning.test(text)) found.push(tidy(text).slice(0, 300));
    }
    return found;
  }

  /** What the chat shows, one bubble a paragraph, for failure messages. */
  async transcript(): Promise<string> {
    const texts = await this.bubbles().allInnerTexts();
    return texts.map((text) => `  | ${tidy(text).slice(0, 400)}`).join('\n');
  }
}

/**
 * Types `@<name>`, picks the person or bot from the Playground's mention pop-up (as a person does; typed
 * text alone is not a mention), then the rest of the message.
 */
export async function typeMention(page: Page, box: Locator, name: string, text: string): Promise<void> {
  await box.fill('');
  await page.keyboard.type(`@${name.split(' ')[0]}`);
  // The item is named by its avatar and its text ("Test Bot Test Bot"): pick it by the text a person reads.
  await page
    .getByRole('listbox', { name: 'Typeahead menu' })
    .getByRole('menuitem')
    .filter({ has: page.getByText(name, { exact: true }) })
    .click();
  await page.keyboard.type(` ${text}`);
}

export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
