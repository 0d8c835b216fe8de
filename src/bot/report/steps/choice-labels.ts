import { yesNoUnknown } from '../../../domain/ticket';
import type { Translator } from '../../../i18n/translate';

/** The yes / no / don't know choices of a ChoiceSet, in the person's language. */
export function yesNoUnknownChoices(t: Translator) {
  return yesNoUnknown.map((value) => ({ title: t(`report.choice.${value}`), value }));
}
