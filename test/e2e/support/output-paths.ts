import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** test-output/ is git-ignored; screenshots and logs of a run land there for a person to look at. */
export const OUTPUT_DIR = join(ROOT, 'test-output');

/** The scenario's screenshot folder, emptied: what is in it after a run is that run's. */
export function screenshotDir(scenario: string): string {
  const dir = join(OUTPUT_DIR, 'e2e-screenshots', scenario);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function logFile(scenario: string, name: string): string {
  const dir = join(OUTPUT_DIR, 'e2e-logs', scenario);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export const PROJECT_ROOT = ROOT;
