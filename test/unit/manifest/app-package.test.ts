import JSZip from 'jszip';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../../../scripts/png/encode-png';
import {
  buildAppPackage,
  defaultPackagePaths,
  loadTeamsSchemas,
  packageKindFromArgs,
  runPackageApp,
  validateManifest,
  type PackageInput,
  type PackagePaths,
} from '../../../scripts/package-app';
import { PROJECT_ROOT } from '../../../src/project-root';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const VALID: PackageInput = {
  MicrosoftAppId: APP_ID,
  PUBLIC_HOSTNAME: 'securitydesk.contoso.com',
  APP_VERSION: '1.2.3',
  DEVELOPER_NAME: 'Contoso Security',
  DEVELOPER_WEBSITE: 'https://contoso.example/security',
  PRIVACY_URL: 'https://contoso.example/privacy',
  TERMS_URL: 'https://contoso.example/terms',
};

const repo = defaultPackagePaths();
let work: string;

/** A private copy of manifest/ that a test may edit, and a zip path inside it. */
function copyOfManifest(): PackagePaths {
  const manifestDir = mkdtempSync(join(work, 'manifest-'));
  cpSync(repo.manifestDir, manifestDir, {
    recursive: true,
    filter: (src) => !src.includes(`${join('manifest', 'build')}`),
  });
  return { manifestDir, schemaDir: repo.schemaDir, outFile: join(manifestDir, 'build', 'security-desk.zip') };
}

/** The parts of manifest.json the tests edit. */
interface ManifestShape {
  bots: { botId?: string; scopes: string[] }[];
  developer: Record<string, string>;
}

