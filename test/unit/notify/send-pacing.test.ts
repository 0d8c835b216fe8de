import { MemoryConversationWindows } from '../../../src/notify/conversation-windows';
import { GroupCommit } from '../../../src/notify/group-commit';
import { SendGate } from '../../../src/notify/send-gate';
import { SendSlots } from '../../../src/notify/send-slots';
import { SlidingWindowLog } from '../../../src/notify/sliding-window-log';

describe("the bot's global window, counted as Teams counts it", () => {
  it('lets at most N calls into any sliding window, and a slot frees exactly a window after its call', () => {
    let now = 0;
    const log = new SlidingWindowLog(3, 1000, () => now);
    expect([log.tryTake(), log.tryTake(), log.tryTake()]).toEqual([0, 0, 0]);
    now = 400;
    expect(log.tryTake()).toBe(600);
    now = 999;
    expect(log.tryTake()).toBe(1);
    now = 1000;
    expect(log.tryTake()).toBe(0);
    // The next two slots were used at 0 as well; the one after frees at 1000 + 1000.
    expect([log.tryTake(), log.tryTake(), log.tryTake()]).toEqual([0, 0, 1000]);
  });

  it('gives a slot back when the call was not made', () => {
    let now = 0;
    const log = new SlidingWindowLog(1, 1000, () => now);
    expect(log.tryTake()).toBe(0);
    log.giveBack();
    now = 1;
    expect(log.tryTake()).toBe(0);
  });
});

describe('waiting for a send slot', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const perChat = () => new MemoryConversationWindows([{ points: 1, windowMs: 1000 }], () => Date.now());

  it('hands out global slots first come, first served, each the moment the window frees', async () => {
    const gate = new SendGate(new MemoryConversationWindows([]), [
      new SlidingWindowLog(1, 100, () => Date.now()),
    ]);
    const slots = new SendSlots(gate, () => Date.now());
    const granted: Array<[string, number]> = [];
    for (const chat of ['a', 'b', 'c']) {
      void slots.acquire(chat, 3000).then((answer) => granted.push([chat, Date.now()]) && answer);
    }
    await jest.advanceTimersByTimeAsync(250);
    expect(granted).toEqual([
      ['a', 0],
      ['b', 100],
      ['c', 200],
    ]);
  });

  it("does not hold other chats back while one chat's own limit is full", async () => {
    const gate = new SendGate(perChat());
    const slots = new SendSlots(gate, () => Date.now());
    expect(await slots.acquire('busy', 3000)).toEqual({ kind: 'granted' });
    const busyAgain = slots.acquire('busy', 3000);
    expect(await slots.acquire('quiet', 3000)).toEqual({ kind: 'granted' });
    let busyDone = false;
    void busyAgain.then(() => (busyDone = true));
    await jest.advanceTimersByTimeAsync(900);
    expect(busyDone).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(await busyAgain).toEqual({ kind: 'granted' });
  });

  it('answers "too long" for a wait past the limit, and "stopped" to every waiter on stop', async () => {
    const gate = new SendGate(perChat());
    const slots = new SendSlots(gate, () => Date.now());
    await slots.acquire('chat', 3000);
    expect(await slots.acquire('chat', 500)).toMatchObject({ kind: 'tooLong' });
    const waiting = slots.acquire('chat', 3000);
    slots.stop();
    expect(await waiting).toEqual({ kind: 'stopped' });
    expect(await slots.acquire('other', 3000)).toEqual({ kind: 'stopped' });
  });
});

describe('marking rows in one commit', () => {
  it('commits the marks asked for together in one flush and answers each its own result', async () => {
    const flushes: number[][] = [];
    const commit = new GroupCommit<number, string>(async (items) => {
      flushes.push([...items]);
      return items.map((n) => `marked ${n}`);
    });
    const answers = await Promise.all([commit.add(1), commit.add(2), commit.add(3)]);
    expect(answers).toEqual(['marked 1', 'marked 2', 'marked 3']);
    expect(flushes).toEqual([[1, 2, 3]]);
    expect(await commit.add(4)).toBe('marked 4');
    expect(flushes).toHaveLength(2);
  });

  it('fails every mark of a failed flush, so none is taken as recorded', async () => {
    const commit = new GroupCommit<number, boolean>(async () => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([commit.add(1), commit.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
