import { renderCard, type AdaptiveCard } from '../../cards/render-card';
import { CVSS_METRICS, type CvssVersion } from '../../domain/cvss';
import type { Locale } from '../../i18n/locale';
import { translator } from '../../i18n/translate';
import {
  CALCULATOR_COMMAND,
  metricInputId,
  otherCalculatorVersions,
  type CalculatorOptions,
} from './calculator-options';

/** The fields every button of the calculator and its result carries, so a submit knows where it came from. */
export function calculatorContext(options: Pick<CalculatorOptions, 'returnTo' | 'token'>) {
  return {
    cmd: CALCULATOR_COMMAND,
    ...(options.returnTo ? { returnTo: options.returnTo } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  };
}

function baseMetrics(version: CvssVersion) {
  return CVSS_METRICS[version].filter((definition) => definition.group === 'base');
}

/**
 * The calculator: one choice per base metric with its one-line help, a Calculate button and a switch to
 * each other version (keeping the choices that version also defines). Reused by the report dialog.
 */
export function renderCalculatorCard(locale: Locale, options: CalculatorOptions): AdaptiveCard {
  const t = translator(locale);
  const { version } = options;
  const flagged = new Set(options.errors ?? []);
  const metrics = baseMetrics(version).map((definition) => {
    const chosen = options.choices?.[definition.key];
    const label = t(definition.label);
    return {
      id: metricInputId(version, definition.key),
      label,
      help: definition.help ? t(definition.help) : '',
      value: chosen !== undefined && definition.values.some((v) => v.value === chosen) ? chosen : '',
      choices: definition.values.map((v) => ({ title: t(v.label), value: v.value })),
      ...(flagged.has(definition.key) ? { error: t('cvssBot.calculator.missing', { metric: label }) } : {}),
    };
  });
  const context = calculatorContext(options);
  return renderCard('cvss-calculator', locale, {
    title: t('cvssBot.calculator.title', { version }),
    showUsage: options.showUsage === true,
    metrics,
    calculateData: { ...context, action: 'calculate', version },
    switches: otherCalculatorVersions(version).map((to) => ({
      title: t('cvssBot.calculator.switchTo', { version: to }),
      data: { ...context, action: 'switch', version, to },
    })),
  });
}
