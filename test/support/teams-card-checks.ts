import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as AdaptiveCards from 'adaptivecards';
import { MAX_CARD_BYTES } from '../../src/cards/render-card';

// The UMD build: the package's main entry is ES modules, which jest's CommonJS runtime cannot load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
// Teams renders the Adaptive Cards markdown subset itself; here text is shown as is, without the warning
// the renderer prints when no markdown processor is installed.
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = text;
  result.didProcess = true;
};

/** The newest schema Teams renders on every client. */
const TEAMS_MAX_VERSION = 1.5;

/** Microsoft's host config for Teams in the light theme (see teams-host-config/README.md). */
export const TEAMS_HOST_CONFIG_DIR = join(__dirname, 'teams-host-config');
export const teamsHostConfigJson: unknown = JSON.parse(
  readFileSync(join(TEAMS_HOST_CONFIG_DIR, 'microsoft-teams-light.json'), 'utf8'),
);
const teamsHostConfig = new AC.HostConfig(teamsHostConfigJson);

/**
 * What the official Adaptive Cards renderer, under Teams' host config, complains about: a version Teams
 * does not render, parse events, then property validation failures (more than six actions in a row); with `render` (a DOM, i.e. the jsdom test environment) also a card that renders no element.
 */
export function rendererComplaints(json: unknown, options: { render?: boolean } = {}): string[] {
  const card = new AC.AdaptiveCard();
  card.hostConfig = teamsHostConfig;
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const complaints: string[] = [];
  // The renderer knows 1.6; Teams draws up to 1.5 on every client.
  const version = Number((json as { version?: unknown } | null)?.version);
  if (!(version > 0 && version <= TEAMS_MAX_VERSION))
    complaints.push(`version: ${String(version)} is not 1.0 to 1.5`);
  for (let i = 0; i < context.eventCount; i++) complaints.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents)
    complaints.push(`validate: ${event.message}`);
  if (options.render && !(card.render() instanceof HTMLElement)) complaints.push('render: no element');
  return complaints;
}

/** What Teams users and screen readers need: a label on every input, a title on every button, no empty text. */
export function accessibilityProblems(json: unknown): string[] {
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

/** A card as Teams would take it: valid for the renderer, version 1.5, under the size limit, accessible. */
export function expectTeamsCard(json: unknown): void {
  expect(rendererComplaints(json)).toEqual([]);
  expect((json as { version?: string }).version).toBe('1.5');
  expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(MAX_CARD_BYTES);
  expect(accessibilityProblems(json)).toEqual([]);
  // A template expression left unbound would show as literal "${…}" to the person.
  expect(JSON.stringify(json)).not.toMatch(/\$\{[^}]*\}/);
}
