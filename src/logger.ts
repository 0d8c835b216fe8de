import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets, tokens and report text never reach a log line: the paths below are
 * censored wherever they appear, and callers log ids and counts, never bodies.
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'password',
  'secret',
  'token',
  'appPassword',
  'apiKey',
  'hmacSecret',
  'clientSecret',
  'body',
  'text',
  'report',
  '*.authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.appPassword',
  '*.apiKey',
  '*.clientSecret',
  '*.body',
  '*.text',
  '*.report',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'security-desk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
