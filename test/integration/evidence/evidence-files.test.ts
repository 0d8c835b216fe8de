import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { draftCommunication } from '../../../src/domain/notice';
import { cardTexts } from '../../support/connector-stand-in';
import { engines } from '../../support/databases';
import {
  fullFix,
  noMessage,
  vulnerabilityData,
  vulnerabilityDetails,
  vulnerabilityKind,
} from '../report/report-answers';
import { ReportSession } from '../report/report-session';
import { confirmationNumberOn } from '../report/stored-ticket';
import { startTestApp, type TestApp } from '../../support/test-app';
import { teamsUser } from '../../support/teams-activities';
import { tenantB, vulnerabilitySubmission } from '../../support/submissions';
import {
  evidenceEnv,
  exeBytes,
  fileTicket,
  filesOf,
  pngBytes,
  repliesText,
  sendFiles,
  startAzurite,
  supportApi,
  teamsFile,
  type RunningAzurite,
} from './evidence-harness';

/**
 * Evidence files over HTTP: Teams-shaped activities to the real server, the files served by the Bot
 * Connector stand-in (as Teams serves a downloadUrl), the receipt caught there, the files read back
 * through the support API. On the embedded store (SQLite and PostgreSQL, files on disk) and on Azure
 * Blob Storage (Azurite).
 */

type Storage = {
  name: string;
  env: () => Record<string, string>;
  sealedFiles: (app: TestApp) => Promise<Buffer[]>;
};

let azurite: RunningAzurite | undefined;
const containerName = 'evidence-test';

const diskFiles = (app: TestApp): Buffer[] => {
  const root = join(app.config.evidence.storage.kind === 'disk' ? app.config.evidence.storage.dir : '', '');
  const out: Buffer[] = [];
  const walk = (dir: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(readFileSync(path));
    }
  };
  walk(root);
  return out;
};

const storages: Storage[] = [
  { name: 'disk on SQLite', env: () => ({}), sealedFiles: async (app) => diskFiles(app) },
  {
    name: 'disk on PostgreSQL',
    env: () => ({ DATABASE_URL: postgresUrl }),
    sealedFiles: async (app) => diskFiles(app),
  },
  {
    name: 'Azure Blob Storage (Azurite)',
    env: () => ({
      EVIDENCE_STORAGE: 'blob',
      EVIDENCE_BLOB_CONTAINER: containerName,
      EVIDENCE_BLOB_CONNECTION_STRING: azurite?.connectionString ?? '',
    }),
    sealedFiles: async () => {
      const container = BlobServiceClient.fromConnectionString(
        azurite?.connectionString ?? '',
      ).getContainerClient(containerName);
      const out: Buffer[] = [];
      for await (const blob of container.listBlobsFlat()) {
        out.push(await container.getBlobClient(blob.name).downloadToBuffer());
      }
      return out;
    },
  },
];

let postgresUrl = '';
let destroyPostgres: (() => Promise<void>) | undefined;

beforeAll(async () => {
  azurite = await startAzurite();
  const postgres = await engines[1]!.create();
  if (postgres.config.engine === 'postgres') postgresUrl = postgres.config.url;
  destroyPostgres = () => postgres.destroy();
}, 60_000);

afterAll(async () => {
  await azurite?.stop();
  await destroyPostgres?.();
});

