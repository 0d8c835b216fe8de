import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListenError, startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { capturedLogger } from '../../support/log-capture';
import { runBotToExit } from '../../support/spawn-bot';

/**
 * Issue 14.5: a configuration the bot cannot run with stops the start with exit 1 and one line per
 * problem naming the variable, before the store is opened or migrated (the data directory is never made).
 */
describe('start-up refuses a configuration it cannot run with', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(tmpdir(), `sd-config-${process.pid}-${Math.random().toString(36).slice(2)}`);
  });

  const refuses = async (env: Record<string, string>, lines: string[]) => {
    const { code, stderr } = await runBotToExit({ DATA_DIR: dataDir, ...env });
    expect(stderr).toEqual(lines);
    expect(code).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
  };

  test('a SUPPORT_API_KEY no bearer header can carry', async () => {
    await refuses({ SUPPORT_API_KEY: 'a key with spaces and a bang! 0123456789' }, [
      'config error: SUPPORT_API_KEY: may contain only A-Z, a-z, 0-9 and - . _ ~ + / (it is sent as a bearer token; no spaces)',
    ]);
  });

  test('SUPPORT_AUTH_JWKS_URL without an audience names SUPPORT_AUTH_AUDIENCE', async () => {
    await refuses(
      {
        SUPPORT_AUTH_JWKS_URL: 'https://keys.example/jwks',
        SUPPORT_AUTH_ISSUER: 'https://issuer.example',
      },
      ['config error: SUPPORT_AUTH_AUDIENCE: required when SUPPORT_AUTH_JWKS_URL is set'],
    );
  });

  test('a HOST that is no address', async () => {
    await refuses({ HOST: '999.1.1.1' }, [
      'config error: HOST: must be an IP address or a host name, e.g. 0.0.0.0, :: or localhost',
    ]);
  });

  test('a HOST this machine does not have', async () => {
    await refuses({ HOST: '192.0.2.1' }, [
      expect.stringMatching(
        /^config error: HOST: cannot listen on 192\.0\.2\.1:0 \(EADDRNOTAVAIL\)$/,
      ) as string,
    ]);
  });

  test('a PORT another process listens on', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await refuses({ PORT: String(port) }, [
        `config error: PORT: ${port} is already in use on 127.0.0.1 (EADDRINUSE)`,
      ]);
    } finally {
      taken.close();
    }
  });

  test('a holiday country, state or region the calendar library does not know', async () => {
    await refuses({ SUPPORT_HOLIDAYS_COUNTRY: 'XX' }, [
      'config error: SUPPORT_HOLIDAYS_COUNTRY: date-holidays has no holidays for country "XX"',
    ]);
    await refuses({ SUPPORT_HOLIDAYS_COUNTRY: 'US', SUPPORT_HOLIDAYS_STATE: 'ZZ' }, [
      'config error: SUPPORT_HOLIDAYS_STATE: date-holidays has no state "ZZ" in US',
    ]);
  });

  test('several problems at once: one line each', async () => {
    const { code, stderr } = await runBotToExit({
      DATA_DIR: dataDir,
      HOST: '999.1.1.1',
      SUPPORT_API_KEY: 'short',
      SUPPORT_HOLIDAYS_COUNTRY: 'usa',
    });
    expect(code).toBe(1);
    expect(stderr.map((line) => line.split(':')[1]?.trim()).sort()).toEqual(
      ['HOST', 'SUPPORT_API_KEY', 'SUPPORT_HOLIDAYS_COUNTRY'].sort(),
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  test('an address lost between the check and the listen is one line too, and closes what was opened', async () => {
    const { logger } = capturedLogger();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, HOST: '192.0.2.1', PORT: '0' });
    const started = startApp(config, logger);
    await expect(started).rejects.toBeInstanceOf(ListenError);
    await expect(started).rejects.toThrow(/^HOST: cannot listen on 192\.0\.2\.1:0 \(EADDRNOTAVAIL\)$/);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
