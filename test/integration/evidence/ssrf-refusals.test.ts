import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/test-app';
import { teamsUser } from '../../support/teams-activities';
import {
  evidenceEnv,
  fileTicket,
  filesOf,
  pngBytes,
  repliesText,
  sendFiles,
  teamsFile,
} from './evidence-harness';

/**
 * Server-side request forgery: with loopback not allowed (production's setting), a downloadUrl whose
 * host is allow-listed but resolves to this machine is refused before any request — the stand-in that
 * would serve it records no fetch — and the person is told why, once, in one log line each.
 */
describe('evidence files: no request to a private address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        ...evidenceEnv,
        EVIDENCE_ALLOW_LOOPBACK: 'false',
        // Names an operator could mistakenly allow: they resolve to loopback.
        EVIDENCE_FILE_HOSTS: '*.sharepoint.com,localhost,127.0.0.1',
      },
    });
  });
  afterAll(() => t.close());

  test('an allow-listed name or address that is loopback, and a plain-http link, are refused without a request', async () => {
    const chat = t.chat(teamsUser({ tenantId: randomUUID() }));
    const number = await fileTicket(t, chat);
    const port = new URL(t.connector.url).port;
    t.connector.fileUrl('/files/secret', pngBytes(1));

    const sent = await sendFiles(chat, [
      teamsFile('by-name.png', `https://localhost:${port}/files/secret`),
      teamsFile('by-address.png', `https://127.0.0.1:${port}/files/secret`),
      teamsFile('plain-http.png', `http://contoso.sharepoint.com/files/secret`),
      teamsFile('userinfo.png', `https://contoso.sharepoint.com@127.0.0.1:${port}/files/secret`),
    ]);

    const text = repliesText(sent);
    expect(text).toContain('Nothing was attached');
    expect(text).toContain('by-name.png: the link leads to a private network address, so I did not open it.');
    expect(text).toContain(
      'by-address.png: the link leads to a private network address, so I did not open it.',
    );
    expect(text).toContain("plain-http.png: the link is not from Teams' file storage, so I did not open it.");
    expect(text).toContain("userinfo.png: the link is not from Teams' file storage, so I did not open it.");
    expect(t.connector.calls.filter((call) => call.kind === 'file')).toEqual([]);
    expect(await filesOf(t, number)).toEqual([]);
    expect(
      t.logs.filter((line) => line.event === 'evidence.refused').map((line) => [line.reason, line.detail]),
    ).toEqual([
      ['privateAddress', 'localhost resolves to 127.0.0.1'],
      ['privateAddress', '127.0.0.1 resolves to 127.0.0.1'],
      ['foreignHost', 'http: is not https'],
      ['foreignHost', 'credentials in the URL'],
    ]);
  });
});
