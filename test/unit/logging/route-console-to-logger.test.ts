import { routeConsoleToLogger } from '../../../src/route-console-to-logger';
import { capturedLogger } from '../../support/log-capture';

describe('what libraries print to the console', () => {
  const saved = { ...console };
  afterEach(() => Object.assign(console, saved));

  test('becomes one JSON log line per call, cut short, never a multi-line dump', () => {
    const { logger, lines, raw } = capturedLogger('debug');
    routeConsoleToLogger(logger);
    console.error(
      'Error finding key for token. Available keys: %s',
      `-----BEGIN PUBLIC KEY-----\n${'A'.repeat(900)}`,
    );
    console.log('plain', { a: 1 });
    expect(raw).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'warn', component: 'console', event: 'console.error' });
    expect(String(lines[0]!.msg).length).toBeLessThanOrEqual(500);
    expect(lines[1]).toMatchObject({ level: 'info', event: 'console.log', msg: 'plain { a: 1 }' });
  });
});
