import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEAMS_HOST_CONFIG_DIR, teamsHostConfigJson } from '../support/teams-card-checks';
import { everyCardAtItsLongest, LONGEST_VECTORS } from '../unit/cards/longest-card-samples';
import { launchChromium, type LaunchedBrowser } from './support/launch-chromium';
import { layoutProblems, PHONE_WIDTH } from './support/layout-problems';
import { screenshotDir } from './support/output-paths';

/**
 * Every card the bot sends, drawn by the official Adaptive Cards renderer (the `adaptivecards` package)
 * under Microsoft's Teams host config and the Teams container's styles (light theme), in headless
 * chromium at a 320 px phone's width: nothing may scroll sideways, run past the card's edge or be cut
 * short, with every Action.ShowCard form closed and each one open. English and Russian, at the longest:
 * ten offers, every field at its limit, the longest CVSS 3.0, 3.1 and 4.0 vectors. A screenshot of each
 * lands in test-output/e2e-screenshots/teams-renderer-320px/.
 */
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const TEAMS_CSS = readFileSync(join(TEAMS_HOST_CONFIG_DIR, 'teams-container-light.css'), 'utf8');

let browser: LaunchedBrowser;
let shots: string;

/** Draws a card in the page's host, as Teams would: parsed and rendered under Teams' host config. */
async function draw(card: unknown): Promise<string[]> {
  return browser.page.evaluate(
    ({ card, hostConfig }) => {
      const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
      const host = document.getElementById('host')!;
      host.replaceChildren();
      const adaptiveCard = new AC.AdaptiveCard();
      adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
      const context = new AC.SerializationContext();
      adaptiveCard.parse(card, context);
      const element = adaptiveCard.render();
      if (element) host.appendChild(element);
      const events: string[] = [];
      for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
      if (!element) events.push('the renderer drew nothing');
      return events;
    },
    { card, hostConfig: teamsHostConfigJson },
  );
}

const host = () => browser.page.locator('#host');

beforeAll(async () => {
  shots = screenshotDir('teams-renderer-320px');
  browser = await launchChromium({ timeZone: 'UTC' });
  await browser.page.setViewportSize({ width: PHONE_WIDTH, height: 2000 });
  await browser.page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${TEAMS_CSS}
      body { margin: 0; background: #fff; }
      #host { width: ${PHONE_WIDTH}px; box-sizing: border-box; }
    </style></head><body><div id="host" class="teams-card"></div></body></html>`,
  );
  await browser.page.addScriptTag({ path: RENDERER });
});

afterEach(() => {
  expect(browser.pageErrors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

describe('the phone check can fail', () => {
  it('reports a vector in a TextRun running past the edge, and a button title cut short', async () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: LONGEST_VECTORS['4.0'] }] },
        {
          type: 'ActionSet',
          actions: ['Подтвердить получение', 'Изменить приоритет', 'Задать вопрос'].map((title) => ({
            type: 'Action.Submit',
            title,
          })),
        },
      ],
    };
    expect(await draw(card)).toEqual([]);
    const problems = (await layoutProblems(host())).join('\n');
    expect(problems).toMatch(/span.ac-textRun "CVSS:4\.0\/AV:N.*" runs past the card's edge/);
    expect(problems).toMatch(/div "Подтвердить получение" is cut short/);
  });

  it('passes the same vector in a wrapping TextBlock', async () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: LONGEST_VECTORS['4.0'], fontType: 'Monospace', wrap: true }],
    };
    expect(await draw(card)).toEqual([]);
    expect(await layoutProblems(host())).toEqual([]);
  });
});

describe('every card the bot sends, in the official renderer under Teams’ host config at 320 px', () => {
  test.each(everyCardAtItsLongest().map((sample) => [sample.name, sample] as const))(
    '%s fits: nothing scrolls sideways, runs past the edge or is cut short, with each form open',
    async (name, { render }) => {
      expect(await draw(render())).toEqual([]);
      await host().screenshot({ path: join(shots, `${name}.png`) });
      const problems = (await layoutProblems(host())).map((problem) => `closed: ${problem}`);
      // Each Action.ShowCard form in turn: opened, checked, closed again.
      const forms = host().locator('button[aria-expanded]');
      for (let i = 0; i < (await forms.count()); i++) {
        const button = forms.nth(i);
        if (!(await button.isVisible())) continue;
        const title = ((await button.textContent()) ?? `form ${i + 1}`).trim();
        await button.click();
        await host().screenshot({ path: join(shots, `${name}-form-${i + 1}.png`) });
        problems.push(...(await layoutProblems(host())).map((problem) => `"${title}" open: ${problem}`));
        if ((await button.getAttribute('aria-expanded')) === 'true') await button.click();
      }
      expect(problems).toEqual([]);
    },
  );
});