describe.each(storages)('evidence files ($name)', (storage) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ env: { ...evidenceEnv, ...storage.env() } });
    if (storage.name.includes('Azurite')) {
      await BlobServiceClient.fromConnectionString(azurite?.connectionString ?? '')
        .getContainerClient(containerName)
        .deleteIfExists();
    }
  });
  afterEach(async () => {
    await t.close();
  });

  test('a file sent while one report is open is attached to it: receipt, support list, download, history', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const number = await fileTicket(t, chat);
    const png = pngBytes(1);
    const url = t.connector.fileUrl('/files/screenshot-1', png);

    const sent = await sendFiles(chat, [teamsFile('admin console.png', url)]);

    expect(sent.status).toBe(200);
    const receipt = repliesText(sent);
    expect(receipt).toContain(`File attached to ${number}`);
    expect(receipt).toContain('admin console.png');
    expect(receipt).toContain(`${png.length} bytes`);
    expect(receipt).toContain(createHash('sha256').update(png).digest('hex'));
    expect(receipt).toContain('Files up to 64 kB each; up to 5 files and 160 kB in all per report.');

    const [file, ...others] = await filesOf(t, number);
    expect(others).toEqual([]);
    expect(file).toMatchObject({
      name: 'admin console.png',
      kind: 'png',
      size: png.length,
      scan: { status: 'pending' },
    });

    // Encrypted at rest: the stored bytes are not the file, nor contain it.
    const sealed = await storage.sealedFiles(t);
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.includes(png.subarray(8, 40))).toBe(false);

    const download = await supportApi(t, 'GET', file!.download);
    expect(download.status).toBe(200);
    expect(download.bytes.equals(png)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toContain('attachment;');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');

    const ticket = await supportApi(t, 'GET', `/api/support/tickets/${number}`);
    const history = ticket.json.history as Array<{
      type: string;
      data: Record<string, unknown>;
      actor: { kind: string };
    }>;
    expect(history.map((entry) => entry.type)).toEqual([
      'submitted',
      'evidence_added',
      'evidence_downloaded',
    ]);
    expect(history[1]).toMatchObject({
      actor: { kind: 'publisher' },
      data: { name: 'admin console.png', size: png.length },
    });
    expect(history[2]).toMatchObject({ actor: { kind: 'support' }, data: { fileId: file!.id } });
  });

  test('bad input gets a clear answer each, one log line each, and nothing half-stored', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const number = await fileTicket(t, chat);
    const stored = pngBytes(2);
    const files = [
      teamsFile('ok.png', t.connector.fileUrl('/files/ok', stored)),
      teamsFile('again.png', t.connector.fileUrl('/files/again', stored)),
      teamsFile('huge.log', t.connector.fileUrl('/files/huge', Buffer.alloc(65 * 1024, 'a'))),
      teamsFile('empty.txt', t.connector.fileUrl('/files/empty', Buffer.alloc(0))),
      teamsFile('invoice.pdf', t.connector.fileUrl('/files/exe', exeBytes())),
      teamsFile('blob.bin', t.connector.fileUrl('/files/bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]))),
      teamsFile('expired.png', t.connector.fileUrl('/files/expired', pngBytes(3), 403)),
      teamsFile('foreign.png', 'https://files.attacker.example/steal.png'),
      teamsFile('metadata.png', 'https://169.254.169.254/latest/meta-data/'),
    ];

    const sent = await sendFiles(chat, files);

    const text = repliesText(sent);
    expect(text).toContain(`File attached to ${number}`);
    expect(text).toContain('again.png: the same file (same contents) is already there, as ok.png.');
    expect(text).toContain('huge.log is larger than 64 kB, the limit for one file.');
    expect(text).toContain('empty.txt is empty.');
    expect(text).toContain(
      'invoice.pdf is a program, whatever its name says, and programs are not accepted.',
    );
    expect(text).toContain(
      'blob.bin is not a kind of file I can take (checked by its contents, not its name).',
    );
    expect(text).toContain('expired.png: the download link has expired or is no longer valid.');
    expect(text).toContain("foreign.png: the link is not from Teams' file storage, so I did not open it.");
    expect(text).toContain("metadata.png: the link is not from Teams' file storage");

    expect((await filesOf(t, number)).map((f) => f.name)).toEqual(['ok.png']);
    expect(await storage.sealedFiles(t)).toHaveLength(1);
    const refusals = t.logs.filter((line) => line.event === 'evidence.refused').map((line) => line.reason);
    expect(refusals).toEqual([
      'duplicate',
      'tooLarge',
      'empty',
      'executable',
      'disallowedType',
      'expired',
      'foreignHost',
      'foreignHost',
    ]);
    // Nothing was asked of a host that is not allow-listed.
    expect(t.connector.calls.filter((c) => c.kind === 'file').map((c) => c.path)).toEqual([
      '/files/ok',
      '/files/again',
      '/files/huge',
      '/files/empty',
      '/files/exe',
      '/files/bin',
      '/files/expired',
    ]);
  });

  test('attach <number> points the next files at that report; with several open the bot asks which', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const first = await fileTicket(t, chat);
    // A title at its limit (150 characters) is offered whole: the choice wraps, nothing is cut.
    const longTitle = 'Stored cross-site scripting in the export page of the offer portal, '.padEnd(150, 'x');
    const second = await fileTicket(t, chat, {
      report: { ...vulnerabilitySubmission().report, title: longTitle },
    });

    const asked = await sendFiles(chat, [
      teamsFile('trace.json', t.connector.fileUrl('/files/trace', Buffer.from('{"a":1}'))),
    ]);
    expect(repliesText(asked)).toContain('Which report are these files for?');
    expect(await filesOf(t, first)).toEqual([]);
    expect(await filesOf(t, second)).toEqual([]);

    // The card's button carries the files; the person picks the report in its choice set.
    const card = asked.replies.flatMap((c) =>
      Array.isArray(c.body.attachments) ? c.body.attachments : [],
    )[0] as {
      content: {
        body: Array<{ type: string; id?: string; choices?: Array<{ title: string; value: string }> }>;
        actions: Array<{ title: string; data: Record<string, unknown> }>;
      };
    };
    const choices = card.content.body.find((element) => element.id === 'confirmationNumber')?.choices ?? [];
    expect(choices.map((choice) => choice.value).sort()).toEqual([first, second].sort());
    // (A long unbroken run gets zero-width spaces so it can wrap.)
    expect(choices.find((choice) => choice.value === second)?.title.replaceAll('\u200b', '')).toBe(
      `${second}: ${longTitle}`,
    );
    const [attach] = card.content.actions;
    expect(attach?.title).toBe('Attach the files');
    const pressed = await chat.submit({ ...attach!.data, confirmationNumber: first });
    expect(repliesText(pressed)).toContain(`File attached to ${first}`);
    expect((await filesOf(t, first)).map((f) => f.name)).toEqual(['trace.json']);

    const pointed = await chat.send(`attach ${second}`);
    expect(repliesText(pointed)).toContain(`Send the files now with the Attach button: they go to ${second}`);
    const sent = await sendFiles(chat, [
      teamsFile('notes.txt', t.connector.fileUrl('/files/notes', Buffer.from('it fails at line 3\n'))),
    ]);
    expect(repliesText(sent)).toContain(`File attached to ${second}`);
    expect((await filesOf(t, second)).map((f) => [f.name, f.kind])).toEqual([['notes.txt', 'text']]);

    // The number in the message's own text wins.
    const named = await sendFiles(
      chat,
      [
        teamsFile(
          'poc.sh',
          t.connector.fileUrl('/files/poc', Buffer.from('#!/bin/sh\ncurl -d @x http://victim\n')),
        ),
      ],
      `attach ${first}`,
    );
    expect(repliesText(named)).toContain(`File attached to ${first}`);
    expect((await filesOf(t, first)).map((f) => f.name)).toEqual(['trace.json', 'poc.sh.txt']);
  });

  test('no file goes to another tenant’s report, a closed one, or an unknown number', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const other = t.chat(teamsUser({ tenantId: tenantB }));
    const theirs = await fileTicket(t, other, { tenantId: tenantB });
    const url = t.connector.fileUrl('/files/x', pngBytes(4));

    const foreign = await sendFiles(chat, [teamsFile('x.png', url)], `attach ${theirs}`);
    expect(repliesText(foreign)).toContain(`I found no open report ${theirs} in your organisation.`);

    const mine = await fileTicket(t, chat);
    const support = t.app.ticketing.supportDesk!.support;
    const current = await support.get(mine);
    await support.execute(
      mine,
      { type: 'close', reason: 'withdrawn', note: 'test' },
      { kind: 'support', id: 'a1' },
      current!.view.version,
    );
    const closed = await sendFiles(chat, [teamsFile('x.png', url)], `attach ${mine}`);
    expect(repliesText(closed)).toContain(`I found no open report ${mine} in your organisation.`);
    const none = await sendFiles(chat, [teamsFile('x.png', url)]);
    expect(repliesText(none)).toContain('You have no open report to attach files to.');

    expect(await filesOf(t, theirs)).toEqual([]);
    expect(await filesOf(t, mine)).toEqual([]);
    expect(t.connector.calls.filter((c) => c.kind === 'file')).toEqual([]);
  });
});

