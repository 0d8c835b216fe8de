/**
 * The Microsoft 365 Agents Toolkit project: m365agents*.yml against the toolkit's published schema (the copy
 * in infra/schemas/), every ${{VAR}} they and infra/azure.parameters.json use defined for their environment,
 * the Bicep parameters file against azure.bicep, and the VS Code launch configurations against the tasks.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { PROJECT_ROOT } from '../../../src/project-root';

const SCHEMA_VERSION = 'v1.11';
const SCHEMA_URL = `https://aka.ms/m365-agents-toolkits/${SCHEMA_VERSION}/yaml.schema.json`;
const SCHEMA_FILE = join('infra', 'schemas', `m365agents-${SCHEMA_VERSION}`, 'yaml.schema.json');

/** Each project file and the environment file the toolkit reads its variables from. */
const PROJECT_FILES = [
  { file: 'm365agents.yml', env: 'dev' },
  { file: 'm365agents.local.yml', env: 'local' },
  { file: 'm365agents.playground.yml', env: 'playground' },
] as const;

/**
 * Variables the toolkit itself sets or generates for every environment (https://aka.ms/teamsfx-actions):
 * the environment's name, the Azure subscription and resource group it prompts for when empty, the random
 * RESOURCE_SUFFIX it generates on first provision, and the tenant teamsApp/create records.
 */
const TOOLKIT_VARIABLES = new Set([
  'TEAMSFX_ENV',
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP_NAME',
  'RESOURCE_SUFFIX',
  'TEAMS_APP_TENANT_ID',
]);

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function read(file: string): string {
  return readFileSync(join(PROJECT_ROOT, file), 'utf8');
}

/** KEY=value lines of an env/.env.* file (comments and blank lines skipped). */
function envKeys(env: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of read(join('env', `.env.${env}`)).split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (match) keys.set(match[1] as string, (match[2] as string).trim());
  }
  return keys;
}

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string));
}

/** Every string in a parsed YAML/JSON value (so comments, which the parser drops, are not counted). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

interface Action {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
type Project = Partial<Record<'provision' | 'deploy' | 'publish', Action[]>> & { version: string };

function loadProject(file: string): Project {
  const doc = parseDocument(read(file));
  expect({ file, errors: doc.errors.map(String), warnings: doc.warnings.map(String) }).toEqual({
    file,
    errors: [],
    warnings: [],
  });
  return doc.toJS() as Project;
}

function actions(project: Project): Action[] {
  return [...(project.provision ?? []), ...(project.deploy ?? []), ...(project.publish ?? [])];
}

/** `.vscode/*.json` are JSON with `//` comment lines (VS Code's JSONC), kept to whole-line comments here. */
function readJsonc(file: string): unknown {
  return JSON.parse(
    read(file)
      .split('\n')
      .filter((line) => !/^\s*\/\//.test(line))
      .join('\n'),
  );
}

let validateProject: ValidateFunction;
let validateLifecycle: ValidateFunction;

beforeAll(() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(read(SCHEMA_FILE)) as object, 'm365agents');
  validateProject = ajv.getSchema('m365agents')!;
  validateLifecycle = ajv.getSchema('m365agents#/definitions/lifeCycleArray')!;
});

describe.each(PROJECT_FILES)('$file', ({ file, env }) => {
  it(`names the toolkit's ${SCHEMA_VERSION} schema and validates against it`, () => {
    const text = read(file);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    const project = loadProject(file);
    expect(project.version).toBe(SCHEMA_VERSION);
    expect(project).toMatchObject({ environmentFolderPath: './env' });

    // An action that matches none of the schema's is named by its place, not by ajv's hundreds of anyOf lines.
    const offending: string[] = [];
    for (const stage of ['provision', 'deploy', 'publish'] as const) {
      for (const [index, action] of (project[stage] ?? []).entries()) {
        if (!validateLifecycle([action])) offending.push(`${stage}[${index}] (${action.uses})`);
      }
    }
    expect(offending).toEqual([]);
    expect(validateProject(project) ? [] : validateProject.errors).toEqual([]);
  });

  it(`uses only variables env/.env.${env} defines, an earlier action writes, or the toolkit provides`, () => {
    const project = loadProject(file);
    const defined = new Set([...envKeys(env).keys(), ...TOOLKIT_VARIABLES]);
    const undefinedUses: string[] = [];
    for (const action of actions(project)) {
      for (const name of placeholders(strings({ env: action.env, with: action.with }).join('\n'))) {
        if (!defined.has(name)) undefinedUses.push(`${action.uses}: \${{${name}}}`);
      }
      for (const written of Object.values(action.writeToEnvironmentFile ?? {})) defined.add(written);
    }
    expect(undefinedUses).toEqual([]);
  });

  it(`keeps secrets out of env/.env.${env}: SECRET_ variables go to the git-ignored .user file`, () => {
    const project = loadProject(file);
    const written = actions(project).flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {}));
    for (const name of written.filter((n) => /PASSWORD|SECRET/.test(n))) expect(name).toMatch(/^SECRET_/);
    expect([...envKeys(env).keys()].filter((key) => key.startsWith('SECRET_'))).toEqual([]);
    const ignored = execFileSync('git', ['check-ignore', '--no-index', `env/.env.${env}.user`], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(ignored.trim()).toBe(`env/.env.${env}.user`);
  });
});

