/** Percentiles and the bench's printed lines. */

export interface Figures {
  readonly turns: number;
  readonly p50: number;
  readonly p99: number;
}

export function figuresOf(latencies: readonly number[]): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { turns: sorted.length, p50: at(0.5), p99: at(0.99) };
}

export const RATIO_TARGET = 1.5;

export interface KindLine {
  readonly kind: string;
  readonly bot: Figures;
  readonly echo: Figures;
  /** CPU time of the target's process per turn of this kind, ms. */
  readonly botCpuMs: number;
  readonly echoCpuMs: number;
  /** Calls the target made to the Bot Connector per turn, and the JSON bytes they carried. */
  readonly botCalls: ConnectorLoad;
  readonly echoCalls: ConnectorLoad;
}

export interface ConnectorLoad {
  readonly perTurn: number;
  readonly kilobytesPerTurn: number;
}

const load = (calls: ConnectorLoad): string =>
  `${calls.perTurn.toFixed(1)} calls ${calls.kilobytesPerTurn.toFixed(1)} KB`;

export const ratio = (ours: number, baseline: number): number => ours / baseline;

/**
 * One kind's line. The CPU ratio is printed too: in a closed loop the latency ratios follow it, and it is
 * the steadier figure to compare runs by (a p99 of a few hundred turns is two of them).
 */
export function kindLine(label: string, line: KindLine): string {
  const p50 = ratio(line.bot.p50, line.echo.p50);
  const p99 = ratio(line.bot.p99, line.echo.p99);
  const verdict = p99 <= RATIO_TARGET ? 'ok' : `over ${RATIO_TARGET}×`;
  return (
    `${label} ${line.kind.padEnd(15)} p50 ${line.bot.p50.toFixed(2).padStart(6)} ms p99 ${line.bot.p99.toFixed(2).padStart(6)} ms ` +
    `ratio p50 ${p50.toFixed(2)}× p99 ${p99.toFixed(2)}×  cpu ${line.botCpuMs.toFixed(2)} ms/turn ` +
    `(echo ${line.echoCpuMs.toFixed(2)}, ${ratio(line.botCpuMs, line.echoCpuMs).toFixed(2)}×)  ` +
    `connector ${load(line.botCalls)} (echo ${load(line.echoCalls)})  echo p50 ${line.echo.p50.toFixed(2)} p99 ${line.echo.p99.toFixed(2)} ms  ` +
    `n=${line.bot.turns}  ${verdict}`
  );
}

export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
