import { calendarDateIn } from '../../domain/calendar/calendar-date-in';
import { readIsoDate, readText, type TextRule } from '../../domain/ticket/read-fields';
import type { TicketError } from '../../domain/ticket';
import type { FieldValues } from './report-draft';
import type { FieldErrors, StepContext } from './step-context';

/**
 * Reads one card's raw answers with the domain's readers, collecting a message per input id, so a card
 * shows every problem at once next to its field.
 */
export class FieldReader {
  readonly errors: FieldErrors = {};

  constructor(
    readonly values: FieldValues,
    private readonly ctx: StepContext,
  ) {}

  raw(id: string): string {
    return this.values[id] ?? '';
  }

  text(id: string, rule: TextRule): string | undefined {
    const problems: TicketError[] = [];
    const text = readText(this.raw(id), id, rule, problems);
    const [problem] = problems;
    if (problem?.key === 'ticket.field.tooLong') {
      const length = [...this.raw(id).trim()].length;
      this.fail(id, this.ctx.t('report.error.tooLong', { max: problem.max, length }));
    } else if (problem) {
      this.fail(id, this.ctx.t('report.error.required'));
    }
    return text;
  }

  choice<T extends string>(id: string, choices: readonly T[]): T | undefined {
    const value = this.raw(id);
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.fail(id, this.ctx.t(value === '' ? 'report.error.choose' : 'report.error.invalid'));
    return undefined;
  }

  /** An optional date 'YYYY-MM-DD', judged against today in the person's own time zone. */
  date(id: string, bound: 'notAfterToday' | 'notBeforeToday'): string | undefined {
    const problems: TicketError[] = [];
    const date = readIsoDate(this.raw(id).trim(), id, { required: false, now: this.ctx.now }, problems);
    if (problems.length > 0) {
      this.fail(id, this.ctx.t('report.error.date'));
      return undefined;
    }
    if (date === undefined) return undefined;
    const today = todayIn(this.ctx);
    if (bound === 'notAfterToday' && date > today) this.fail(id, this.ctx.t('report.error.dateInFuture'));
    else if (bound === 'notBeforeToday' && date < today) this.fail(id, this.ctx.t('report.error.dateInPast'));
    else return date;
    return undefined;
  }

  fail(id: string, message: string): void {
    this.errors[id] ??= message;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/** Today's date where the person is: what "not in the future" means to them. */
export function todayIn(ctx: Pick<StepContext, 'now' | 'timeZone'>): string {
  return calendarDateIn(ctx.now, ctx.timeZone);
}
