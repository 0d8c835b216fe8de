import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface CsafValidation {
  readonly isValid: boolean;
  readonly errors: readonly {
    readonly test: string;
    readonly instancePath: string;
    readonly message: string;
  }[];
}

const script = join(__dirname, 'validate-csaf.mjs');

/**
 * Runs the CSAF 2.0 strict schema test and all mandatory tests of @secvisogram/csaf-validator-lib on
 * each document, in one Node process (the library is ESM; see validate-csaf.mjs).
 */
export function validateCsaf(documents: readonly unknown[]): CsafValidation[] {
  const output = execFileSync(process.execPath, [script], {
    input: JSON.stringify(documents),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as CsafValidation[];
}

/**
 * The same, without blocking the event loop: for tests that serve HTTP in this process, where seconds of
 * a blocked loop let the server's keep-alive timer close a socket the client is about to reuse.
 */
export function validateCsafAsync(documents: readonly unknown[]): Promise<CsafValidation[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [script],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as CsafValidation[])),
    );
    child.stdin?.end(JSON.stringify(documents));
  });
}
