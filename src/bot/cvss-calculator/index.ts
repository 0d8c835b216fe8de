export { CALCULATOR_COMMAND, type CalculatorOptions, type CalculatorReturnTo } from './calculator-options';
export {
  createCalculatorCommand,
  type CalculatorResultHandler,
  type CalculatorResultHandlers,
} from './calculator-command';
export { renderCalculatorCard } from './render-calculator-card';
export {
  renderCvssErrorCard,
  renderCvssResultCard,
  suggestedSeverityOf,
  type CardButton,
} from './render-cvss-result-card';
