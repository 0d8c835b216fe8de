import { PeriodicTask } from '../../../src/periodic-task';
import { capturedLogger } from '../../support/log-capture';

describe('a background job run every interval', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('runs each interval, never twice at once, logs a failed run once and goes on', async () => {
    const { logger, lines } = capturedLogger('error');
    let release: (() => void) | undefined;
    let runs = 0;
    const task = new PeriodicTask({ name: 'demo', intervalMs: 1000, logger }, async () => {
      runs += 1;
      if (runs === 2) throw new Error('boom');
      if (runs === 3) await new Promise<void>((resolve) => (release = resolve));
    });
    task.start();
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    expect(lines.map((l) => l.event)).toEqual(['demo.failed']);
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(3);
    // The third run is still going: the next interval does not start another.
    await jest.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);

    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release?.();
    await stopping;
    await jest.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
  });

  test('runOnStart runs at once', async () => {
    const { logger } = capturedLogger('error');
    let runs = 0;
    const task = new PeriodicTask(
      { name: 'demo', intervalMs: 60_000, logger, runOnStart: true },
      async () => {
        runs += 1;
      },
    );
    task.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await task.stop();
  });
});
