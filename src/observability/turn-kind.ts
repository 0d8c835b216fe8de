/** Invoke names worth their own series; any other invoke is counted as `invoke`. */
const knownInvokes = new Set(['adaptiveCard/action', 'task/fetch', 'task/submit']);
const knownTypes = new Set([
  'message',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'event',
]);

/**
 * The kind of a turn for the latency histogram, from a fixed set (a label from the activity as it came
 * would let a caller mint series without end): `message`, `card_submit` (a message carrying a card's
 * data and no text), `invoke:<name>` for the card actions, the other activity types, or `other`.
 */
export function turnKind(activity: {
  type?: unknown;
  text?: unknown;
  value?: unknown;
  name?: unknown;
}): string {
  const type = typeof activity.type === 'string' ? activity.type : '';
  if (type === 'message') {
    const text = typeof activity.text === 'string' ? activity.text.trim() : '';
    return text === '' && activity.value !== undefined ? 'card_submit' : 'message';
  }
  if (type === 'invoke') {
    return typeof activity.name === 'string' && knownInvokes.has(activity.name)
      ? `invoke:${activity.name}`
      : 'invoke';
  }
  return knownTypes.has(type) ? type : 'other';
}
