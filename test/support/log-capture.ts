import { createLogger, type Logger } from '../../src/logger';

/** A real pino logger whose JSON lines are kept for assertions (what an operator would read). */
export function capturedLogger(level = 'debug'): {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  raw: string[];
} {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const logger = createLogger(level, {
    write(chunk: string) {
      for (const line of chunk.split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
    },
  });
  return { logger, lines, raw };
}
