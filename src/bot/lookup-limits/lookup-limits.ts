import { createHash } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Turn } from '../turn';

/** What a limited look-up answers instead of its result: the person has been told (or was already). */
export const limited: unique symbol = Symbol('lookup limited');
export type Limited = typeof limited;

/** Which allowance ran out; each is told in its own words. */
type Scope = 'user' | 'tenant' | 'unknownUser' | 'unknownTenant';

interface Allowance {
  readonly scope: Scope;
  readonly limiter: RateLimiterAbstract;
  readonly points: number;
}

interface Refusal {
  readonly allowance: Allowance;
  readonly rejection: RateLimiterRes;
}

export interface LookupAllowances {
  /** Look-ups per person (tenant + user) and per tenant. */
  readonly user: Allowance['limiter'];
  readonly tenant: Allowance['limiter'];
  /** Of those, look-ups of numbers the tenant does not have: fewer. */
  readonly unknownUser: Allowance['limiter'];
  readonly unknownTenant: Allowance['limiter'];
  readonly points: Readonly<Record<Scope, number>>;
  /**
   * Takes one point from each limiter for the key beside it, all of them, answering each one's count
   * (over its points: refused). By default one by one; on PostgreSQL one statement for all
   * (create-lookup-limits.ts), as a look-up takes two allowances and each statement is a round trip.
   */
  readonly takeAll?: TakeAll;
}

export type TakeAll = (
  takes: readonly { readonly limiter: RateLimiterAbstract; readonly key: string }[],
) => Promise<RateLimiterRes[]>;

/** One by one, through each limiter's own consume (which rejects with the count when over). */
const takeEach: TakeAll = async (takes) => {
  const counts: RateLimiterRes[] = [];
  for (const { limiter, key } of takes) {
    counts.push(
      await limiter.consume(key, 1).catch((rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) return rejection;
        throw rejection;
      }),
    );
  }
  return counts;
};

const messageKeys: Readonly<Record<Scope, string>> = {
  user: 'limits.lookups',
  tenant: 'limits.organisation',
  unknownUser: 'limits.unknownNumbers',
  unknownTenant: 'limits.organisation',
};

/**
 * Ticket look-ups a person makes in the chat (`status <number>`, `my tickets`, the number of `reply`,
 * `add`, `withdraw`), limited per person and per tenant (rate-limiter-flexible; on PostgreSQL shared by
 * the instances), so one user — or one tenant — cannot run thousands a minute and another tenant is never
 * slowed. A look-up by number also takes from a smaller allowance for numbers the tenant does not have
 * (guessing), given back when the number was the tenant's. Over a limit, the person is told once per
 * window, in their language, when to try again; further tries in that window get no answer, so a flood
 * is not answered by a flood. The operator reads one line when a person or tenant first runs out.
 */
export class LookupLimits {
  private readonly lookups: readonly Allowance[];
  private readonly unknown: readonly Allowance[];
  /** Who was told until when, so a person hears it once per window (in this process). */
  private readonly told = new Map<string, number>();
  /** People and tenants the guessing allowances refused, until when (in this process). */
  private readonly guessing = new Map<string, Refusal & { readonly until: number }>();
  private readonly takeAll: TakeAll;

  constructor(allowances: LookupAllowances) {
    const of = (scope: Scope, limiter: RateLimiterAbstract) => ({
      scope,
      limiter,
      points: allowances.points[scope],
    });
    this.lookups = [of('user', allowances.user), of('tenant', allowances.tenant)];
    this.unknown = [of('unknownUser', allowances.unknownUser), of('unknownTenant', allowances.unknownTenant)];
    this.takeAll = allowances.takeAll ?? takeEach;
  }

  /** A look-up of the tenant's tickets as a whole (`my tickets`). */
  async list<T>(turn: Turn, find: () => Promise<T>): Promise<T | Limited> {
    const refused = await this.take(turn, this.lookups);
    if (refused) return this.refuse(turn, refused);
    return find();
  }

