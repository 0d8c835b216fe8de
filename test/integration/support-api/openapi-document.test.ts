import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTicketing } from '../../../src/backend/create-ticketing';
import { CustomerDraftDesk } from '../../../src/backend/customer-draft-desk';
import { EvidenceFiles, TicketStore } from '../../../src/tickets';
import { createEvidence } from '../../../src/evidence/create-evidence';
import { IdempotentResponses } from '../../../src/store/idempotent-responses';
import { loadConfig } from '../../../src/config';
import { FixedClock } from '../../support/fixed-clock';
import { createLogger } from '../../../src/logger';
import { createServer } from '../../../src/http/create-server';
import { registerTicketingRoutes } from '../../../src/http/support/register-ticketing-routes';
import { engines, type TestDatabase } from '../../support/databases';
import { startTestApp } from '../../support/test-app';

/** docs/openapi.json is the contract: every route the service registers is in it, and nothing else. */
const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
};
const methods = ['get', 'post', 'put', 'patch', 'delete'];

let database: TestDatabase;
let registered: string[];

beforeAll(async () => {
  database = await engines[0]!.create();
  const store = await database.open();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.config.dataDir,
    SUPPORT_API_KEY: 'k'.repeat(32),
  });
  const logger = createLogger('silent');
  const server = createServer({ logger, maxBodyBytes: 1024 });
  const tickets = new TicketStore(store.db);
  registerTicketingRoutes(server, {
    draftDesk: new CustomerDraftDesk({ tickets, clock: new FixedClock() }),
    supportDesk: createTicketing({
      config,
      logger,
      clock: new FixedClock(),
      store,
      tickets,
      idempotency: new IdempotentResponses(store.db),
    }).supportDesk,
    // Files of evidence: served wherever the support desk is (src/http/support/evidence-routes.ts).
    evidence: createEvidence({
      config,
      files: new EvidenceFiles(store.db),
      tickets,
      clock: new FixedClock(),
      logger,
    }),
    config,
    logger,
  });
  registered = Object.values(server.router.getRoutes())
    .map((route) => `${route.method.toLowerCase()} ${String(route.path).replace(/:(\w+)/g, '{$1}')}`)
    .sort();
});
afterAll(() => database.destroy());

const documented = () =>
  Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => methods.includes(m))
        .map((m) => `${m} ${path}`),
    )
    .sort();

test('the document is OpenAPI 3.1 with Entra bearer and local static-key security schemes', () => {
  expect(document.openapi).toBe('3.1.0');
  expect(document.components.securitySchemes.entraBearer).toMatchObject({
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  expect(document.components.securitySchemes.localStaticKey).toMatchObject({
    type: 'http',
    scheme: 'bearer',
  });
});

/** The ticket service's own paths; other parts of the app document theirs in the same file. */
const ticketServicePath = (route: string) => /^\w+ \/api\/(support\/tickets|tickets)(\/|$)/.test(route);

test('every route the ticket service registers is documented, and every documented ticket route exists', () => {
  expect(registered.some((r) => r.includes('/api/support/'))).toBe(true);
  const all = documented();
  for (const route of registered)
    expect({ route, documented: all.includes(route) }).toEqual({ route, documented: true });
  expect(all.filter(ticketServicePath)).toEqual(registered.filter(ticketServicePath));
});

test('every HTTP route of the whole app is documented, and every documented route exists', async () => {
  const app = await startTestApp();
  try {
    // /api/messages is the Bot Framework protocol endpoint, specified by Microsoft, not by us.
    const served = app.app
      .routes()
      .filter((route) => route !== 'POST /api/messages')
      .map((route) => route.replace(/^(\w+)/, (m) => m.toLowerCase()))
      .sort();
    expect(served).toEqual(documented());
  } finally {
    await app.close();
  }
});

test('every operation in the document has a unique operationId', () => {
  const ids = Object.values(document.paths).flatMap((item) =>
    methods.filter((m) => item[m]).map((m) => item[m]?.operationId),
  );
  expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
});

test('every ticket service operation documents 401 and 403', () => {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const m of methods.filter((method) => item[method] && ticketServicePath(`${method} ${path}`))) {
      expect(Object.keys(item[m]?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    }
  }
});

test('every $ref points at a component that exists', () => {
  const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) {
    const target = ref
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    expect({ ref, found: target !== undefined }).toEqual({ ref, found: true });
  }
});