describe('evidence files: support download authorisation and scan verdicts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: evidenceEnv });
  });
  afterEach(() => t.close());

  test('only support downloads; a malicious file is never served; other tickets’ file ids are not found', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const number = await fileTicket(t, chat);
    const otherNumber = await fileTicket(t, chat);
    await sendFiles(
      chat,
      [teamsFile('a.png', t.connector.fileUrl('/files/a', pngBytes(5)))],
      `attach ${number}`,
    );
    const [file] = await filesOf(t, number);

    expect((await supportApi(t, 'GET', file!.download, { token: null })).status).toBe(401);
    expect(
      (await supportApi(t, 'GET', file!.download, { token: 'not-the-key-0123456789abcdefghijklmnop' }))
        .status,
    ).toBe(401);
    expect((await supportApi(t, 'GET', `/api/support/tickets/${otherNumber}/files/${file!.id}`)).status).toBe(
      404,
    );
    expect((await supportApi(t, 'GET', `/api/support/tickets/${number}/files/not-a-uuid`)).status).toBe(404);

    const bad = await supportApi(t, 'POST', `${file!.download}/scan-result`, { body: { verdict: 'maybe' } });
    expect(bad.status).toBe(400);
    const marked = await supportApi(t, 'POST', `${file!.download}/scan-result`, {
      body: { verdict: 'malicious', detail: 'Defender for Storage: EICAR-Test-File' },
    });
    expect(marked.status).toBe(200);
    expect(marked.json.file).toMatchObject({
      scan: { status: 'malicious', detail: 'Defender for Storage: EICAR-Test-File' },
    });

    const refused = await supportApi(t, 'GET', file!.download);
    expect(refused.status).toBe(403);
    expect(refused.json.type).toBe('urn:security-desk:problem:forbidden');
    expect(refused.bytes.includes(pngBytes(5).subarray(8, 30))).toBe(false);
    const history = (await supportApi(t, 'GET', `/api/support/tickets/${number}`)).json.history as Array<{
      type: string;
    }>;
    expect(history.map((entry) => entry.type)).not.toContain('evidence_downloaded');
  });
});

