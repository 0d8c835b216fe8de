/**
 * @jest-environment jsdom
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as AdaptiveCards from 'adaptivecards';
import { MAX_CARD_BYTES, renderCard, type AdaptiveCard } from '../../../src/cards/render-card';
import { LOCALES } from '../../../src/i18n/locale';
import { PROJECT_ROOT } from '../../../src/project-root';
import { cardSamples } from './card-samples';

// The UMD build: the package's main entry is ES modules, which jest's CommonJS runtime cannot load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const templates = readdirSync(join(PROJECT_ROOT, 'cards'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''));

/** What the official renderer complains about: parse events, then property validation failures. */
function rendererComplaints(json: AdaptiveCard): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const complaints: string[] = [];
  for (let i = 0; i < context.eventCount; i++) complaints.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents)
    complaints.push(`validate: ${event.message}`);
  if (!(card.render() instanceof HTMLElement)) complaints.push('render: no element');
  return complaints;
}

/** What Teams users and screen readers need: a label on every input, a title on every button, no empty text. */
function accessibilityProblems(json: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const type = typeof element.type === 'string' ? element.type : '';
    if (type.startsWith('Input.') && !element.label) problems.push(`${path}: ${type} without a label`);
    if (type.startsWith('Action.') && !element.title) problems.push(`${path}: ${type} without a title`);
    if ((type === 'TextBlock' || type === 'TextRun') && !String(element.text ?? '').trim()) {
      problems.push(`${path}: empty ${type}`);
    }
    for (const [key, child] of Object.entries(element)) visit(child, `${path}.${key}`);
  };
  visit(json, 'card');
  return problems;
}

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
      expect(rendererComplaints(card)).toEqual([]);
      expect(accessibilityProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
      // A template expression left unbound would show as literal "${…}" to the person.
      if (bound) expect(JSON.stringify(card)).not.toMatch(/\$\{[^}]*\}/);
    },
  );
});
