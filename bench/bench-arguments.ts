/**
 * The benches' command-line options, read one way: `--name value`. A value that is not what the option
 * takes stops the bench with a message naming it, rather than running it with a default nobody asked for.
 */

/** The text after `--name`, or undefined when the option is not given. */
export function textArgument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** A positive whole number after `--name`, or `fallback` when the option is not given. */
export function wholeArgument(name: string, fallback: number): number {
  const raw = textArgument(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

/** A comma-separated list after `--name`, or `fallback` when the option is not given. */
export function listArgument(name: string, fallback: readonly string[]): string[] {
  const raw = textArgument(name);
  return raw === undefined ? [...fallback] : raw.split(',').map((item) => item.trim());
}

/** Whether `--name` is given (an option without a value). */
export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
