import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
/** Inside the checkout, so that the tree's requires find node_modules and PROJECT_ROOT finds package.json. */
const CACHE = join(ROOT, 'node_modules', '.cache');
/** Set by the jest global set-up for its workers: one tree per run. */
const TREE_VARIABLE = 'SECURITY_DESK_TRANSPILED_TREE';
/** What the spawned processes run: the bot, and the turn bench's targets. */
const FOLDERS = ['src', 'bench'];

/**
 * src/ and bench/ as JavaScript, each file transpiled on its own exactly as ts-node's transpile-only would
 * at every start (no type check: `npm run typecheck` does that), into a fresh folder. A spawned bot then
 * starts in about a second instead of spending four seconds of CPU loading the compiler and compiling
 * the tree again, which the suite did some forty times.
 */
export function transpileTree(): string {
  mkdirSync(CACHE, { recursive: true });
  const out = mkdtempSync(join(CACHE, 'security-desk-tree-'));
  // The options ts-jest transpiles with (tsconfig.json, each file on its own).
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.jest.json'), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: false,
    sourceMap: false,
    inlineSourceMap: false,
    declaration: false,
  };
  for (const folder of FOLDERS) {
    for (const file of typeScriptFiles(join(ROOT, folder))) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions,
        fileName: file,
      });
      const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  }
  return out;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

let ownTree: string | undefined;

/**
 * The JavaScript for `relativeTs` (say `src/main.ts`): in the tree the jest run made, or, outside jest
 * (`npm run bench:crash`), in one this process makes on first use and removes at exit.
 */
export function transpiled(relativeTs: string): string {
  let tree = process.env[TREE_VARIABLE];
  if (!tree) {
    if (!ownTree) {
      const made = transpileTree();
      process.once('exit', () => rmSync(made, { recursive: true, force: true }));
      ownTree = made;
    }
    tree = ownTree;
  }
  return join(tree, relativeTs.replace(/\.ts$/, '.js'));
}

/** jest globalSetup / globalTeardown: workers start after the set-up and inherit its environment. */
export function setUpTree(): void {
  process.env[TREE_VARIABLE] = transpileTree();
}

export function tearDownTree(): void {
  const tree = process.env[TREE_VARIABLE];
  if (tree) rmSync(tree, { recursive: true, force: true });
  delete process.env[TREE_VARIABLE];
}
