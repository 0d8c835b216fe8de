import { assessCvss, orderCvssVector } from '../../domain/cvss';
import { echoText } from '../../domain/echo-text';
import {
  CALCULATOR_COMMAND,
  renderCalculatorCard,
  renderCvssErrorCard,
  renderCvssResultCard,
  type CardButton,
} from '../cvss-calculator';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { Command } from './command';

/** What the person sent is shown back no longer than a real vector. */
const MAX_ECHO = 200;

async function scoreVector(turn: Turn, vector: string): Promise<void> {
  const result = assessCvss(vector);
  if (result.ok) {
    const { assessment } = result;
    turn.log.info(
      { event: 'cvss.scored', version: assessment.version, score: assessment.overallScore },
      'cvss vector scored',
    );
    await sendCard(turn.context, renderCvssResultCard(turn.locale, assessment));
    return;
  }
  const { error } = result;
  turn.log.info({ event: 'cvss.refused', error: error.key, version: error.version }, 'cvss vector refused');
  const ordered =
    error.key === 'cvss.order' && error.version ? orderCvssVector(vector, error.version) : undefined;
  const actions: CardButton[] = [
    ...(ordered
      ? [{ title: turn.t('cvssBot.error.scoreOrdered'), data: { cmd: 'cvss', vector: ordered } }]
      : []),
    {
      title: turn.t('cvssBot.result.openCalculator'),
      data: { cmd: CALCULATOR_COMMAND, action: 'open', version: error.version ?? '3.1' },
    },
  ];
  await sendCard(
    turn.context,
    renderCvssErrorCard(
      turn.locale,
      { error, input: echoText(vector, MAX_ECHO), ...(ordered ? { ordered } : {}) },
      actions,
    ),
  );
}

/** `cvss <vector>` anywhere: the score and every metric in words, or the precise error; alone, the calculator. */
export const cvssCommand: Command = {
  name: 'cvss',
  // The longer phrases first: "cvss calculator" must not be read as the vector "calculator".
  words: ['cvss calculator', 'калькулятор cvss', 'cvss'],
  run: async (turn, args, value) => {
    // The error card's "Score the reordered vector" button carries the vector in its data.
    const fromCard = typeof value?.vector === 'string' ? value.vector : undefined;
    const vector = (fromCard ?? args).trim();
    if (vector === '') {
      await sendCard(turn.context, renderCalculatorCard(turn.locale, { version: '3.1', showUsage: true }));
      return;
    }
    await scoreVector(turn, vector);
  },
};
