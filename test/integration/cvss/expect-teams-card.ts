import type * as AdaptiveCards from 'adaptivecards';
import { MAX_CARD_BYTES } from '../../../src/cards/render-card';

// The UMD build: the package's main entry is ES modules, which jest's CommonJS runtime cannot load.
const { AdaptiveCard, SerializationContext } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/**
 * What Teams needs to render a card and a screen reader to read it: the Adaptive Cards SDK parses and
 * validates it without a complaint, it is version 1.5 and under the size limit, every input has a label,
 * every button a title and no text element is empty.
 */
export function expectTeamsCard(json: unknown): void {
  const context = new SerializationContext();
  const card = new AdaptiveCard();
  card.parse(json, context);
  const parseEvents = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  expect(parseEvents).toEqual([]);
  expect(card.validateProperties().validationEvents.map((event) => event.message)).toEqual([]);
  expect((json as { version?: string }).version).toBe('1.5');
  expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(MAX_CARD_BYTES);

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
    if (typeof element.text === 'string' && /\$\{/.test(element.text))
      problems.push(`${path}: unbound template`);
    for (const [key, child] of Object.entries(element)) visit(child, `${path}.${key}`);
  };
  visit(json, 'card');
  expect(problems).toEqual([]);
}
