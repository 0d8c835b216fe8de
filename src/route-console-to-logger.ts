import { format } from 'node:util';
import type { Logger } from './logger';

/**
 * Sends what libraries print with console.* (botbuilder prints whole errors, key lists included, with
 * console.error) through the structured logger as one JSON line each, so the log stream stays parseable.
 * The text is cut short: it is a library's diagnostic, not something to keep whole.
 */
export function routeConsoleToLogger(logger: Logger): void {
  const log = logger.child({ component: 'console' });
  const line = (args: unknown[]) => {
    const text = format(...args);
    return text.length > 500 ? `${text.slice(0, 497)}...` : text;
  };
  console.error = (...args: unknown[]) => log.warn({ event: 'console.error' }, line(args));
  console.warn = (...args: unknown[]) => log.warn({ event: 'console.warn' }, line(args));
  console.info = (...args: unknown[]) => log.info({ event: 'console.info' }, line(args));
  console.log = (...args: unknown[]) => log.info({ event: 'console.log' }, line(args));
  console.debug = (...args: unknown[]) => log.debug({ event: 'console.debug' }, line(args));
  console.trace = (...args: unknown[]) => log.debug({ event: 'console.trace' }, line(args));
}
