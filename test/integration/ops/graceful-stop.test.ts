import { startTestApp } from '../../support/test-app';

/** A turn whose reply the connector answers slowly: it is in flight while the app is told to stop. */
async function turnInFlight(latencyMs: number) {
  const app = await startTestApp();
  const chat = app.chat();
  await chat.install();
  app.connector.latencyMs = latencyMs;
  const isReply = (call: { kind: string; conversationId?: string }) =>
    call.kind === 'reply' && call.conversationId === chat.conversationId;
  const before = app.connector.calls.filter(isReply).length;
  const turn = chat.send('help').then(
    (result) => ({ status: result.status }),
    (error: unknown) => ({ failed: String(error) }),
  );
  // The help card has reached the connector, whose answer is `latencyMs` away: the turn is in flight.
  await app.connector.waitFor(isReply, before + 1);
  return { app, turn };
}

describe('stopping with a turn in flight', () => {
  test('the turn finishes and is answered within the grace, and the stop waits for it', async () => {
    const { app, turn } = await turnInFlight(1_000);
    const started = Date.now();
    let stopped = false;
    const stopping = app.app.stop(5_000).then(() => (stopped = true));
    // Readiness is gone at once: no new connection is taken.
    await expect(fetch(`${app.url}/readyz`)).rejects.toThrow();
    expect(await turn).toEqual({ status: 200 });
    await stopping;
    expect(stopped).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(app.logs.some((line) => line.event === 'app.grace_expired')).toBe(false);
    expect(app.logs.some((line) => line.event === 'app.stopped')).toBe(true);
    await app.close();
  }, 60_000);

  test('past the grace the stop goes on without it, and says so', async () => {
    const { app, turn } = await turnInFlight(8_000);
    const started = Date.now();
    await app.app.stop(500);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(app.logs.filter((line) => line.event === 'app.grace_expired')).toEqual([
      expect.objectContaining({ graceMs: 500, level: 'warn' }),
    ]);
    expect(await turn).toEqual({ failed: expect.any(String) });
    app.connector.latencyMs = 0;
    await app.close();
  }, 60_000);
});
