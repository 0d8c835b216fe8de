import { assessCvss, buildVector, findMetric, scoreCvss, type CvssVersion } from '../../domain/cvss';
import type { Command } from '../commands/command';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { CvssAssessment } from '../../domain/cvss';
import { CALCULATOR_COMMAND, type CalculatorReturnTo } from './calculator-options';
import { readCalculatorSubmit, type CalculatorSubmit } from './read-calculator-submit';
import { calculatorContext, renderCalculatorCard } from './render-calculator-card';
import { renderCvssErrorCard, renderCvssResultCard, type CardButton } from './render-cvss-result-card';
import { replaceCard } from '../replace-card';

/** The choices that mean the same in the other version (AV, AC, PR and some UI values carry over). */
function carryOver(choices: Readonly<Record<string, string>>, to: CvssVersion): Record<string, string> {
  return Object.fromEntries(
    Object.entries(choices).filter(([key, value]) => {
      const definition = findMetric(to, key);
      return definition?.group === 'base' && definition.values.some((allowed) => allowed.value === value);
    }),
  );
}

function calculatorCard(
  turn: Turn,
  submit: CalculatorSubmit,
  version: CvssVersion,
  errors?: readonly string[],
) {
  return renderCalculatorCard(turn.locale, {
    version,
    choices: version === submit.version ? submit.choices : carryOver(submit.choices, version),
    ...(errors ? { errors } : {}),
    ...(submit.returnTo ? { returnTo: submit.returnTo } : {}),
    ...(submit.token !== undefined ? { token: submit.token } : {}),
  });
}

async function calculate(turn: Turn, submit: CalculatorSubmit): Promise<void> {
  if (submit.unanswered.length > 0) {
    await replaceCard(turn, calculatorCard(turn, submit, submit.version, submit.unanswered));
    return;
  }
  const built = buildVector(submit.version, submit.choices);
  if (!built.ok) {
    // Unreachable with checked choices; if the tables ever disagree, ask again rather than guess.
    turn.log.error(
      { event: 'cvss.build_failed', error: built.error.key },
      'calculator choices built no vector',
    );
    await replaceCard(turn, calculatorCard(turn, submit, submit.version, Object.keys(submit.choices)));
    return;
  }
  const assessment = scoreCvss(built.parsed);
  const context = calculatorContext(submit);
  const t = turn.t;
  const actions: CardButton[] = [
    ...(submit.returnTo === 'report'
      ? [
          {
            title: t('cvssBot.result.useInReport'),
            data: { ...context, action: 'use', vector: assessment.vector },
          },
        ]
      : []),
    {
      title: t('cvssBot.result.changeChoices'),
      data: { ...context, action: 'edit', version: submit.version, choices: submit.choices },
    },
  ];
  turn.log.info(
    { event: 'cvss.calculated', version: assessment.version, score: assessment.overallScore },
    'calculator produced a score',
  );
  await replaceCard(turn, renderCvssResultCard(turn.locale, assessment, actions));
}

/**
 * What a dialog does with the calculator's result: `replyToId` is the result card the button was on (the
 * dialog may update it in place); `token` is the one the dialog opened the calculator with.
 */
export type CalculatorResultHandler = (
  turn: Turn,
  assessment: CvssAssessment,
  replyToId: string | undefined,
  token: string | undefined,
) => Promise<void>;

/** Where "Use this vector in my report" goes, per dialog that opens the calculator. */
export type CalculatorResultHandlers = Readonly<Partial<Record<CalculatorReturnTo, CalculatorResultHandler>>>;

async function useInReport(
  turn: Turn,
  submit: CalculatorSubmit,
  handlers: CalculatorResultHandlers,
): Promise<void> {
  const assessed = submit.vector === undefined ? undefined : assessCvss(submit.vector);
  if (!assessed) {
    await sendCard(turn.context, calculatorCard(turn, submit, submit.version));
    return;
  }
  if (!assessed.ok) {
    // Only a tampered card gets here: the result card carries the vector the calculator built.
    await sendCard(turn.context, renderCvssErrorCard(turn.locale, { error: assessed.error }));
    return;
  }
  const handler = submit.returnTo ? handlers[submit.returnTo] : undefined;
  if (!handler) {
    turn.log.error(
      { event: 'cvss.no_result_handler', returnTo: submit.returnTo },
      'no handler for the result',
    );
    await turn.context.sendActivity(turn.t('cvssBot.error.reportClosed'));
    return;
  }
  await handler(turn, assessed.assessment, turn.context.activity.replyToId, submit.token);
}

/**
 * The calculator card's buttons: calculate, switch version, change choices, use the result, open anew.
 * `handlers` take the result back to the dialog that opened the calculator (the report dialog imports
 * the calculator, so the calculator is handed the dialog's handler rather than importing it).
 */
export const createCalculatorCommand = (handlers: CalculatorResultHandlers): Command => ({
  name: CALCULATOR_COMMAND,
  // Reached only through card buttons (`{ cmd: 'cvss-calc' }`); people type `cvss`.
  words: [],
  run: async (turn, _args, value) => {
    const submit = readCalculatorSubmit(value ?? {});
    switch (submit.action) {
      case 'calculate':
        return calculate(turn, submit);
      case 'switch':
        // A new message, not the pressed card replaced: a client may keep an input's state (the Agents
        // Playground keeps a drop-down's choice list) across an in-place update, whatever its new id.
        await sendCard(turn.context, calculatorCard(turn, submit, submit.to ?? submit.version));
        return;
      case 'edit':
        return replaceCard(turn, calculatorCard(turn, submit, submit.version));
      case 'use':
        return useInReport(turn, submit, handlers);
      case 'open':
        await sendCard(turn.context, calculatorCard(turn, submit, submit.version));
    }
  },
});
