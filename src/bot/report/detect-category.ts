import type { Category } from '../../domain/ticket';

/** The category a sentence names ("report a vulnerability", "сообщить об инциденте"), if exactly one. */
export function detectCategory(text: string): Category | undefined {
  const lower = text.toLowerCase();
  const vulnerability = /vulnerab|\bcve\b|уязвим/.test(lower);
  const incident = /incident|breach|compromise|инцидент|взлом|утечк/.test(lower);
  if (vulnerability === incident) return undefined;
  return vulnerability ? 'vulnerability' : 'incident';
}
