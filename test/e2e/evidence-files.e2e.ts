import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import { CONFIRMATION_NUMBER, fileVulnerabilityReport } from './support/file-vulnerability-report';
import { E2E_SUPPORT_API_KEY } from './support/start-e2e-bot';

/** A 1×1 PNG, as a screenshot pasted into the chat would arrive (an inline image). */
function screenshotPng(): Buffer {
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
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 30, 30]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The Playground's own "Mock an Activity → Custom activity": a message as Teams sends one with an inline
 * image, from this person in this chat (the ids of the last message the Playground sent).
 */
async function sendImage(session: E2eSession, png: Buffer, name: string): Promise<void> {
  const last = [...session.sentToBot].reverse().find((sent) => sent.activity.type === 'message')?.activity;
  if (!last) throw new Error('the Playground sent no message yet');
  const activity = {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: last.channelId,
    serviceUrl: last.serviceUrl,
    from: last.from,
    recipient: last.recipient,
    conversation: last.conversation,
    channelData: last.channelData,
    locale: 'en-US',
    text: '',
    attachments: [
      { contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}`, name },
    ],
  };
  const { page } = session.chat;
  await page.getByRole('button', { name: 'Mock an Activity' }).click();
  await page.getByText('Custom activity', { exact: true }).click();
  const editor = page.getByRole('textbox', { name: /Editor content/ });
  const lines = page.locator('.monaco-editor .view-lines');
  // The editor opens with a template of its own: replaced before it shows, the template came back over
  // our activity and the Playground sent the template (type "<custom-activity-type>") in one CI run.
  await lines.filter({ hasText: '<custom-activity-type>' }).waitFor();
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // Inserted as one piece (as a paste is), so the editor adds no closing brackets of its own.
  await page.keyboard.insertText(JSON.stringify(activity));
  await lines.filter({ hasText: activity.id }).waitFor();
  await page.getByRole('button', { name: 'Send activity', exact: true }).click();
}

describe('a publisher sends evidence for a report (English)', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await startE2eSession('evidence-files');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a screenshot sent after filing is attached to the report; the receipt names it, its size and the ticket', async () => {
    const { chat, bot } = session;
    await chat.reply('Welcome to Security Desk');
    const number = await fileVulnerabilityReport(chat, {
      offerName: 'Contoso Gateway',
      offerId: 'contoso.gateway',
      title: 'Admin console reachable without sign-in',
      description: 'The /admin path of the gateway answers without authentication.',
      affected: 'Customers on gateway 5.0 to 5.2.',
      cveIds: 'CVE-2026-40111',
      remediation: 'Upgrade to 5.2.1, which requires sign-in on /admin.',
    });
    expect(number).toMatch(CONFIRMATION_NUMBER);

    const png = screenshotPng();
    await chat.markNow();
    await sendImage(session, png, 'gateway-admin.png');

    const receipt = await chat.reply(`File attached to ${number}`);
    await chat.screenshot(receipt, 'evidence-receipt');
    const text = await chat.textOf(receipt);
    expect(text).toContain('gateway-admin.png');
    expect(text).toContain(`${png.length} bytes`);
    expect(text).toContain('Admin console reachable without sign-in');
    expect(text).toContain('Files up to 20 MB each');

    // Support sees it through the API, and the bytes that come back are the screenshot's.
    const listed = await fetch(`${bot.url}/api/support/tickets/${number}/files`, {
      headers: { authorization: `Bearer ${E2E_SUPPORT_API_KEY}` },
    });
    const { items } = (await listed.json()) as { items: Array<{ name: string; download: string }> };
    expect(items.map((item) => item.name)).toEqual(['gateway-admin.png']);
    const download = await fetch(`${bot.url}${items[0]!.download}`, {
      headers: { authorization: `Bearer ${E2E_SUPPORT_API_KEY}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });

  it('with two reports open the bot asks which one, showing each whole title, and attaches to the one picked', async () => {
    const { chat, bot } = session;
    // A title at its limit (150 characters): the choice shows all of it, wrapped, nothing cut.
    const longTitle =
      'Stored cross-site scripting in the export page of the offer portal, reachable by any signed-in user who opens a shared report link from an email today';
    expect(longTitle.length).toBe(150);
    const second = await fileVulnerabilityReport(chat, {
      offerName: 'Contoso Portal',
      offerId: 'contoso.portal',
      title: longTitle,
      description: 'A report name with a script tag runs in the browser of whoever opens the export.',
      affected: 'Every tenant of the portal since 3.1.',
      cveIds: 'CVE-2026-40222',
      remediation: 'Upgrade to 3.4.2, which encodes report names on export.',
    });

    const png = screenshotPng();
    await chat.markNow();
    await sendImage(session, png, 'portal-export.png');
    const question = await chat.reply('Which report are these files for?');
    await chat.screenshot(question, 'evidence-which-report');
    expect(await chat.textOf(question)).toContain(`${second}: ${longTitle}`);
    await chat.choose(question, 'Report', `${second}: ${longTitle}`);
    await chat.press('Attach the files', question);

    const receipt = await chat.reply(`File attached to ${second}`);
    expect(await chat.textOf(receipt)).toContain('portal-export.png');
    const listed = await fetch(`${bot.url}/api/support/tickets/${second}/files`, {
      headers: { authorization: `Bearer ${E2E_SUPPORT_API_KEY}` },
    });
    const { items } = (await listed.json()) as { items: Array<{ name: string }> };
    expect(items.map((item) => item.name)).toEqual(['portal-export.png']);
  });
});
