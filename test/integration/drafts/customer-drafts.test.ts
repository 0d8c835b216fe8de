import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { actionTitles, adaptiveCardsOf, cardTexts } from '../../support/connector-stand-in';
import { validateCsafAsync } from '../../support/run-csaf-validator';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call } from '../support-api/support-client';
import { notifyEnv, sendsTo } from '../notify/notify-harness';
import { inputOf } from '../report/report-session';
import {
  answerCard,
  fileThroughTheDialog,
  historyTypes,
  replacedCard,
  said,
  supportDoes,
  textsIn,
  updateShowing,
} from '../correspondence/correspondence-harness';
import type { PostResult, TeamsChat } from '../../support/teams-activities';

const supportKey = 'local-support-key-for-tests-0123456789abcdef';
const support = { token: supportKey };

/** Drafts in the chat: the draft card that replaced the choice card, and its draft id. */
async function draftIn(
  chat: TeamsChat,
  number: string,
  choice: { format: string; language: string; tone: string },
): Promise<{ card: Record<string, unknown>; id: string; draftId: string }> {
  const { id } = answerCard(await chat.send(`draft ${number}`));
  const made = await chat.submit({ cmd: 'draft_make', confirmationNumber: number, ...choice }, id);
  const card = replacedCard(made, id);
  return { card, id, draftId: draftIdOn(card) };
}

/** The card the bot answered a turn with as a new message. */
function replyCard(result: PostResult): Record<string, unknown> {
  const reply = result.replies.find((r) => r.kind === 'reply' && adaptiveCardsOf(r.body).length > 0);
  const card = reply && adaptiveCardsOf(reply.body)[0];
  if (!card) throw new Error('the turn was not answered with a card');
  return card;
}

/** The draft id the card's buttons carry. */
function draftIdOn(card: Record<string, unknown>): string {
  const id = /"draftId":"([^"]+)"/.exec(JSON.stringify(card))?.[1];
  if (typeof id !== 'string') throw new Error('no draft id on the card');
  return id;
}