function editJson<T>(path: string, edit: (json: T) => void): void {
  const json = JSON.parse(readFileSync(path, 'utf8')) as T;
  edit(json);
  writeFileSync(path, JSON.stringify(json));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'security-desk-package-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the app package', () => {
  it('builds a zip with the manifest, the Russian strings and both icons at its root, values filled in', async () => {
    const paths = copyOfManifest();
    const result = await buildAppPackage(VALID, paths);

    expect(result).toEqual({ ok: true, zipPath: paths.outFile, files: expect.any(Array) });
    const zip = await JSZip.loadAsync(readFileSync(paths.outFile));
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'manifest.json',
      'outline.png',
      'ru-ru.json',
    ]);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.validDomains).toEqual(['securitydesk.contoso.com']);
    expect(manifest.developer).toEqual({
      name: 'Contoso Security',
      websiteUrl: 'https://contoso.example/security',
      privacyUrl: 'https://contoso.example/privacy',
      termsOfUseUrl: 'https://contoso.example/terms',
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    const russian = JSON.parse(await zip.file('ru-ru.json')!.async('string'));
    expect(russian['bots[0].commandLists[0].commands[0].title']).toBe('сообщить');
    expect(await zip.file('color.png')!.async('nodebuffer')).toEqual(
      readFileSync(join(repo.manifestDir, 'color.png')),
    );
  });

  it('offers the bot in personal, team and group chat with the personal commands listed', async () => {
    const paths = copyOfManifest();
    await buildAppPackage(VALID, paths);
    const zip = await JSZip.loadAsync(readFileSync(paths.outFile));
    const bot = JSON.parse(await zip.file('manifest.json')!.async('string')).bots[0];

    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    // Publishers send evidence files in the personal chat (issue 16).
    expect(bot.supportsFiles).toBe(true);
    expect(bot.commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'report',
      'my tickets',
      'cvss',
      'help',
      'cancel',
    ]);
  });

  it('lists commands for every scope the bot is offered in, each translated into Russian', async () => {
    const paths = copyOfManifest();
    await buildAppPackage(VALID, paths);
    const zip = await JSZip.loadAsync(readFileSync(paths.outFile));
    const bot = JSON.parse(await zip.file('manifest.json')!.async('string')).bots[0] as {
      scopes: string[];
      commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
    };
    const listed = bot.commandLists.flatMap((list) => list.scopes);
    expect([...listed].sort()).toEqual([...bot.scopes].sort());
    const titles = (scope: string) =>
      bot.commandLists.find((list) => list.scopes.includes(scope))?.commands.map((c) => c.title);
    expect(titles('team')).toEqual(['help', 'register support channel']);
    expect(titles('groupChat')).toEqual(['help', 'cvss']);
    const russian = JSON.parse(await zip.file('ru-ru.json')!.async('string')) as Record<string, string>;
    bot.commandLists.forEach((list, i) =>
      list.commands.forEach((_command, j) => {
        expect(russian[`bots[0].commandLists[${i}].commands[${j}].title`]).toBeTruthy();
        expect(russian[`bots[0].commandLists[${i}].commands[${j}].description`]).toBeTruthy();
      }),
    );
  });

  it.each([
    ['missing', undefined, /^MicrosoftAppId is not set/],
    ['not a GUID', 'security-desk-bot', /^MicrosoftAppId must be a GUID \(got "security-desk-bot"\)/],
    [
      'the all-zero GUID',
      '00000000-0000-0000-0000-000000000000',
      /^MicrosoftAppId must not be the all-zero GUID/,
    ],
  ])('refuses an app id that is %s and writes nothing', async (_case, appId, message) => {
    const paths = copyOfManifest();
    const result = await buildAppPackage({ ...VALID, MicrosoftAppId: appId }, paths);

    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(message)] });
    expect(existsSync(paths.outFile)).toBe(false);
  });

  it.each([
    ['https://securitydesk.contoso.com', /without a scheme/],
    ['securitydesk.contoso.com:443', /no port, path/],
    ['localhost', /with a domain/],
    ['10.0.0.7', /not an IP address/],
  ])('refuses PUBLIC_HOSTNAME %s', async (hostname, message) => {
    const result = await buildAppPackage({ ...VALID, PUBLIC_HOSTNAME: hostname }, copyOfManifest());

    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(new RegExp(`^PUBLIC_HOSTNAME .*${message.source}`))],
    });
  });

  it('names every bad value at once: version, developer name and a plain-http privacy URL', async () => {
    const result = await buildAppPackage(
      {
        ...VALID,
        APP_VERSION: 'v1',
        DEVELOPER_NAME: 'A'.repeat(33),
        PRIVACY_URL: 'http://contoso.example/privacy',
      },
      copyOfManifest(),
    );

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.split(' ')[0])).toEqual([
      'APP_VERSION',
      'DEVELOPER_NAME',
      'PRIVACY_URL',
    ]);
  });

  it('refuses a manifest without the bot id, naming the property', async () => {
    const paths = copyOfManifest();
    editJson<ManifestShape>(join(paths.manifestDir, 'manifest.json'), (m) => delete m.bots[0]!.botId);

    const result = await buildAppPackage(VALID, paths);

    expect(result).toEqual({ ok: false, problems: ['manifest.json: bots[0].botId is required'] });
    expect(existsSync(paths.outFile)).toBe(false);
  });

  it('refuses a scope Teams does not know, listing the allowed ones', async () => {
    const paths = copyOfManifest();
    editJson<ManifestShape>(
      join(paths.manifestDir, 'manifest.json'),
      (m) => (m.bots[0]!.scopes = ['personal', 'channel']),
    );

    const result = await buildAppPackage(VALID, paths);

    expect(result).toEqual({
      ok: false,
      problems: [
        'manifest.json: bots[0].scopes[1] must be one of team, personal, groupChat, copilot (got "channel")',
      ],
    });
  });

  it('refuses a placeholder it has no value for', async () => {
    const paths = copyOfManifest();
    editJson<ManifestShape>(
      join(paths.manifestDir, 'manifest.json'),
      (m) => (m.developer.mpnId = '${{MPN_ID}}'),
    );

    const result = await buildAppPackage(VALID, paths);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toContain(
      'manifest.json: placeholder ${{MPN_ID}} has no value to fill it',
    );
  });

  it('refuses a Russian name longer than Teams allows', async () => {
    const paths = copyOfManifest();
    editJson<Record<string, string>>(
      join(paths.manifestDir, 'ru-ru.json'),
      (r) => (r['name.short'] = 'Служба безопасности для издателей'),
    );

    const result = await buildAppPackage(VALID, paths);

    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^ru-ru\.json: name\.short must NOT have more than 30 characters/)],
    });
  });

  it('refuses a translation of a command the manifest does not have', async () => {
    const paths = copyOfManifest();
    editJson<Record<string, string>>(
      join(paths.manifestDir, 'ru-ru.json'),
      (r) => (r['bots[0].commandLists[1].commands[3].title'] = 'отмена'),
    );

    const result = await buildAppPackage(VALID, paths);

    expect(result).toEqual({
      ok: false,
      problems: [
        'ru-ru.json: bots[0].commandLists[1].commands[3].title translates nothing; manifest.json has no string at bots[0].commandLists[1].commands[3].title',
      ],
    });
  });

  it('refuses a colour icon of the wrong size', async () => {
    const paths = copyOfManifest();
    writeFileSync(
      join(paths.manifestDir, 'color.png'),
      encodePng({ width: 96, height: 96, pixels: new Uint8Array(96 * 96 * 4).fill(255) }),
    );

    const result = await buildAppPackage(VALID, paths);

    expect(result).toEqual({
      ok: false,
      problems: ['color.png: the color icon must be 192×192 pixels, it is 96×96'],
    });
  });

  it('refuses a language file that is missing', async () => {
    const paths = copyOfManifest();
    rmSync(join(paths.manifestDir, 'ru-ru.json'));

    const result = await buildAppPackage(VALID, paths);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(
      /^ru-ru\.json: not found in .* \(named by localizationInfo\.additionalLanguages\[0\]\.file\)$/,
    );
  });

  it('says where the schemas are kept when the schema folder is missing', async () => {
    const result = await buildAppPackage(VALID, { ...copyOfManifest(), schemaDir: join(work, 'no-schemas') });

    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(
          /^Teams schema not found: .*MicrosoftTeams\.schema\.json does not exist\. .* manifest\/schemas\/teams-manifest-1\.29\/ in this repository/,
        ),
      ],
    });
  });

  it('reads the official schemas from the copies kept in the repository', () => {
    expect(repo.schemaDir).toBe(join(PROJECT_ROOT, 'manifest', 'schemas', 'teams-manifest-1.29'));
    expect(loadTeamsSchemas(repo.schemaDir).ok).toBe(true);
  });
});

