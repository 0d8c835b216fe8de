import { IdempotentResponses } from '../../../src/store/idempotent-responses';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';

describe.each(engines)('answers remembered per Idempotency-Key on $name', (engine) => {
  let database: TestDatabase;
  let responses: IdempotentResponses;
  beforeAll(async () => {
    database = await engine.create();
    responses = new IdempotentResponses((await database.open()).db, new FixedClock('2026-11-24T10:00:00Z'));
  });
  afterAll(() => database.destroy());

  test('a retry gets the first answer without running again', async () => {
    let runs = 0;
    const work = async () => ({ status: 200, body: { run: ++runs } });
    expect(await responses.run('k1', 'scope', work)).toEqual({
      kind: 'fresh',
      response: { status: 200, body: { run: 1 } },
    });
    expect(await responses.run('k1', 'scope', work)).toEqual({
      kind: 'replayed',
      response: { status: 200, body: { run: 1 } },
    });
    expect(runs).toBe(1);
  });

  test('the same key for another request is refused', async () => {
    await responses.run('k2', 'post message A', async () => ({ status: 200, body: {} }));
    expect(await responses.run('k2', 'post message B', async () => ({ status: 200, body: {} }))).toEqual({
      kind: 'mismatch',
    });
  });

  test('a key whose first request is still running is reported as such; two racing requests run once', async () => {
    let release!: () => void;
    let runs = 0;
    const slow = () =>
      new Promise<{ status: number; body: unknown }>((resolve) => {
        runs += 1;
        release = () => resolve({ status: 201, body: {} });
      });
    const first = responses.run('k3', 'scope', slow);
    while (runs === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await responses.run('k3', 'scope', slow)).toEqual({ kind: 'inProgress' });
    release();
    expect((await first).kind).toBe('fresh');
    expect(runs).toBe(1);
  });

  test('a server failure is not remembered: the retry runs again', async () => {
    let runs = 0;
    const failing = async () => ({ status: ++runs === 1 ? 503 : 200, body: {} });
    expect(await responses.run('k4', 'scope', failing)).toMatchObject({
      kind: 'fresh',
      response: { status: 503 },
    });
    expect(await responses.run('k4', 'scope', failing)).toMatchObject({
      kind: 'fresh',
      response: { status: 200 },
    });
  });

  test('old keys are purged', async () => {
    await responses.run('k5', 'scope', async () => ({ status: 200, body: {} }));
    expect(await responses.purge(new Date('2026-11-25T10:00:00Z'))).toBeGreaterThan(0);
  });
});