describe('customer drafts after submission: kept with versions, shared, reviewed, never stale unmarked', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: notifyEnv });
  });
  afterAll(() => app.close());

  test('draft NUMBER: a Russian plain email is kept as version 1, private, with what is still missing', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    const { card: choices } = answerCard(await chat.send(`draft ${number}`));
    expect(cardTexts(choices)).toContain(`Message to your customers about ${number}`);
    expect(actionTitles(choices)).toEqual(['Draft it']);

    const { card } = await draftIn(chat, number, { format: 'email', language: 'ru', tone: 'plain' });
    expect(cardTexts(card)).toContain(`Draft email for ${number} (Russian, version 1)`);
    const body = String(inputOf(card, 'body')?.value ?? '');
    expect(String(inputOf(card, 'subject')?.value ?? '').length).toBeGreaterThan(0);
    expect(body).toContain(number);
    // Support's severity, not the CVSS rating, once support has assigned one.
    expect(body).toMatch(/высок/i);
    expect(cardTexts(card)).toContain('Still to fill in before you send it:');
    expect(cardTexts(card)).toContain(
      'Only your organisation sees this draft until you share it with support.',
    );
    expect(actionTitles(card)).toEqual([
      'Save my changes',
      'Share with support',
      'Get a download link',
      'Draft it again from the report now',
      'Another format or language',
    ]);
    const rows = await app.app.store.db.selectFrom('customer_drafts').selectAll().execute();
    expect(rows.find((r) => r.body === body)).toMatchObject({
      format: 'email',
      language: 'ru',
      tone: 'plain',
      version: 1,
      origin: 'drafted',
      status: 'private',
    });
    // A private draft is not support's to see.
    const listed = await call(app.url, 'GET', `/api/support/tickets/${number}/drafts`, support);
    expect(listed.body).toEqual({ items: [] });
  });

  test('a CSAF 2.0 document drafted in the chat passes the schema and the mandatory tests; it is offered as a file', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { card } = await draftIn(chat, number, { format: 'csaf', language: 'en', tone: 'formal' });
    const json = cardTexts(card).find((text) => text.trimStart().startsWith('{'));
    const document = JSON.parse(String(json)) as { document: { category: string; tracking: { id: string } } };
    expect(document.document).toMatchObject({ category: 'csaf_security_advisory', tracking: { id: number } });
    expect(await validateCsafAsync([document])).toEqual([{ isValid: true, errors: [] }]);
    // Not edited by hand: no boxes, and the file and the link are offered.
    expect(inputOf(card, 'body')).toBeUndefined();
    expect(actionTitles(card)).toEqual([
      'Share with support',
      'Send me the file',
      'Get a download link',
      'Draft it again from the report now',
      'Another format or language',
    ]);
  });

  test('the publisher edits and shares; support proposes an edit over HTTP; the publisher accepts, edits, declines', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { card, id, draftId } = await draftIn(chat, number, {
      format: 'email',
      language: 'en',
      tone: 'formal',
    });
    const subject = String(inputOf(card, 'subject')?.value);
    const body = String(inputOf(card, 'body')?.value);

    // Saving the same text is nothing new; an edit is version 2; sharing the box's text shares it.
    const same = await chat.submit(
      { cmd: 'draft_save', confirmationNumber: number, draftId, subject, body },
      id,
    );
    expect(said(same)).toEqual(["The text is the same as the draft's: there is nothing new to save."]);
    const edited = `${body}\n\nContact security@contoso.example with any question.`;
    const saved = await chat.submit(
      { cmd: 'draft_save', confirmationNumber: number, draftId, subject, body: edited },
      id,
    );
    const v2 = replacedCard(saved, id);
    expect(cardTexts(v2)).toContain(`Draft email for ${number} (English, version 2)`);
    expect(cardTexts(v2).join('\n')).toContain('Saved as version 2.');
    const shared = await chat.submit(
      { cmd: 'draft_share', confirmationNumber: number, draftId: draftIdOn(v2), subject, body: edited },
      id,
    );
    const sharedCard = replacedCard(shared, id);
    expect(cardTexts(sharedCard).join('\n')).toContain('Shared with support as version 2.');
    expect(actionTitles(sharedCard)).not.toContain('Share with support');

    // Support sees what was shared (and only that), with its text.
    const listed = await call(app.url, 'GET', `/api/support/tickets/${number}/drafts`, support);
    expect(listed.status).toBe(200);
    const items = (listed.body as { items: Array<Record<string, unknown>> }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      format: 'email',
      version: 2,
      status: 'shared',
      origin: 'publisher',
      stale: false,
    });
    const sharedId = String(items[0]!.id);
    const one = await call(app.url, 'GET', `/api/support/tickets/${number}/drafts/${sharedId}`, support);
    expect(one.body).toMatchObject({ draft: { body: edited, subject } });

    // Support proposes; the publisher gets the proposal in the chat, to accept as it is.
    const proposedBody = edited.replace('with any question', 'with any question, quoting the ticket number');
    const proposed = await call(
      app.url,
      'POST',
      `/api/support/tickets/${number}/drafts/${sharedId}/proposals`,
      {
        ...support,
        body: { subject, body: proposedBody, note: 'Please ask customers to quote the number.' },
      },
    );
    expect(proposed.status).toBe(201);
    const proposalId = String((proposed.body as { draft: { id: string } }).draft.id);
    const [delivered] = await app.connector.waitFor(
      (c) =>
        sendsTo(chat.conversationId)(c) && textsIn(c).includes('Please ask customers to quote the number.'),
    );
    const proposalCard = adaptiveCardsOf(delivered!.body)[0]!;
    expect(cardTexts(proposalCard)).toContain(
      'Support proposes a change to your draft. Support suggests this text: accept it, change it and accept it, or decline it.',
    );
    expect(inputOf(proposalCard, 'body')?.value).toBe(proposedBody);
    expect(actionTitles(proposalCard)).toEqual([
      "Accept support's version",
      'Accept with my changes',
      'Decline the proposal',
      'Draft it again from the report now',
      'Another format or language',
    ]);
    const accepted = await chat.submit(
      { cmd: 'draft_accept', confirmationNumber: number, draftId: proposalId },
      delivered!.newActivityId,
    );
    expect(cardTexts(replacedCard(accepted, String(delivered!.newActivityId))).join('\n')).toContain(
      "You accepted support's version: it is shared with support.",
    );
    const again = await chat.submit(
      { cmd: 'draft_decline', confirmationNumber: number, draftId: proposalId },
      delivered!.newActivityId,
    );
    expect(said(again)).toEqual(['This proposal has been answered already.']);

    // A second proposal, accepted with the publisher's own changes: a new version, shared.
    const second = await call(
      app.url,
      'POST',
      `/api/support/tickets/${number}/drafts/${proposalId}/proposals`,
      {
        ...support,
        body: { subject: `${subject} (update)`, body: `${proposedBody}\nThank you.` },
      },
    );
    expect(second.status).toBe(201);
    const secondId = String((second.body as { draft: { id: string } }).draft.id);
    const mine = await chat.submit({
      cmd: 'draft_accept_edited',
      confirmationNumber: number,
      draftId: secondId,
      subject: `${subject} (update)`,
      body: `${proposedBody}\nThank you for your patience.`,
    });
    expect(cardTexts(replyCard(mine)).join('\n')).toContain(
      "You accepted support's proposal with your changes: version 5 is shared with support.",
    );
    // A third, declined.
    const third = await call(app.url, 'POST', `/api/support/tickets/${number}/drafts/${secondId}/proposals`, {
      ...support,
      body: { subject, body: 'Shorter text.' },
    });
    expect(third.status).toBe(409); // the second proposal was answered with an edit: not the shared text
    const latest = (
      (await call(app.url, 'GET', `/api/support/tickets/${number}/drafts`, support)).body as {
        items: Array<{ id: string; status: string; origin: string; version: number }>;
      }
    ).items;
    expect(latest.map((d) => [d.origin, d.status, d.version])).toEqual([
      ['publisher', 'shared', 2],
      ['support', 'shared', 3],
      ['support', 'edited', 4],
      ['publisher', 'shared', 5],
    ]);
    const declinable = await call(
      app.url,
      'POST',
      `/api/support/tickets/${number}/drafts/${latest[3]!.id}/proposals`,
      { ...support, body: { subject, body: 'Shorter text.' } },
    );
    expect(declinable.status).toBe(201);
    const declined = await chat.submit({
      cmd: 'draft_decline',
      confirmationNumber: number,
      draftId: (declinable.body as { draft: { id: string } }).draft.id,
    });
    expect(cardTexts(replyCard(declined)).join('\n')).toContain(
      "You declined support's proposal; support sees your answer.",
    );
    expect((await historyTypes(app, number)).filter((type) => type.startsWith('customer_draft'))).toEqual([
      'customer_draft_shared',
      'customer_draft_proposed',
      'customer_draft_answered',
      'customer_draft_proposed',
      'customer_draft_answered',
      'customer_draft_proposed',
      'customer_draft_answered',
    ]);
  });

  test('support’s bad proposals get problem details and change nothing', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { card, id, draftId } = await draftIn(chat, number, {
      format: 'email',
      language: 'en',
      tone: 'formal',
    });
    const path = `/api/support/tickets/${number}/drafts/${draftId}/proposals`;
    // Private: support cannot see it, so cannot propose on it.
    expect(
      (await call(app.url, 'POST', path, { ...support, body: { subject: 's', body: 'b' } })).status,
    ).toBe(404);
    await chat.submit({ cmd: 'draft_share', confirmationNumber: number, draftId }, id);
    const tooLong = await call(app.url, 'POST', path, {
      ...support,
      body: { subject: String(inputOf(card, 'subject')?.value), body: 'x'.repeat(8001) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({
      type: 'urn:security-desk:problem:invalid-request',
      problems: [expect.objectContaining({ field: 'body' })],
    });
    const noBody = await call(app.url, 'POST', path, { ...support, body: { subject: 'Only a subject' } });
    expect(noBody.status).toBe(400);
    const unknown = await call(
      app.url,
      'POST',
      `/api/support/tickets/${number}/drafts/00000000-0000-4000-8000-000000000000/proposals`,
      { ...support, body: { subject: 's', body: 'b' } },
    );
    expect(unknown.status).toBe(404);
    const noAuth = await call(app.url, 'POST', path, { body: { subject: 's', body: 'b' } });
    expect(noAuth.status).toBe(401);
    const drafts = await app.app.store.db.selectFrom('customer_drafts').selectAll().execute();
    expect(drafts.filter((d) => d.origin === 'support' && d.body === 'b')).toEqual([]);
  });

  test('the CVSS edit: every earlier draft is marked out of date, the publisher is told, nothing stale is handed over', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const email = await draftIn(chat, number, { format: 'email', language: 'en', tone: 'formal' });
    await chat.submit({ cmd: 'draft_share', confirmationNumber: number, draftId: email.draftId }, email.id);
    const csaf = await draftIn(chat, number, { format: 'csaf', language: 'en', tone: 'formal' });
    const linkBefore = said(
      await chat.submit({ cmd: 'draft_link', confirmationNumber: number, draftId: csaf.draftId }, csaf.id),
    )[0] as string;
    const url = /https?:\/\/\S+/.exec(linkBefore)?.[0] ?? '';
    expect((await fetch(url)).status).toBe(200);

    // The publisher revises the CVSS vector (9.8 Critical → 5.4 Medium).
    const { id: addId } = answerCard(await chat.send(`add ${number}`));
    await chat.submit(
      {
        cmd: 'add_information',
        confirmationNumber: number,
        cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N',
        fixKind: 'unchanged',
      },
      addId,
    );
    // Told proactively, with a button to draft each again.
    const [told] = await app.connector.waitFor(
      (c) => sendsTo(chat.conversationId)(c) && textsIn(c).includes('Your customer drafts are out of date'),
    );
    const toldCard = adaptiveCardsOf(told!.body)[0]!;
    expect(cardTexts(toldCard).join('\n')).toContain('the CVSS rating changed since these drafts were made');
    expect(actionTitles(toldCard)).toEqual(['Redraft: email (English)', 'Redraft: CSAF (English)']);
    // The draft cards already posted now say so, and offer only drafting again.
    const staleEmail = await updateShowing(app, email.id, 'Out of date');
    expect(actionTitles(staleEmail)).toEqual([
      'Draft it again from the report now',
      'Another format or language',
    ]);
    expect(inputOf(staleEmail, 'body')).toBeUndefined();
    // A stale draft is handed over by nothing: not shared, not linked, not downloadable, not proposed on.
    const share = await chat.submit({
      cmd: 'draft_share',
      confirmationNumber: number,
      draftId: csaf.draftId,
    });
    expect(said(share)[0]).toMatch(
      /^This draft is out of date: the severity and the CVSS rating changed since it was made\. Draft it again first\.$/,
    );
    const link = await chat.submit({ cmd: 'draft_link', confirmationNumber: number, draftId: csaf.draftId });
    expect(said(link)[0]).toMatch(/^This draft is out of date/);
    const old = await fetch(url);
    expect(old.status).toBe(409);
    expect(await old.json()).toMatchObject({ type: 'urn:security-desk:problem:draft-outdated' });
    const listed = (await call(app.url, 'GET', `/api/support/tickets/${number}/drafts`, support)).body as {
      items: Array<{ id: string; stale: boolean; changed?: string[] }>;
    };
    expect(listed.items).toEqual([expect.objectContaining({ id: email.draftId, stale: true })]);
    expect(listed.items[0]!.changed).toContain('cvss');
    const document = await call(
      app.url,
      'GET',
      `/api/support/tickets/${number}/drafts/${email.draftId}/document`,
      support,
    );
    expect(document.status).toBe(409);
    const proposal = await call(
      app.url,
      'POST',
      `/api/support/tickets/${number}/drafts/${email.draftId}/proposals`,
      {
        ...support,
        body: { subject: 's', body: 'b' },
      },
    );
    expect(proposal.status).toBe(409);

    // Drafting again from the notification: version 2, from the new facts, current.
    const redrafted = await chat.submit(
      { cmd: 'draft_redraft', confirmationNumber: number, draftId: email.draftId, fresh: true },
      told!.newActivityId,
    );
    const fresh = replyCard(redrafted);
    expect(cardTexts(fresh)).toContain(`Draft email for ${number} (English, version 2)`);
    expect(String(inputOf(fresh, 'body')?.value)).toMatch(/CVSS 3\.1 base score 5\.4/);
    expect(cardTexts(fresh)).not.toContain('Out of date');
    expect((await historyTypes(app, number)).filter((t) => t === 'customer_drafts_outdated')).toHaveLength(1);
  });

  test('a download link is signed, expires, and serves only its own document', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { id, draftId } = await draftIn(chat, number, { format: 'csaf', language: 'en', tone: 'formal' });
    const text = said(
      await chat.submit({ cmd: 'draft_link', confirmationNumber: number, draftId }, id),
    )[0] as string;
    expect(text).toMatch(
      new RegExp(
        `^Your download link for the CSAF document in English \\(version 1\\) of ${number}\\. It works until `,
      ),
    );
    const url = /https?:\/\/\S+/.exec(text)?.[0] ?? '';
    const got = await fetch(url);
    if (got.status !== 200) throw new Error(`${url}: ${got.status} ${await got.text()}`);
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="${number}-csaf-en-v1.json"`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const document = (await got.json()) as { document: { tracking: { id: string } } };
    expect(document.document.tracking.id).toBe(number);
    const token = url.slice(url.lastIndexOf('/') + 1);
    const [payload, signature] = token.split('.');
    // The same payload with a later expiry, keeping the signature: refused as any altered token.
    const bytes = Buffer.from(payload!, 'base64url');
    bytes.writeUIntBE(4102444800, 32, 5);
    const forged = bytes.toString('base64url');
    for (const bad of [
      `${forged}.${signature}`,
      `${payload}.AAAA`,
      'nonsense',
      `${payload}.${signature}.x`,
    ]) {
      const refused = await fetch(`${app.url}/api/drafts/download/${bad}`);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
    }
    // Another tenant's publisher presses the link button with this draft's id: no such draft for them.
    const stranger = app.chat({ tenantId: '99999999-0000-4000-8000-000000000009' });
    const theirs = await stranger.submit({ cmd: 'draft_link', confirmationNumber: number, draftId });
    expect(said(theirs)).toEqual([`That draft was not found on ${number}.`]);
  });
});

/** OneDrive as Teams' file consent flow uses it: the upload URL takes a PUT of the whole file. */
async function startUploadStandIn(): Promise<{
  url: string;
  uploads: Array<{ path: string; range: string | undefined; body: Buffer }>;
  stop(): Promise<void>;
}> {
  const uploads: Array<{ path: string; range: string | undefined; body: Buffer }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      uploads.push({ path: req.url ?? '', range: req.headers['content-range'], body: Buffer.concat(chunks) });
      res.statusCode = 201;
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uploads,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a CSAF document as a file: Teams file consent, uploaded to the publisher’s OneDrive', () => {
  let app: TestApp;
  let oneDrive: Awaited<ReturnType<typeof startUploadStandIn>>;
  beforeAll(async () => {
    oneDrive = await startUploadStandIn();
    app = await startTestApp({ env: { ...notifyEnv, EVIDENCE_ALLOW_LOOPBACK: 'true' } });
  });
  afterAll(async () => {
    await app.close();
    await oneDrive.stop();
  });

  const consent = (chat: TeamsChat, action: 'accept' | 'decline', context: unknown, uploadUrl: string) =>
    chat.post(
      chat.base('invoke', {
        name: 'fileConsent/invoke',
        value: {
          type: 'fileUpload',
          action,
          context,
          uploadInfo: {
            contentUrl:
              'https://contoso-my.sharepoint.com/personal/alex/Documents/Applications/Security%20Desk/a.json',
            name: 'SEC-csaf.json',
            uploadUrl,
            uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
            fileType: 'json',
          },
        },
      }),
    );

  test('accepted: the document is uploaded whole and the file card is posted; declined: a link is suggested', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { id, draftId } = await draftIn(chat, number, { format: 'csaf', language: 'en', tone: 'formal' });
    const offered = await chat.submit({ cmd: 'draft_file', confirmationNumber: number, draftId }, id);
    const attachment = (offered.replies[0]?.body.attachments as Array<Record<string, unknown>>)[0]!;
    expect(attachment).toMatchObject({
      contentType: 'application/vnd.microsoft.teams.card.file.consent',
      name: `${number}-csaf-en-v1.json`,
      content: {
        description: `The CSAF document for ${number} (version 1).`,
        acceptContext: { confirmationNumber: number, draftId },
      },
    });
    const { acceptContext, sizeInBytes } = attachment.content as {
      acceptContext: unknown;
      sizeInBytes: number;
    };

    const accepted = await consent(chat, 'accept', acceptContext, `${oneDrive.url}/upload/session-1`);
    expect(accepted.status).toBe(200);
    expect(oneDrive.uploads).toHaveLength(1);
    const [upload] = oneDrive.uploads;
    expect(upload!.range).toBe(`bytes 0-${sizeInBytes - 1}/${sizeInBytes}`);
    const document = JSON.parse(upload!.body.toString('utf8')) as unknown[];
    expect(await validateCsafAsync([document])).toEqual([{ isValid: true, errors: [] }]);
    const fileCard = accepted.replies.find((r) => r.kind === 'reply')!.body;
    expect(fileCard).toMatchObject({
      text: 'The file SEC-csaf.json is in your OneDrive.',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.card.file.info',
          name: 'SEC-csaf.json',
          content: { uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'json' },
        },
      ],
    });

    const declined = await consent(chat, 'decline', acceptContext, `${oneDrive.url}/upload/session-2`);
    expect(declined.status).toBe(200);
    expect(said(declined)).toEqual(['No file was sent. You can get a download link instead.']);
    expect(oneDrive.uploads).toHaveLength(1);
  });

  test('an upload URL on any other host is refused without a request; another tenant gets nothing', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { draftId } = await draftIn(chat, number, { format: 'csaf', language: 'en', tone: 'formal' });
    const context = { confirmationNumber: number, draftId };
    const before = oneDrive.uploads.length;
    for (const uploadUrl of [
      'https://attacker.example/upload',
      'http://contoso-my.sharepoint.com/upload',
      'https://user:pass@contoso-my.sharepoint.com/upload',
      'not a url',
    ]) {
      const refused = await consent(chat, 'accept', context, uploadUrl);
      expect(refused.status).toBe(200);
      expect(said(refused)).toEqual([
        'The file could not be uploaded to your OneDrive (refused). You can get a download link instead.',
      ]);
    }
    const stranger = app.chat({ tenantId: '99999999-0000-4000-8000-000000000009' });
    const theirs = await consent(stranger, 'accept', context, `${oneDrive.url}/upload/stolen`);
    expect(said(theirs)).toEqual([`That draft was not found on ${number}.`]);
    expect(oneDrive.uploads).toHaveLength(before);
    expect(app.logs.filter((l) => l.event === 'draft.upload_refused')).toHaveLength(4);
  });
});
