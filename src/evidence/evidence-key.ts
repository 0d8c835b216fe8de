import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EvidenceSettings } from '../config';
import type { Logger } from '../logger';

/**
 * The key that wraps every file's key: EVIDENCE_KEY (required in production), or in development a key
 * file under DATA_DIR made at first start (mode 0600), so the embedded default works with no set-up and
 * survives restarts. Losing that file loses the files it wrapped.
 */
export function evidenceWrappingKey(settings: EvidenceSettings, logger: Logger): Buffer {
  if (settings.key) return Buffer.from(settings.key, 'base64');
  try {
    const text = readFileSync(settings.keyFile, 'utf8').trim();
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error(`${settings.keyFile} does not hold 32 bytes in base64`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  mkdirSync(dirname(settings.keyFile), { recursive: true });
  // 'wx': two instances starting at once must not each write their own key.
  try {
    writeFileSync(settings.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return evidenceWrappingKey(settings, logger);
    throw error;
  }
  logger.warn(
    { event: 'evidence.key_created', file: settings.keyFile },
    'no EVIDENCE_KEY: evidence files are encrypted with a key file made under DATA_DIR (set EVIDENCE_KEY in production)',
  );
  return key;
}
