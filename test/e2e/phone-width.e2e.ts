import type { Locator } from 'playwright-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import { fileVulnerabilityReport } from './support/file-vulnerability-report';
import { DESKTOP_WIDTH, layoutProblems, PHONE_WIDTH, resizeTo } from './support/layout-problems';
import { supportChannelCode } from './support/support-api';

/**
 * Every card at a 320 px phone's width and at the desktop width, with a screenshot of each in
 * test-output/e2e-screenshots/phone-width-<language>/: nothing scrolls sideways, runs past the card's
 * edge, or is cut short (button titles, chosen values, CVSS vectors, long Russian words).
 */
function atBothWidths(session: () => E2eSession) {
  return async (card: Locator, step: string): Promise<string[]> => {
    const { chat, browser } = session();
    await resizeTo(browser.page, PHONE_WIDTH);
    await chat.screenshot(card, `${step}-320px`);
    const phone = await layoutProblems(card);
    await resizeTo(browser.page, DESKTOP_WIDTH);
    await chat.screenshot(card, `${step}-desktop`);
    const desktop = await layoutProblems(card);
    await resizeTo(browser.page, PHONE_WIDTH);
    return [
      ...phone.map((p) => `${step} at 320 px: ${p}`),
      ...desktop.map((p) => `${step} on desktop: ${p}`),
    ];
  };
}

/**
 * An open form (Action.ShowCard) at phone width only: the Playground draws its cards again when the window
 * is resized, which closes the form.
 */
function openAtPhoneWidth(session: () => E2eSession) {
  return async (card: Locator, step: string): Promise<string[]> => {
    await session().chat.screenshot(card, `${step}-320px`);
    return (await layoutProblems(card)).map((p) => `${step} at 320 px: ${p}`);
  };
}

describe('the layout check can fail', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession('phone-width-check');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('reports a button row past the card’s edge, a cut title and a line that does not wrap', async () => {
    const page = await session.browser.context.newPage();
    await page.setViewportSize({ width: PHONE_WIDTH, height: 600 });
    await page.setContent(`
      <div id="bubble"><div class="ac-adaptiveCard" style="width: 240px; overflow: hidden">
        <div style="display: flex; width: 400px"><button>Acknowledge…</button><button>Close…</button></div>
        <button style="width: 80px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis">
          Изменить уровень серьёзности…</button>
        <p style="white-space: nowrap; overflow: hidden">CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H</p>
      </div></div>`);
    const problems = (await layoutProblems(page.locator('#bubble'))).join('\n');
    await page.close();
    expect(problems).toMatch(/runs past the card's edge/);
    expect(problems).toMatch(/button "Изменить уровень серьёзности…" is cut short/);
    expect(problems).toMatch(/p "CVSS:4\.0\/AV:N.*" is cut short/);
  });
});

