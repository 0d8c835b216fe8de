import { cardProblems } from './card-problems';
import type { ForwardedActivity } from './client-locale-proxy';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * A card button press (Action.Execute) is answered in the invoke's HTTP response, not over the page's
 * websocket: the answer card is checked here, and a refusal is a problem (no scenario presses a button it
 * may not).
 */
export function invokeProblems(activities: ReadonlyArray<ForwardedActivity>): string[] {
  const problems: string[] = [];
  for (const { activity, status, answer } of activities) {
    if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action') continue;
    const verb = String((activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb);
    if (status === undefined) {
      problems.push(`card press "${verb}" was not answered`);
      continue;
    }
    let response: { statusCode?: unknown; type?: unknown; value?: unknown } = {};
    try {
      response = JSON.parse(answer ?? '{}') as typeof response;
    } catch {
      problems.push(`card press "${verb}": the bot answered ${String(status)} with no JSON`);
      continue;
    }
    if (status !== 200 || response.statusCode !== 200) {
      problems.push(
        `card press "${verb}" refused: HTTP ${String(status)}, ${JSON.stringify(response).slice(0, 300)}`,
      );
      continue;
    }
    if (response.type !== ADAPTIVE_CARD) continue;
    const cardIssues = cardProblems(response.value);
    if (cardIssues.length > 0) problems.push(`invalid card answering "${verb}": ${cardIssues.join('; ')}`);
  }
  return problems;
}