describe('the app package steps', () => {
  it('package manifest/ and give its placeholders the values the toolkit has', () => {
    const manifestPlaceholders = placeholders(read(join('manifest', 'manifest.json')));
    for (const { file, env } of PROJECT_FILES) {
      const project = loadProject(file);
      const defined = new Set([...envKeys(env).keys(), ...TOOLKIT_VARIABLES]);
      for (const action of actions(project).filter((a) => a.uses.startsWith('teamsApp/'))) {
        const manifestPath = action.with?.['manifestPath'];
        if (manifestPath !== undefined) expect(manifestPath).toBe('./manifest/manifest.json');
        for (const key of ['appPackagePath', 'outputZipPath']) {
          const path = action.with?.[key];
          if (path !== undefined) expect(path).toBe('./manifest/build/appPackage.${{TEAMSFX_ENV}}.zip');
        }
        if (['teamsApp/validateManifest', 'teamsApp/zipAppPackage'].includes(action.uses)) {
          const given = new Set([...defined, ...Object.keys(action.env ?? {})]);
          expect({
            file,
            action: action.uses,
            missing: [...manifestPlaceholders].filter((n) => !given.has(n)),
          }).toEqual({
            file,
            action: action.uses,
            missing: [],
          });
        }
      }
    }
  });

  it('create the Teams app with the bot id as its id, since the manifest uses one id for both', () => {
    const manifest = JSON.parse(read(join('manifest', 'manifest.json'))) as {
      id: string;
      bots: { botId: string }[];
    };
    expect(manifest.id).toBe(manifest.bots[0]!.botId);
    for (const { file } of PROJECT_FILES.filter((p) => p.env !== 'playground')) {
      const create = actions(loadProject(file)).find((a) => a.uses === 'teamsApp/create');
      expect(create).toMatchObject({
        env: { TEAMS_APP_ID: '${{BOT_ID}}' },
        writeToEnvironmentFile: { teamsAppId: 'TEAMS_APP_ID' },
      });
    }
  });
});

