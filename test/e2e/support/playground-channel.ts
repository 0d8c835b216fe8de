import type { Locator, Page } from 'playwright-core';
import {
  PLAYGROUND_BOT_NAME,
  tidy,
  typeMention,
  type PlaygroundChat,
  type TextMatch,
} from './playground-chat';

const REPLY_TIMEOUT_MS = 15_000;

/**
 * A team channel in the Playground, driven as a person drives one in Teams. The channel is a list of
 * posts (threads), each a group with its own "Type a message..." reply box, under one "Start a new post"
 * box; the newest post is on top. In a channel the bot hears only messages that @mention it, so posts and
 * replies mention it the way a person does, from the mention pop-up. Card inputs, buttons and screenshots
 * go through the chat's helpers, which work on any part of the page (and keep one screenshot numbering).
 */
export class PlaygroundChannel {
  readonly page: Page;

  constructor(private readonly chat: PlaygroundChat) {
    this.page = chat.page;
  }

  /** Opens a channel from the left rail, e.g. "My Team - General". */
  async open(name = 'My Team - General'): Promise<void> {
    await this.chat.switchTo(name, this.newPostBox());
  }

  /** Every post in the open channel, newest first; each holds its replies and its reply box. */
  threads(): Locator {
    // By the reply box's send button: the box's placeholder goes away while a reply is typed.
    return this.page
      .getByRole('group')
      .filter({ has: this.page.getByRole('button', { name: 'Send Message', exact: true }) });
  }

  /** The posts whose text (the post, its card or its replies) contains `text`. */
  threadsWith(text: TextMatch): Locator {
    return this.threads().filter({ hasText: text });
  }

  /**
   * The post that contains `text`, once it shows (a post arrives by itself when the bot starts one). A
   * locator that keeps finding the post by that text, so a card updated in place is still "the post".
   */
  async thread(text: TextMatch, timeout = REPLY_TIMEOUT_MS): Promise<Locator> {
    const thread = this.threadsWith(text).first();
    try {
      await thread.waitFor({ timeout });
    } catch (error) {
      if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
      const shot = await this.chat.screenshotPage('failed-waiting-for-post');
      throw new Error(
        `no post in the channel contains ${String(text)} within ${timeout} ms (see ${shot}); it shows:\n` +
          (await this.transcript()),
      );
    }
    return thread;
  }

  /** Starts a new post @mentioning the bot; returns the post once it shows. */
  async post(text: string, mention = PLAYGROUND_BOT_NAME): Promise<Locator> {
    const before = await this.threadsWith(text).count();
    await typeMention(this.page, this.newPostBox(), mention, text);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    await this.threadsWith(text).nth(before).waitFor({ timeout: REPLY_TIMEOUT_MS });
    return this.threadsWith(text).first();
  }

  /** Replies in a post's thread, @mentioning the bot; waits until the reply shows there. */
  async replyIn(thread: Locator, text: string, mention = PLAYGROUND_BOT_NAME): Promise<void> {
    const said = thread.getByText(text);
    const before = await said.count();
    const box = thread.getByText('Type a message...', { exact: true }).locator('..').getByRole('textbox');
    await typeMention(this.page, box, mention, text);
    await thread.getByRole('button', { name: 'Send Message', exact: true }).click();
    await said.nth(before).waitFor({ timeout: REPLY_TIMEOUT_MS });
  }

  /** Waits until the post shows `text` (a reply in its thread, or its card updated in place). */
  async expectIn(thread: Locator, text: TextMatch, timeout = REPLY_TIMEOUT_MS): Promise<void> {
    try {
      await thread.getByText(text).first().waitFor({ timeout });
    } catch (error) {
      if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
      const shot = await this.chat.screenshotPage('failed-waiting-in-post');
      throw new Error(
        `the post never showed ${String(text)} within ${timeout} ms (see ${shot}); it shows:\n  | ` +
          tidy(await thread.innerText()).slice(0, 1500),
      );
    }
  }

  /** Presses a button of a post's card by its visible title. */
  async press(thread: Locator, title: string): Promise<void> {
    await thread.getByRole('button', { name: title, exact: true }).click();
  }

  /** What the channel shows, one post a paragraph, for failure messages. */
  async transcript(): Promise<string> {
    const texts = await this.threads().allInnerTexts();
    return texts.map((text) => `  | ${tidy(text).slice(0, 400)}`).join('\n');
  }

  private newPostBox(): Locator {
    return this.page.getByText('Start a new post', { exact: true }).locator('..').getByRole('textbox');
  }
}
