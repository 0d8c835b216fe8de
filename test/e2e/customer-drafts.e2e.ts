import { validateCsafAsync } from '../support/run-csaf-validator';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import { CONFIRMATION_NUMBER, fileVulnerabilityReport } from './support/file-vulnerability-report';
import { supportAction } from './support/support-api';

describe('the message to customers, drafted after the outcome (English)', () => {
  let session: E2eSession;
  let number = '';

  beforeAll(async () => {
    session = await startE2eSession('customer-drafts');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('from the outcome, a CSAF document is drafted and fetched whole through its download link', async () => {
    const { chat, bot } = session;
    number = await fileVulnerabilityReport(chat, {
      offerName: 'Contoso Gateway',
      offerId: 'contoso.gateway',
      title: 'Header injection in the gateway',
      description: 'A crafted Host header is reflected into redirects.',
      affected: 'Customers on gateway 5.0 to 5.2.',
      cveIds: 'CVE-2026-40002',
      remediation: 'Upgrade to 5.2.1.',
    });
    expect(number).toMatch(CONFIRMATION_NUMBER);
    await supportAction(bot, number, 'acknowledge', { priority: 'P2', severity: 'High' });
    await chat.markNow();
    await supportAction(bot, number, 'outcome', {
      outcome: { kind: 'mitigated', summary: 'Fixed in 5.2.1; customers were told to upgrade.' },
    });
    const outcome = await chat.reply('Support has finished assessing your report');
    await chat.press('Draft the message to your customers', outcome);
    const choices = await chat.reply(`Message to your customers about ${number}`);
    await chat.choose(choices, 'Format', "A CSAF 2.0 advisory (JSON for your customers' security teams)");
    await chat.press('Draft it', choices);
    const draft = await chat.reply(`Draft CSAF document for ${number} (English, version 1)`);
    await chat.screenshot(draft, 'csaf-draft');
    expect(await chat.textOf(draft)).toContain('"category": "csaf_security_advisory"');

    await chat.press('Get a download link', draft);
    const link = await chat.reply('Your download link for the CSAF document');
    await chat.screenshot(link, 'csaf-download-link');
    const url = /https?:\/\/\S+\/api\/drafts\/download\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
      await chat.textOf(link),
    )?.[0];
    expect(url).toBeDefined();
    const download = await fetch(String(url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${number}-csaf-en-v1.json"`,
    );
    const document = (await download.json()) as { document: { tracking: { id: string; status: string } } };
    expect(document.document.tracking).toMatchObject({ id: number, status: 'interim' });
    expect(await validateCsafAsync([document])).toEqual([{ isValid: true, errors: [] }]);
  });

  it('an email in plain words is shared with support, who see it in the API', async () => {
    const { chat, bot } = session;
    await chat.press('Another format or language');
    const choices = await chat.reply(`Message to your customers about ${number}`);
    await chat.choose(choices, 'Tone', 'Plain');
    await chat.press('Draft it', choices);
    const draft = await chat.reply(`Draft email for ${number} (English, version 1)`);
    await chat.press('Share with support', draft);
    const shared = await chat.reply('Shared with support.');
    await chat.screenshot(shared, 'email-shared-with-support');
    const listed = await fetch(`${bot.url}/api/support/tickets/${number}/drafts`, {
      headers: { authorization: `Bearer ${bot.supportApiKey}` },
    });
    const { items } = (await listed.json()) as {
      items: Array<{ format: string; status: string; tone: string }>;
    };
    expect(items).toEqual([expect.objectContaining({ format: 'email', status: 'shared', tone: 'plain' })]);
  });
});