describe('Security Desk on a 320 px phone and on the desktop (English)', () => {
  let session: E2eSession;
  const check = atBothWidths(() => session);
  const openForm = openAtPhoneWidth(() => session);
  let confirmationNumber = '';

  beforeAll(async () => {
    session = await startE2eSession('phone-width-en');
    await resizeTo(session.browser.page, PHONE_WIDTH);
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the welcome and help cards fit', async () => {
    const { chat } = session;
    const welcome = await chat.reply('Welcome to Security Desk');
    await chat.screenshotPage('chat-320px');
    expect(await check(welcome, 'welcome')).toEqual([]);
    await chat.say('help');
    expect(await check(await chat.reply('What I can do'), 'help')).toEqual([]);
  });

  it('the CVSS calculator fits in each version, and a scored vector wraps', async () => {
    const { chat } = session;
    await chat.say('cvss');
    const calculator = await chat.reply('CVSS 3.1 calculator');
    expect(await check(calculator, 'calculator-3.1')).toEqual([]);
    await chat.press('Switch to CVSS 4.0', calculator);
    expect(await check(await chat.reply('CVSS 4.0 calculator'), 'calculator-4.0')).toEqual([]);
    await chat.say('cvss CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H');
    expect(await check(await chat.reply('CVSS 4.0 score'), 'cvss-result')).toEqual([]);
  });

  it('the report’s first step fits with every offer row open, each toggle titled for its row', async () => {
    const { chat } = session;
    await chat.say('report');
    const step = await chat.reply('Step 1 of');
    for (const ordinal of ['2nd', '3rd', '4th']) await chat.press(`Add a ${ordinal} offer`, step);
    await chat.fill(step, 'Offer name', 'Contoso Web Application Firewall for Azure Kubernetes Service');
    expect(await check(step, 'report-step-1')).toEqual([]);
    await chat.say('cancel');
    await chat.reply('Report cancelled');
  });

  it('a filed report’s status card and its history fit', async () => {
    const { chat } = session;
    confirmationNumber = await fileVulnerabilityReport(chat, {
      offerName: 'Contoso Web Application Firewall',
      offerId: 'contoso.contoso-web-application-firewall-enterprise',
      title: 'SQL injection in the reporting API',
      description: 'The reporting API builds SQL from the sort parameter without escaping it.',
      affected: 'Every customer on versions 2.0 to 2.4.0.',
      cveIds: 'CVE-2024-12345, CVE-2024-12346',
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
      remediation: 'Upgrade to 2.4.1, or block the sort parameter at the gateway.',
    });
    const submitted = chat.botBubbles().filter({ hasText: 'Your report has been submitted' }).last();
    expect(await check(submitted, 'submitted')).toEqual([]);
    await chat.say(`status ${confirmationNumber}`);
    expect(await check(await chat.reply('History'), 'status-history')).toEqual([]);
  });

  it('the triage card in the support channel fits, with its forms open', async () => {
    const { chat, channel, bot, browser } = session;
    // The Playground hides its rail of chats and channels on a narrow window: open the channel wide.
    await resizeTo(browser.page, DESKTOP_WIDTH);
    await channel.open('My Team - General');
    const registered = await channel.post(`register support channel ${await supportChannelCode(bot)}`);
    await channel.expectIn(registered, 'This channel is now the support channel.');
    const card = await channel.thread(`Vulnerability: security report ${confirmationNumber}`);
    expect(await check(card, 'triage-card')).toEqual([]);
    await channel.press(card, 'Acknowledge…');
    expect(await openForm(card, 'triage-acknowledge-form')).toEqual([]);
    // The drop-down's pop-up is the Playground's desktop control: the form is filled in at desktop width.
    await resizeTo(browser.page, DESKTOP_WIDTH);
    const submit = card.getByRole('button', { name: 'Acknowledge', exact: true });
    if (!(await submit.isVisible())) await channel.press(card, 'Acknowledge…');
    await chat.choose(card, 'Priority', 'P2 — high: worked on every business day');
    await chat.choose(card, 'Severity', 'High');
    await channel.press(card, 'Acknowledge');
    await channel.expectIn(card, 'Card shows version 2 of the ticket.');
    expect(await check(card, 'triage-acknowledged')).toEqual([]);
    await resizeTo(browser.page, PHONE_WIDTH);
    await channel.press(card, 'Priority or severity…');
    await channel.press(card, 'Change priority…');
    expect(await openForm(card, 'triage-change-priority-form')).toEqual([]);
    await channel.press(card, 'Close…');
    expect(await openForm(card, 'triage-close-form')).toEqual([]);
  });
});

describe('Security Desk on a 320 px phone and on the desktop (Russian)', () => {
  let session: E2eSession;
  const check = atBothWidths(() => session);

  beforeAll(async () => {
    session = await startE2eSession('phone-width-ru', { locale: 'ru-RU', timeZone: 'Europe/Moscow' });
    await resizeTo(session.browser.page, PHONE_WIDTH);
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the welcome and help cards fit', async () => {
    const { chat } = session;
    expect(await check(await chat.reply('Добро пожаловать в Security Desk'), 'welcome')).toEqual([]);
    await chat.say('справка');
    expect(await check(await chat.reply('Что я умею'), 'help')).toEqual([]);
  });

  it('the CVSS calculator fits in Russian, its long choices wrapping', async () => {
    const { chat } = session;
    await chat.say('cvss');
    const calculator = await chat.reply('Калькулятор CVSS 3.1');
    await chat.choose(calculator, 'Вектор атаки', 'Смежная сеть');
    expect(await check(calculator, 'calculator-3.1')).toEqual([]);
    await chat.press('Перейти на CVSS 4.0', calculator);
    expect(await check(await chat.reply('Калькулятор CVSS 4.0'), 'calculator-4.0')).toEqual([]);
  });

  it('the report’s steps fit in Russian', async () => {
    const { chat } = session;
    await chat.say('сообщить');
    const step = await chat.reply('Шаг 1 из');
    await chat.press('+ 2-е предложение', step);
    expect(await check(step, 'report-step-1')).toEqual([]);
    await chat.choose(step, 'Категория', 'Инцидент безопасности');
    await chat.fill(step, 'Название предложения', 'Fabrikam Backup Vault');
    await chat.fill(step, 'Идентификатор предложения', 'fabrikam.backup-vault');
    await chat.fill(step, /^Краткий заголовок/, 'Утечка ключей доступа к хранилищу');
    await chat.press('Далее', step);
    expect(await check(await chat.reply('Шаг 2 из'), 'report-step-2')).toEqual([]);
    await chat.say('отмена');
    await chat.reply('Заявка отменена');
  });
});
