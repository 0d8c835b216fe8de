import type { Clock } from '../../src/domain/clock';

/** A clock the test sets and moves. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start: string | Date = '2026-11-24T10:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: string | Date): void {
    this.current = new Date(to);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
