import type { Locator, Page } from 'playwright-core';

/** A phone (iPhone SE, small Android) and the desktop window the rest of the suite uses. */
export const PHONE_WIDTH = 320;
export const DESKTOP_WIDTH = 1280;

/**
 * Resizes the window and lets the chat follow it. The Playground is a desktop page: its chat column
 * keeps a minimum width of 600 px, so at a phone's width it would scroll sideways with the cards at
 * desktop width. Teams on a phone draws a message as wide as the screen allows; so here every element
 * whose minimum width is wider than the window gives it up (and the cards are laid out at that width).
 */
export async function resizeTo(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 2000 });
  await page.evaluate((narrow) => {
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (!narrow) {
        if (element.dataset.phoneWidth) {
          element.style.minWidth = '';
          element.style.maxWidth = '';
          delete element.dataset.phoneWidth;
        }
        continue;
      }
      const minWidth = parseFloat(getComputedStyle(element).minWidth);
      if (minWidth > window.innerWidth / 2) {
        element.style.minWidth = '0';
        element.dataset.phoneWidth = 'yes';
      }
    }
    // A message bubble and its card are as wide as their content wants: at a phone's width, no wider
    // than the chat column.
    if (!narrow) return;
    for (const card of document.querySelectorAll<HTMLElement>('.ac-adaptiveCard')) {
      for (let element: HTMLElement | null = card; element && element !== document.body;) {
        element.style.minWidth = '0';
        element.style.maxWidth = '100%';
        element.dataset.phoneWidth = 'yes';
        element = element.parentElement;
      }
    }
  }, width < 600);
  // Let the page's resize observers and the cards' own relayout run.
  await page.waitForTimeout(300);
}

/**
 * What a person at this width would see broken in the cards of a bubble (or a channel post): the card
 * scrolling sideways, an element running past the card's edge, or text cut short (a button title, a
 * drop-down's choice, a line of text) by overflow or an ellipsis. Hidden parts (closed Action.ShowCard
 * forms, hidden offer rows) do not count.
 */
export function layoutProblems(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const problems: string[] = [];
    const name = (element: Element) => {
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      const classes = [...element.classList].filter((c) => c.startsWith('ac-')).join('.');
      return `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''} "${text}"`;
    };
    const shown = (element: Element) => {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      const style = getComputedStyle(element);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const ownText = (element: Element) =>
      [...element.childNodes].some((node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '');
    for (const card of root.querySelectorAll('.ac-adaptiveCard')) {
      if (!shown(card) || card.parentElement?.closest('.ac-adaptiveCard')) continue;
      const edge = card.getBoundingClientRect();
      if (edge.right > window.innerWidth + 1) {
        problems.push(`the card is wider than the window (its right edge at ${Math.round(edge.right)} px)`);
      }
      if (card.scrollWidth > card.clientWidth + 1) {
        problems.push(`the card scrolls sideways (${card.scrollWidth} px in ${card.clientWidth} px)`);
      }
      for (const element of card.querySelectorAll('*')) {
        if (!shown(element)) continue;
        const rect = element.getBoundingClientRect();
        if (rect.right > edge.right + 1 || rect.left < edge.left - 1) {
          problems.push(
            `${name(element)} runs past the card's edge (${Math.round(rect.left)}–${Math.round(rect.right)} px, ` +
              `card ${Math.round(edge.left)}–${Math.round(edge.right)} px)`,
          );
          continue;
        }
        if (!ownText(element)) continue;
        const style = getComputedStyle(element);
        const clips =
          style.textOverflow === 'ellipsis' || style.overflowX === 'hidden' || style.overflow === 'hidden';
        if (clips && element.scrollWidth > element.clientWidth + 1) {
          problems.push(
            `${name(element)} is cut short (${element.scrollWidth} px in ${element.clientWidth} px)`,
          );
        }
      }
    }
    // A problem inside a nested element repeats for each ancestor that has text of its own: keep one each.
    return [...new Set(problems)];
  });
}
