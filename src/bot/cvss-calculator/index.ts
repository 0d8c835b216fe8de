export { CALCULATOR_COMMAND, type CalculatorOptions, type CalculatorReturnTo } from './calculator-options';
export { calculatorCommand } from './calculator-command';
export { onCalculatorResult, type CalculatorResultHandler } from './calculator-result-hooks';
export { renderCalculatorCard } from './render-calculator-card';
export {
  formatScore,
  renderCvssErrorCard,
  renderCvssResultCard,
  suggestedSeverityOf,
  type CardButton,
} from './render-cvss-result-card';