describe('infra/', () => {
  const bicep = read(join('infra', 'azure.bicep'));
  const declared = new Map(
    [...bicep.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z]+)(\s*=.*)?$/gm)].map((m) => [
      m[1] as string,
      { hasDefault: m[3] !== undefined },
    ]),
  );
  const outputs = [...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => m[1] as string);
  const parametersText = read(join('infra', 'azure.parameters.json'));
  const parameters = Object.keys(
    (JSON.parse(parametersText) as { parameters: Record<string, unknown> }).parameters,
  );

  it('azure.parameters.json names only parameters azure.bicep declares, and every one without a default', () => {
    expect(declared.size).toBeGreaterThan(0);
    expect(parameters.filter((name) => !declared.has(name))).toEqual([]);
    const required = [...declared].filter(([, p]) => !p.hasDefault).map(([name]) => name);
    expect(required.filter((name) => !parameters.includes(name))).toEqual([]);
  });

  it('azure.parameters.json takes secrets from SECRET_ variables that env/.env.dev tells you to set', () => {
    const devEnv = envKeys('dev');
    const devText = read(join('env', '.env.dev'));
    for (const name of placeholders(parametersText)) {
      if (name.startsWith('SECRET_')) expect(devText).toContain(`${name}=`);
      else expect(devEnv.has(name) || TOOLKIT_VARIABLES.has(name)).toBe(true);
    }
    expect(bicep).toMatch(/@secure\(\)\n(@[^\n]*\n)*param postgresAdminPassword string\n/);
  });

  it('its outputs, which arm/deploy writes to env/.env.dev, are listed there', () => {
    expect(outputs).toEqual(
      expect.arrayContaining(['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_ID', 'BOT_DOMAIN']),
    );
    const devEnv = envKeys('dev');
    expect(outputs.filter((name) => !devEnv.has(name))).toEqual([]);
  });

  it('the bot registration module gets every parameter it needs without a default', () => {
    const module = read(join('infra', 'botRegistration', 'azurebot.bicep'));
    const needed = [...module.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+[A-Za-z]+\s*$/gm)].map(
      (m) => m[1] as string,
    );
    const call =
      /module azureBotRegistration '\.\/botRegistration\/azurebot\.bicep' = \{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/.exec(
        bicep,
      );
    const given = [...(call?.[1] ?? '').matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*):/gm)].map(
      (m) => m[1] as string,
    );
    expect(needed.filter((name) => !given.includes(name))).toEqual([]);
    expect(module).toContain("msaAppType: 'UserAssignedMSI'");
    expect(module).toContain("channelName: 'MsTeamsChannel'");
  });

  it('runs the built bot on Node 22 LTS as the managed identity, in production, on PostgreSQL', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).toContain("appCommandLine: 'node dist/src/main.js'");
    const settings = [...bicep.matchAll(/name: '([A-Za-z_]+)'\n\s+value: ([^\n]+)/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(Object.fromEntries(settings)).toMatchObject({
      NODE_ENV: "'production'",
      MicrosoftAppType: "'UserAssignedMSI'",
      MicrosoftAppId: 'identity.properties.clientId',
      MicrosoftAppTenantId: 'identity.properties.tenantId',
      DATABASE_URL: 'databaseUrl',
    });
    expect(JSON.parse(read('package.json'))).toMatchObject({ scripts: { build: expect.any(String) } });
  });
});

describe('.vscode/', () => {
  interface Task {
    label: string;
    dependsOn?: string[];
    command?: string;
  }
  const tasks = (readJsonc(join('.vscode', 'tasks.json')) as { tasks: Task[] }).tasks;
  const launch = readJsonc(join('.vscode', 'launch.json')) as {
    configurations: { name: string; preLaunchTask?: string }[];
    compounds: { name: string; configurations: string[]; preLaunchTask?: string }[];
  };
  const labels = new Set(tasks.map((t) => t.label));

  it('offers F5 into the Playground and into Teams through a dev tunnel, as the toolkit template does', () => {
    expect(launch.compounds.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Debug in Microsoft 365 Agents Playground', 'Debug in Teams (Edge)']),
    );
    const tunnel = tasks.find((t) => t.label === 'Start local tunnel') as unknown as {
      args: { type: string; env: string; ports: { portNumber: number; writeToEnvironmentFile: object }[] };
    };
    expect(tunnel.args).toMatchObject({
      type: 'dev-tunnel',
      env: 'local',
      ports: [
        { portNumber: 3978, writeToEnvironmentFile: { endpoint: 'BOT_ENDPOINT', domain: 'BOT_DOMAIN' } },
      ],
    });
  });

  it('refers only to tasks, configurations and npm scripts that exist', () => {
    const configurations = new Set(launch.configurations.map((c) => c.name));
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const missing = [
      ...launch.compounds.flatMap((c) => [
        ...c.configurations.filter((n) => !configurations.has(n)),
        ...(c.preLaunchTask && !labels.has(c.preLaunchTask) ? [c.preLaunchTask] : []),
      ]),
      ...launch.configurations.flatMap((c) =>
        c.preLaunchTask && !labels.has(c.preLaunchTask) ? [c.preLaunchTask] : [],
      ),
      ...tasks.flatMap((t) => (t.dependsOn ?? []).filter((n) => !labels.has(n))),
      ...tasks.flatMap((t) => {
        const script = /^npm run ([\w:-]+)$/.exec(t.command ?? '')?.[1];
        return script && !scripts[script] ? [`npm run ${script}`] : [];
      }),
    ];
    expect(missing).toEqual([]);
  });
});