describe('evidence files during a report, and in Russian', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: evidenceEnv });
  });
  afterEach(() => t.close());

  test('a file sent while the report is a draft is kept with it and attached when it is submitted', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const session = new ReportSession(chat);
    await session.post('report', { localTimezone: 'Europe/Berlin' });
    await session.press('next', vulnerabilityKind);
    const png = pngBytes(9);
    const kept = await sendFiles(chat, [
      teamsFile('poc-screenshot.png', t.connector.fileUrl('/files/poc', png)),
    ]);
    expect(repliesText(kept)).toContain('File kept with your report draft');
    expect(repliesText(kept)).toContain('They are attached to the report when you submit it.');

    await session.press('next', vulnerabilityDetails);
    await session.press('next', vulnerabilityData);
    await session.press('next', fullFix);
    await session.press('next', noMessage);
    // The review says files can be sent; then the report is filed.
    expect(cardTexts(session.card).join('\n')).toContain('Evidence: you can send files in this chat now');
    await session.press('submit');
    const number = confirmationNumberOn(session.card);

    const files = await filesOf(t, number);
    expect(files.map((file) => [file.name, file.size])).toEqual([['poc-screenshot.png', png.length]]);
    const history = (await supportApi(t, 'GET', `/api/support/tickets/${number}`)).json.history as Array<{
      type: string;
    }>;
    expect(history.map((entry) => entry.type)).toEqual(['submitted', 'evidence_added']);
    const download = await supportApi(t, 'GET', files[0]!.download);
    expect(download.bytes.equals(png)).toBe(true);
  });

  test('the CSAF document and the customer email never carry a file’s contents or name', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const number = await fileTicket(t, chat);
    const secret = 'session-cookie=ZXhmaWx0cmF0ZWQtc2VjcmV0';
    await sendFiles(chat, [
      teamsFile('capture-7731.log', t.connector.fileUrl('/files/cap', Buffer.from(`${secret}\n`))),
    ]);
    expect((await filesOf(t, number)).map((file) => file.name)).toEqual(['capture-7731.log']);

    const record = await t.app.backend.getForTenant(chat.user.tenantId, number);
    for (const format of ['csaf', 'email'] as const) {
      const draft = draftCommunication({
        format,
        language: 'en',
        tone: 'formal',
        ticket: record!.ticket,
        now: new Date(),
      });
      expect(draft.body).not.toContain(secret);
      expect(draft.body).not.toContain('capture-7731');
    }
  });

  test('a refusal is in the person’s language', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID(), locale: 'ru-RU' }));
    const number = await fileTicket(t, chat, { locale: 'ru-RU' });
    const sent = await sendFiles(chat, [
      teamsFile('setup.txt', t.connector.fileUrl('/files/setup', exeBytes())),
      teamsFile('журнал.log', t.connector.fileUrl('/files/log', Buffer.from('2026-12-01 ошибка входа\n'))),
    ]);
    const text = repliesText(sent);
    expect(text).toContain(`1 файл прикреплён к ${number}`);
    expect(text).toContain('журнал.log');
    expect(text).toContain('setup.txt — программа, как бы файл ни назывался, а программы не принимаются.');
    expect(text).toContain('Файл — до 64 кБ');
  });
});
