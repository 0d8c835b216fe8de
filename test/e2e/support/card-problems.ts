import type * as AdaptiveCards from 'adaptivecards';
import { teamsHostConfigJson } from '../../support/teams-card-checks';

// The package's `lib/` build is ES modules that Node's require cannot load; its UMD bundle is the same
// renderer the Playground ships, and parses without a DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Teams renders Adaptive Cards up to 1.5 on every client. */
const TEAMS_MAX_VERSION = 1.5;

/**
 * What the official Adaptive Cards renderer reports about a card: parse events (unknown element or
 * action types, invalid property values) and validation failures (duplicate ids, unsupported version),
 * plus what Teams needs beyond that. Empty when the card is valid.
 */
export function cardProblems(content: unknown): string[] {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return ['not a JSON object'];
  const json = content as Record<string, unknown>;
  const problems: string[] = [];
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
  const version = Number(json.version);
  if (!(version > 0) || version > TEAMS_MAX_VERSION) {
    problems.push(`version ${JSON.stringify(json.version)}: Teams renders 1.0 to ${TEAMS_MAX_VERSION}`);
  }
  const card = new AC.AdaptiveCard();
  // Teams' own host config: six actions to a row at most, as Teams draws them.
  card.hostConfig = new AC.HostConfig(teamsHostConfigJson);
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}
