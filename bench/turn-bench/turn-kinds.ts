/** Every kind of turn the bench measures, in the order a round runs them. */
export const turnKinds = [
  'help',
  'report',
  'report step',
  'submit',
  'status',
  'my tickets',
  'reply',
  'cvss calculator',
  'cvss score',
  'triage press',
] as const;

export type TurnKind = (typeof turnKinds)[number];

/** How many turns of a kind one user makes per round: the report dialog's incident has four Next steps. */
export const turnsPerRound: Readonly<Record<TurnKind, number>> = {
  help: 1,
  report: 1,
  'report step': 4,
  submit: 1,
  status: 1,
  'my tickets': 1,
  reply: 1,
  'cvss calculator': 1,
  'cvss score': 1,
  'triage press': 1,
};
