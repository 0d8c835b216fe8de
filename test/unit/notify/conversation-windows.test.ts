import {
  MemoryConversationWindows,
  PostgresConversationWindows,
  type ConversationWindows,
  type WindowLimit,
} from '../../../src/notify/conversation-windows';
import { perConversationLimits } from '../../../src/notify/teams-rate-limits';
import type { Store } from '../../../src/store/create-store';
import { engines, type TestDatabase } from '../../support/databases';

const teams: WindowLimit[] = perConversationLimits.map((l) => ({
  points: l.points,
  windowMs: l.seconds * 1000,
}));

/** Takes slots at `now` until one is refused; the number taken and the wait of the refusal. */
async function fill(windows: ConversationWindows, chat: string): Promise<{ taken: number; waitMs: number }> {
  for (let taken = 0; ; taken++) {
    const answer = await windows.tryTake(chat);
    if (!answer.ok) return { taken, waitMs: answer.retryInMs };
  }
}

function describeWindows(make: (now: () => number) => Promise<ConversationWindows>) {
  let now = 0;
  let windows: ConversationWindows;
  beforeEach(async () => {
    now = 1_000_000;
    windows = await make(() => now);
  });

  it("lets 7 calls into one second and an 8th only when the first has left the second's window", async () => {
    expect(await fill(windows, 'chat-a')).toEqual({ taken: 7, waitMs: 1000 });
    now += 1000;
    // Teams' 8-per-2-seconds window binds next: the 8th may go, the 9th waits for the first to leave it.
    expect(await fill(windows, 'chat-a')).toEqual({ taken: 1, waitMs: 1000 });
    now += 1000;
    expect((await fill(windows, 'chat-a')).taken).toBe(7);
  });

  it('reaches the ceiling when calls are spread: 60 in any 30 seconds, sliding, never 2 × 60 across an edge', async () => {
    let sent = 0;
    for (let second = 0; second < 60; second++) {
      sent += (await fill(windows, 'chat-b')).taken;
      now += 1000;
    }
    // Two 30-second windows back to back: exactly 2 × 60, where fixed windows aligned badly allow less
    // over a minute, or let a window's allowance go at its end and again at the next one's start.
    expect(sent).toBe(120);
  });

  it('keeps each chat to its own windows, and gives a slot back when the call is not made', async () => {
    expect((await fill(windows, 'chat-c')).taken).toBe(7);
    expect((await fill(windows, 'chat-d')).taken).toBe(7);
    now += 1000;
    const answer = await windows.tryTake('chat-c');
    if (!answer.ok) throw new Error('expected a slot');
    await answer.giveBack();
    expect(await fill(windows, 'chat-c')).toMatchObject({ taken: 1 });
  });
}

describe('per-conversation windows in one process', () => {
  describeWindows(async (now) => new MemoryConversationWindows(teams, now));
});

describe.each(engines.filter((e) => e.name === 'postgres'))(
  'per-conversation windows shared on $name',
  (engine) => {
    let database: TestDatabase;
    let store: Store;
    beforeAll(async () => {
      database = await engine.create();
      store = await database.open();
    });
    afterAll(() => database.destroy());

    describeWindows(async (now) => {
      await store.db.deleteFrom('notify_send_log').execute();
      return new PostgresConversationWindows(store.db, teams, now);
    });

    it('instances racing on one conversation, each with its own connections, never take more than its windows allow', async () => {
      // Two stores = two instances' pools; every round, 40 calls at once for the same second.
      const other = await database.open();
      try {
        for (let round = 0; round < 15; round++) {
          const chat = `race-${round}`;
          const now = () => 7_000_000 + round * 10_000_000;
          const instances = [store, other].map((s) => new PostgresConversationWindows(s.db, teams, now));
          const answers = await Promise.all(
            Array.from({ length: 40 }, (_, i) => instances[i % 2]!.tryTake(chat)),
          );
          expect(answers.filter((answer) => answer.ok)).toHaveLength(7);
        }
      } finally {
        await other.close();
      }
    });

    it("the bot-wide windows are shared by the instances in the same call: across many chats, no more than the bot's limit", async () => {
      const other = await database.open();
      try {
        const botWide: WindowLimit[] = [{ points: 10, windowMs: 1000 }];
        for (let round = 0; round < 10; round++) {
          await store.db.deleteFrom('notify_send_log').execute();
          let now = 9_000_000 + round * 10_000_000;
          const instances = [store, other].map(
            (s) => new PostgresConversationWindows(s.db, teams, () => now, botWide),
          );
          // 40 chats, one call each, at the same moment from two instances: only the bot's 10 go.
          const answers = await Promise.all(
            Array.from({ length: 40 }, (_, i) => instances[i % 2]!.tryTake(`chat-${round}-${i}`)),
          );
          expect(answers.filter((answer) => answer.ok)).toHaveLength(10);
          for (const answer of answers) {
            if (!answer.ok) expect(answer).toEqual({ ok: false, retryInMs: 1000, scope: 'global' });
          }
          // A second later the bot's window has room again, whatever instance asks.
          now += 1000;
          expect((await instances[1]!.tryTake(`chat-${round}-late`)).ok).toBe(true);
        }
      } finally {
        await other.close();
      }
    });

    it("a chat's own refusal takes nothing from the bot-wide windows; a slot given back frees both", async () => {
      await store.db.deleteFrom('notify_send_log').execute();
      const now = () => 3_000_000;
      const windows = new PostgresConversationWindows(store.db, teams, now, [{ points: 9, windowMs: 1000 }]);
      expect(await fill(windows, 'busy-chat')).toEqual({ taken: 7, waitMs: 1000 });
      // The chat's 8th was refused by its own window and counted nowhere: two more go in another chat.
      const refused = await windows.tryTake('busy-chat');
      expect(refused).toEqual({ ok: false, retryInMs: 1000, scope: 'conversation' });
      const slot = await windows.tryTake('quiet-chat');
      expect((await windows.tryTake('quiet-chat')).ok).toBe(true);
      expect(await windows.tryTake('third-chat')).toMatchObject({ ok: false, scope: 'global' });
      if (!slot.ok) throw new Error('expected a slot');
      await slot.giveBack();
      // Given back in both: the bot's window has one again, and so has the chat's.
      expect((await windows.tryTake('third-chat')).ok).toBe(true);
      const logged = await store.db
        .selectFrom('notify_send_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // 7 + 1 + 1 conversation slots and as many bot-wide ones.
      expect(Number(logged.n)).toBe(18);
    });

    it('two instances never take the same last slot', async () => {
      await store.db.deleteFrom('notify_send_log').execute();
      const now = () => 5_000_000;
      const a = new PostgresConversationWindows(store.db, teams, now);
      const b = new PostgresConversationWindows(store.db, teams, now);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tryTake('shared')),
      );
      expect(answers.filter((answer) => answer.ok)).toHaveLength(7);
    });
  },
);
