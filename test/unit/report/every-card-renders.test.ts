/**
 * @jest-environment jsdom
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CARD_BYTES, renderCard } from '../../../src/cards/render-card';
import { LOCALES } from '../../../src/i18n/locale';
import { PROJECT_ROOT } from '../../../src/project-root';
import { accessibilityProblems, rendererComplaints } from '../../support/teams-card-checks';
import { cardSamples } from './card-samples';

const templates = readdirSync(join(PROJECT_ROOT, 'cards'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''));

// A template without samples is still parsed and rendered, with empty data (its bindings stay unbound).
const cases = templates.flatMap((name) =>
  LOCALES.flatMap((locale) =>
    (cardSamples[name] ?? [(l: typeof locale) => renderCard(name, l, {})]).map(
      (sample, i) => [name, locale, i + 1, sample, name in cardSamples] as const,
    ),
  ),
);

/** Every `actions` array of a card (its own, an ActionSet's, a ShowCard's), with where it is. */
function actionRows(card: unknown): Array<{ path: string; titles: string[] }> {
  const rows: Array<{ path: string; titles: string[] }> = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (Array.isArray(element.actions)) {
      rows.push({ path, titles: element.actions.map((a) => String((a as { title?: unknown }).title)) });
    }
    for (const [key, child] of Object.entries(element)) visit(child, `${path}.${key}`);
  };
  visit(card, 'card');
  return rows;
}

/** Teams draws at most six actions in a row, the Agents Playground five; a row is kept to five. */
const MAX_ACTIONS_IN_A_ROW = 5;

describe('every card the bot sends', () => {
  test('the list of templates is what cards/ holds', () => {
    expect(templates).toEqual(
      expect.arrayContaining(['report-kind', 'report-review', 'ticket-status', 'welcome']),
    );
  });

  test.each(templates)('the %s template has at most five actions in any row, before any $when', (name) => {
    const template: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cards', `${name}.json`), 'utf8'));
    const crowded = actionRows(template).filter((row) => row.titles.length > MAX_ACTIONS_IN_A_ROW);
    expect(crowded).toEqual([]);
  });

  test.each(templates)('the %s template gives every Action.Execute card a refresh', (name) => {
    const text = readFileSync(join(PROJECT_ROOT, 'cards', `${name}.json`), 'utf8');
    if (!text.includes('"Action.Execute"')) return;
    const template = JSON.parse(text) as {
      refresh?: { action?: { type?: string; verb?: string }; userIds?: unknown };
    };
    expect(template.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: expect.any(String) });
    expect(template.refresh?.userIds).toBeDefined();
  });

  test.each(cases)(
    '%s (%s, sample %i) has at most five actions in a row, each titled apart from the others in its row',
    (_name, locale, _i, sample) => {
      for (const row of actionRows(sample(locale))) {
        expect([row.path, row.titles.length <= MAX_ACTIONS_IN_A_ROW]).toEqual([row.path, true]);
        expect([row.path, new Set(row.titles).size]).toEqual([row.path, row.titles.length]);
      }
    },
  );

  test('step 1’s offer toggles each name the row they open', () => {
    const toggles = (locale: 'en' | 'ru') =>
      JSON.stringify(cardSamples['report-kind']![0]!(locale))
        .match(/"type":"Action\.ToggleVisibility","title":"[^"]+"/g)
        ?.map((hit) => hit.replace(/.*"title":"/, '').replace(/"$/, ''));
    expect(toggles('en')).toEqual([
      'Add a 2nd offer',
      'Add a 3rd offer',
      'Add a 4th offer',
      'Add a 5th offer',
      'Add a 6th offer',
      'Add a 7th offer',
      'Add an 8th offer',
      'Add a 9th offer',
      'Add a 10th offer',
    ]);
    expect(new Set(toggles('ru')).size).toBe(9);
    expect(toggles('ru')?.[0]).toBe('+ 2-е предложение');
  });

  test.each(cases)(
    '%s (%s, sample %i) renders in the adaptivecards renderer without a warning',
    (_name, locale, _i, sample, bound) => {
      const card = sample(locale);
      expect(card.version).toBe('1.5');
      expect(rendererComplaints(card, { render: true })).toEqual([]);
      expect(accessibilityProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
      // A template expression left unbound would show as literal "${…}" to the person.
      if (bound) expect(JSON.stringify(card)).not.toMatch(/\$\{[^}]*\}/);
    },
  );
});