  /**
   * A look-up by number; `find` answers undefined when the tenant has no such ticket. A number the tenant
   * has costs the look-up allowances only; one it does not have also takes from the guessing allowances,
   * after the look-up (two statements instead of four on every look-up that finds its ticket). Once those
   * refuse, this process refuses the person's look-ups by number before looking until the window ends, as
   * when they were taken first; another instance refuses at the person's next unknown number.
   */
  async byNumber<T>(turn: Turn, find: () => Promise<T | undefined>): Promise<T | undefined | Limited> {
    const refused = this.stillGuessing(turn) ?? (await this.take(turn, this.lookups));
    if (refused) return this.refuse(turn, refused);
    const found = await find();
    if (found !== undefined) return found;
    const guessing = await this.take(turn, this.unknown);
    if (!guessing) return undefined;
    // The person's allowance refused: they are held; the tenant's: everyone in it is.
    this.guessing.set(`${guessing.allowance.scope}:${keyOf(turn, guessing.allowance.scope)}`, {
      ...guessing,
      until: Date.now() + guessing.rejection.msBeforeNext,
    });
    return this.refuse(turn, guessing);
  }

  /** The guessing refusal this process holds for the person or their tenant, while its window lasts. */
  private stillGuessing(turn: Turn): Refusal | undefined {
    const now = Date.now();
    for (const scope of ['unknownUser', 'unknownTenant'] as const) {
      const key = `${scope}:${keyOf(turn, scope)}`;
      const held = this.guessing.get(key);
      if (!held) continue;
      if (held.until <= now) {
        this.guessing.delete(key);
        continue;
      }
      const rejection = new RateLimiterRes(0, held.until - now, held.rejection.consumedPoints + 1);
      return { allowance: held.allowance, rejection };
    }
    return undefined;
  }

  /**
   * Takes one from each allowance, or none: the first that refuses (in order) keeps the point that went
   * over — the count says whether this try was the first over — and the others are given back, so a
   * refused look-up leaves them as they were.
   */
  private async take(turn: Turn, allowances: readonly Allowance[]) {
    let counts: RateLimiterRes[];
    try {
      counts = await this.takeAll(
        allowances.map((allowance) => ({ limiter: allowance.limiter, key: keyOf(turn, allowance.scope) })),
      );
    } catch (error) {
      // The limits' store failed: the look-up goes ahead rather than failing for everyone.
      turn.log.error({ event: 'lookup_limits.failed', err: error }, 'look-up limits unavailable');
      return undefined;
    }
    const index = allowances.findIndex((allowance, i) => (counts[i]?.consumedPoints ?? 0) > allowance.points);
    const allowance = allowances[index];
    const rejection = counts[index];
    if (!allowance || !rejection) return undefined;
    await this.giveBack(
      turn,
      allowances.filter((_, i) => i !== index),
    );
    return { allowance, rejection };
  }

  private async giveBack(turn: Turn, allowances: readonly Allowance[]): Promise<void> {
    for (const allowance of allowances) {
      try {
        await allowance.limiter.reward(keyOf(turn, allowance.scope), 1);
      } catch (error) {
        turn.log.error({ event: 'lookup_limits.failed', err: error }, 'look-up limits unavailable');
      }
    }
  }

  private async refuse(turn: Turn, { allowance, rejection }: Refusal): Promise<Limited> {
    const seconds = Math.max(Math.ceil(rejection.msBeforeNext / 1000), 1);
    const entry = { event: 'lookup.limited', scope: allowance.scope, retryInSeconds: seconds };
    // The try that went over: once per person or tenant and window.
    if (rejection.consumedPoints === allowance.points + 1) {
      turn.log.warn({ ...entry, limit: allowance.points }, 'look-up limit reached');
    } else turn.log.debug(entry, 'look-up limited');

    const now = Date.now();
    const person = `${allowance.scope}:${keyOf(turn, 'user')}`;
    if ((this.told.get(person) ?? 0) > now) return limited;
    this.forgetPast(now);
    this.told.set(person, now + rejection.msBeforeNext);
    await turn.context.sendActivity(turn.t(messageKeys[allowance.scope], { seconds }));
    return limited;
  }

  private forgetPast(now: number): void {
    if (this.told.size >= 10_000)
      for (const [key, until] of this.told) if (until <= now) this.told.delete(key);
    if (this.guessing.size >= 10_000)
      for (const [key, held] of this.guessing) if (held.until <= now) this.guessing.delete(key);
  }
}

/** The limiter key of a person or their tenant; long ids are hashed to fit the shared table's key. */
function keyOf(turn: Turn, scope: Scope): string {
  const raw =
    scope === 'tenant' || scope === 'unknownTenant' ? turn.tenantId : `${turn.tenantId}/${turn.userId}`;
  return raw.length <= 160 ? raw : createHash('sha256').update(raw).digest('hex');
}
