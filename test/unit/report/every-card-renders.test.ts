/**
 * @jest-environment jsdom
 */
import { readdirSync } from 'node:fs';
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

describe('every card the bot sends', () => {
  test('the list of templates is what cards/ holds', () => {
    expect(templates).toEqual(
      expect.arrayContaining(['report-kind', 'report-review', 'ticket-status', 'welcome']),
    );
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