describe('tunnel host names', () => {
  it.each(['securitydesk-3978.euw.devtunnels.ms', 'abc123.ngrok-free.app', 'quiet-lake.trycloudflare.com'])(
    'are refused in a package for publishing, in one line naming the variable: %s',
    async (hostname) => {
      const paths = copyOfManifest();
      const result = await buildAppPackage({ ...VALID, PUBLIC_HOSTNAME: hostname }, paths);

      expect(result).toEqual({
        ok: false,
        problems: [
          expect.stringMatching(
            /^PUBLIC_HOSTNAME is a development tunnel host \(\*\.[a-z.-]+\), which only a development package may name; .*npm run package:dev/,
          ),
        ],
      });
      expect(!result.ok && result.problems[0]).not.toContain('\n');
      expect(existsSync(paths.outFile)).toBe(false);
    },
  );

  it('are accepted in a development package, which goes to its own zip', async () => {
    const paths = { ...copyOfManifest() };
    paths.outFile = join(paths.manifestDir, 'build', 'security-desk.dev.zip');
    const result = await buildAppPackage(
      { ...VALID, PUBLIC_HOSTNAME: 'SecurityDesk-3978.euw.devtunnels.ms' },
      paths,
      'development',
    );

    expect(result).toEqual({ ok: true, zipPath: paths.outFile, files: expect.any(Array) });
    const zip = await JSZip.loadAsync(readFileSync(paths.outFile));
    expect(JSON.parse(await zip.file('manifest.json')!.async('string')).validDomains).toEqual([
      'securitydesk-3978.euw.devtunnels.ms',
    ]);
    expect(defaultPackagePaths(PROJECT_ROOT, 'development').outFile).toBe(
      join(PROJECT_ROOT, 'manifest', 'build', 'security-desk.dev.zip'),
    );
  });

  it('are only the tunnel services: a permanent host that merely looks alike is a publishing host', async () => {
    for (const hostname of [
      'devtunnels.ms.contoso.com',
      'mydevtunnels.ms.example.org',
      'ngrok.contoso.com',
    ]) {
      const result = await buildAppPackage({ ...VALID, PUBLIC_HOSTNAME: hostname }, copyOfManifest());
      expect(result.ok).toBe(true);
    }
  });

  it('are still checked as host names in a development package', async () => {
    const result = await buildAppPackage(
      { ...VALID, PUBLIC_HOSTNAME: 'https://abc.devtunnels.ms' },
      copyOfManifest(),
      'development',
    );

    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^PUBLIC_HOSTNAME must be a host name without a scheme/)],
    });
  });
});

