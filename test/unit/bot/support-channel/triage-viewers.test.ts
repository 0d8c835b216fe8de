import { MAX_REFRESH_USERS, TriageViewers } from '../../../../src/bot/support-channel/triage-viewers';
import { StateDocuments } from '../../../../src/store/state-documents';
import { engines, type TestDatabase } from '../../../support/databases';
import { FixedClock } from '../../../support/fixed-clock';

const person = (n: number) => `29:analyst-${n}`;

describe.each(engines)('who works the triage cards, on $name', (engine) => {
  let database: TestDatabase;
  let documents: StateDocuments;
  let writes: number;
  let viewers: TriageViewers;
  beforeAll(async () => {
    database = await engine.create();
    documents = new StateDocuments((await database.open()).db, new FixedClock());
    const write = documents.write.bind(documents);
    documents.write = (...args) => {
      writes += 1;
      return write(...args);
    };
  });
  afterAll(() => database.destroy());
  beforeEach(() => {
    writes = 0;
    viewers = new TriageViewers(documents);
  });

  test('a new person comes first; one already near the front is not moved and nothing is written', async () => {
    const binding = 'binding-front';
    await viewers.remember(binding, person(1));
    await viewers.remember(binding, person(2));
    expect(await viewers.remember(binding, person(3))).toEqual([person(3), person(2), person(1)]);
    expect(writes).toBe(3);

    expect(await viewers.remember(binding, person(1))).toEqual([person(3), person(2), person(1)]);
    expect(writes).toBe(3);
    expect(await viewers.list(binding)).toEqual([person(3), person(2), person(1)]);
  });

  test('a full list keeps 60: a newcomer drops the last, one from the back half moves up and stays listed', async () => {
    const binding = 'binding-full';
    for (let n = 1; n <= MAX_REFRESH_USERS; n++) await viewers.remember(binding, person(n));
    const full = await viewers.list(binding);
    expect(full).toHaveLength(MAX_REFRESH_USERS);
    expect(full[0]).toBe(person(MAX_REFRESH_USERS));
    expect(full.at(-1)).toBe(person(1));

    // Person 1 is last: their press moves them first, so the next newcomer drops person 2 instead.
    expect((await viewers.remember(binding, person(1)))[0]).toBe(person(1));
    const after = await viewers.remember(binding, person(1000));
    expect(after).toHaveLength(MAX_REFRESH_USERS);
    expect(after.slice(0, 2)).toEqual([person(1000), person(1)]);
    expect(after).not.toContain(person(2));
    expect(await viewers.list(binding)).toEqual(after);
  });
});
