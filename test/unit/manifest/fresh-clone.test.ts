/**
 * `npm run package` in a copy of the repository as a clone has it, with nothing beside it: everything the
 * package build reads (the manifest, its icons and strings, the official schemas) must be in the repository.
 */
import JSZip from 'jszip';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadTeamsSchemas, validateLocalization, validateManifest } from '../../../scripts/package-app';
import { PROJECT_ROOT } from '../../../src/project-root';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const VALUES = {
  MicrosoftAppId: APP_ID,
  PUBLIC_HOSTNAME: 'securitydesk.contoso.com',
  DEVELOPER_NAME: 'Contoso Security',
  DEVELOPER_WEBSITE: 'https://contoso.example/security',
  PRIVACY_URL: 'https://contoso.example/privacy',
  TERMS_URL: 'https://contoso.example/terms',
};

/**
 * The files a commit of the working tree would hold: tracked ones plus new ones git does not ignore (so
 * files added but not yet committed count, and .env, data/ or build output never do).
 */
function repositoryFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  return [...new Set(listed.split('\0').filter(Boolean))].filter((file) => {
    const path = join(PROJECT_ROOT, file);
    return existsSync(path) && statSync(path).isFile(); // not deleted in the working tree
  });
}

// Each npm run starts npm and ts-node afresh.
jest.setTimeout(120_000);

let parent: string;
let clone: string;
/** npm's home (cache, logs), kept apart so the clone's parent holds only the clone. */
let home: string;

/** Runs an npm script in the clone with only the given variables (no .env, none of this process's). */
function npmRun(script: string, values: Record<string, string>) {
  return spawnSync('npm', ['run', '--silent', script], {
    cwd: clone,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      npm_config_update_notifier: 'false',
      ...values,
    },
  });
}

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'security-desk-clone-'));
  clone = join(parent, 'security-desk');
  home = mkdtempSync(join(tmpdir(), 'security-desk-npm-home-'));
  for (const file of repositoryFiles()) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, file), join(clone, file));
  }
  // The one thing a clone gets from `npm ci` rather than from git.
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
});
afterAll(() => {
  rmSync(parent, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('a fresh clone with nothing beside it', () => {
  it('has no folders next to it and the schemas inside it', () => {
    expect(readdirSync(parent)).toEqual(['security-desk']);
    expect(
      existsSync(join(clone, 'manifest', 'schemas', 'teams-manifest-1.29', 'MicrosoftTeams.schema.json')),
    ).toBe(true);
    expect(existsSync(join(clone, '.env'))).toBe(false);
  });

  it('builds a valid app package with npm run package', async () => {
    const run = npmRun('package', VALUES);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^package: wrote manifest\/build\/security-desk\.zip /);
    const zip = await JSZip.loadAsync(readFileSync(join(clone, 'manifest', 'build', 'security-desk.zip')));
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'manifest.json',
      'outline.png',
      'ru-ru.json',
    ]);

    // Checked against the schemas the clone carries, not this checkout's.
    const loaded = loadTeamsSchemas(join(clone, 'manifest', 'schemas', 'teams-manifest-1.29'));
    if (!loaded.ok) throw new Error(loaded.problem);
    const manifest: unknown = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const russian: unknown = JSON.parse(await zip.file('ru-ru.json')!.async('string'));
    expect(validateManifest(manifest, loaded.schemas)).toEqual([]);
    expect(validateLocalization('ru-ru.json', russian, manifest, loaded.schemas)).toEqual([]);
    expect(manifest).toMatchObject({ id: APP_ID, validDomains: ['securitydesk.contoso.com'] });
  });

  it('refuses a dev tunnel host for publishing in one line, and npm run package:dev takes it', async () => {
    const tunnel = { ...VALUES, PUBLIC_HOSTNAME: 'securitydesk-3978.euw.devtunnels.ms' };

    const refused = npmRun('package', tunnel);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^package: PUBLIC_HOSTNAME is a development tunnel host \(\*\.devtunnels\.ms\)/),
      'package: not built (1 problem)',
    ]);

    const dev = npmRun('package:dev', tunnel);
    expect(dev.stderr).toBe('');
    expect(dev.status).toBe(0);
    expect(dev.stdout.trim()).toMatch(
      /^package: wrote manifest\/build\/security-desk\.dev\.zip .*\(development package: not for publishing\)$/,
    );
    const zip = await JSZip.loadAsync(
      readFileSync(join(clone, 'manifest', 'build', 'security-desk.dev.zip')),
    );
    expect(JSON.parse(await zip.file('manifest.json')!.async('string')).validDomains).toEqual([
      'securitydesk-3978.euw.devtunnels.ms',
    ]);
  });
});
