/**
 * "At most `points` calls in any `windowMs`", counted as Teams counts (a sliding window over the calls'
 * times), for one process. A fixed window lets a full allowance go at one window's end and again at the
 * next one's start; spacing calls 1/N s apart with a timer loses the timer's lateness on every call
 * (~5–8 % at 50/s). A log of the last `points` calls has neither fault: a slot frees exactly `windowMs`
 * after the call that used it.
 */
export class SlidingWindowLog {
  private readonly times: number[] = [];

  constructor(
    readonly points: number,
    readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a slot and answers 0, or answers how many ms until one frees (nothing taken). */
  tryTake(): number {
    const now = this.now();
    if (this.times.length >= this.points) {
      const oldest = this.times[this.times.length - this.points]!;
      const freeAt = oldest + this.windowMs;
      if (freeAt > now) return Math.max(Math.ceil(freeAt - now), 1);
    }
    this.times.push(now);
    if (this.times.length > this.points) this.times.splice(0, this.times.length - this.points);
    return 0;
  }

  /** How many calls could go within the next `ms`: the free slots, and whole windows more after them. */
  freeWithin(ms: number): number {
    const whole = Math.floor(ms / this.windowMs);
    const horizon = this.now() + (ms - whole * this.windowMs) - this.windowMs;
    const stillUsed = this.times.filter((at) => at > horizon).length;
    return whole * this.points + Math.max(this.points - stillUsed, 0);
  }

  /** Returns the slot taken last (the call was not made after all). */
  giveBack(): void {
    this.times.pop();
  }
}