describe('validateManifest', () => {
  it('accepts the filled template and rejects an unknown top-level property', () => {
    const loaded = loadTeamsSchemas(repo.schemaDir);
    if (!loaded.ok) throw new Error(loaded.problem);
    const manifest = JSON.parse(
      readFileSync(join(repo.manifestDir, 'manifest.json'), 'utf8').replaceAll('${{MicrosoftAppId}}', APP_ID),
    );
    manifest.developer = {
      name: 'C',
      websiteUrl: 'https://c.example',
      privacyUrl: 'https://c.example',
      termsOfUseUrl: 'https://c.example',
    };

    expect(validateManifest(manifest, loaded.schemas)).toEqual([]);
    expect(validateManifest({ ...manifest, botEndpoint: 'x' }, loaded.schemas)).toEqual([
      'manifest.json: botEndpoint is not allowed here',
    ]);
  });
});

describe('npm run package', () => {
  it('prints one line per problem and exits 1 when the environment lacks values', async () => {
    const lines: string[] = [];
    const code = await runPackageApp({ MicrosoftAppId: APP_ID }, copyOfManifest(), {
      info: (l) => lines.push(l),
      problem: (l) => lines.push(l),
    });

    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^package: PUBLIC_HOSTNAME is not set/),
      expect.stringMatching(/^package: DEVELOPER_NAME is not set/),
      expect.stringMatching(/^package: DEVELOPER_WEBSITE is not set/),
      expect.stringMatching(/^package: PRIVACY_URL is not set/),
      expect.stringMatching(/^package: TERMS_URL is not set/),
      'package: not built (5 problems)',
    ]);
  });

  it('refuses a tunnel host unless asked for a development package with --dev', async () => {
    const env = { ...VALID, PUBLIC_HOSTNAME: 'securitydesk-3978.euw.devtunnels.ms' };
    const lines: string[] = [];
    const out = { info: (l: string) => lines.push(l), problem: (l: string) => lines.push(l) };

    expect(await runPackageApp(env, copyOfManifest(), out)).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^package: PUBLIC_HOSTNAME is a development tunnel host/),
      'package: not built (1 problem)',
    ]);

    lines.length = 0;
    const kind = packageKindFromArgs(['--dev']);
    expect(kind).toEqual({ kind: 'development' });
    expect(await runPackageApp(env, copyOfManifest(), out, 'development')).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/ \(development package: not for publishing\)$/)]);
  });

  it('knows only the --dev option', () => {
    expect(packageKindFromArgs([])).toEqual({ kind: 'publishing' });
    expect(packageKindFromArgs(['--prod'])).toEqual({
      problem: 'package: unknown argument "--prod" (the only option is --dev)',
    });
  });

  it('takes the version from package.json when APP_VERSION is unset and exits 0', async () => {
    const paths = copyOfManifest();
    const { APP_VERSION: _unset, ...env } = VALID;
    const lines: string[] = [];
    const code = await runPackageApp(env, paths, {
      info: (l) => lines.push(l),
      problem: (l) => lines.push(l),
    });

    expect(code).toBe(0);
    const version = (
      JSON.parse(readFileSync(join(repo.manifestDir, '..', 'package.json'), 'utf8')) as { version: string }
    ).version;
    const zip = await JSZip.loadAsync(readFileSync(paths.outFile));
    expect(JSON.parse(await zip.file('manifest.json')!.async('string')).version).toBe(version);
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^package: wrote .*security-desk\\.zip .* version ${version.replaceAll('.', '\\.')}$`),
      ),
    ]);
  });
});
