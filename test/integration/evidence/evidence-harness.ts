import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Submission } from '../../../src/backend/ticket-backend';
import { adaptiveCardsOf, cardTexts } from '../../support/connector-stand-in';
import { vulnerabilitySubmission } from '../../support/submissions';
import type { PostResult, TeamsChat } from '../../support/teams-activities';
import type { TestApp } from '../../support/test-app';

export const supportKey = 'local-support-key-for-tests-0123456789abcdef';
export const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/** The evidence settings every test app starts with: files from the connector stand-in on loopback. */
export const evidenceEnv: Record<string, string> = {
  EVIDENCE_ALLOW_LOOPBACK: 'true',
  EVIDENCE_KEY: Buffer.alloc(32, 7).toString('base64'),
  EVIDENCE_MAX_FILE_BYTES: String(64 * 1024),
  EVIDENCE_MAX_TICKET_BYTES: String(160 * 1024),
  EVIDENCE_MAX_FILES_PER_TICKET: '5',
};

/** A real (tiny) PNG: signature, IHDR, IDAT, IEND, with a seed pixel so two calls can differ. */
export function pngBytes(seed = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, seed & 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows program's first bytes (MZ header, PE signature offset), whatever it is called. */
export function exeBytes(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write('MZ', 0, 'ascii');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'ascii');
  return bytes;
}

/** A Teams file share as the activity carries it. */
export function teamsFile(name: string, downloadUrl: string): Record<string, unknown> {
  return {
    contentType: TEAMS_FILE,
    contentUrl: `https://contoso.sharepoint.com/personal/alex/Documents/${encodeURIComponent(name)}`,
    name,
    content: {
      downloadUrl,
      uniqueId: 'f2b6e8d0-0000-4000-8000-000000000001',
      fileType: name.split('.').pop(),
    },
  };
}

/** A message with files (and optional text), as Teams posts it. */
export function sendFiles(
  chat: TeamsChat,
  attachments: Array<Record<string, unknown>>,
  text = '',
): Promise<PostResult> {
  return chat.post(chat.base('message', { text, textFormat: 'plain', attachments }));
}

/** Every text of every card (and plain message) the turn sent. */
export function repliesText(result: PostResult): string {
  return result.replies
    .filter((c) => c.kind === 'send' || c.kind === 'reply')
    .flatMap((c) => [
      ...(typeof c.body.text === 'string' ? [c.body.text] : []),
      ...adaptiveCardsOf(c.body).flatMap(cardTexts),
    ])
    .join('\n');
}

/** Files a ticket for the chat's person straight through the backend; its confirmation number. */
export async function fileTicket(app: TestApp, chat: TeamsChat, overrides: Partial<Submission> = {}) {
  const result = await app.app.backend.submit(
    vulnerabilitySubmission({
      submissionKey: `draft-${Math.random().toString(36).slice(2)}`,
      tenantId: chat.user.tenantId,
      reporter: { kind: 'publisher', id: chat.user.aadObjectId, name: chat.user.name },
      conversationId: chat.conversationId,
      ...overrides,
    }),
  );
  if (!result.ok) throw new Error(`submit refused: ${JSON.stringify(result.error)}`);
  return result.record.ticket.confirmationNumber;
}

export async function supportApi(
  app: TestApp,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; bytes: Buffer; json: Record<string, unknown> }> {
  const token = options.token === undefined ? supportKey : options.token;
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  let json: Record<string, unknown> = {};
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  }
  return { status: response.status, headers: response.headers, bytes, json };
}

export interface FileJson {
  id: string;
  name: string;
  size: number;
  sha256: string;
  kind: string;
  scan: { status: string };
  download: string;
}

export async function filesOf(app: TestApp, number: string): Promise<FileJson[]> {
  const listed = await supportApi(app, 'GET', `/api/support/tickets/${number}/files`);
  if (listed.status !== 200) throw new Error(`listing files answered ${listed.status}`);
  return listed.json.items as FileJson[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningAzurite {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * Azurite's blob service (the official Azure Storage emulator, a dev dependency) on a free loopback port
 * with its data in memory; ready once it prints that it listens.
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    join(__dirname, '../../../node_modules/.bin/azurite-blob'),
    [
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--extentMemoryLimit',
      '64',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`azurite did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/successfully listens/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite exited with ${code}: ${output}`));
    });
  });
  return {
    connectionString:
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
      'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
      `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        // Azurite lets open connections linger on SIGTERM; its data is in memory, so SIGKILL loses nothing.
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
