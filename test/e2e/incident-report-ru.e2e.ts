import type { Locator } from 'playwright-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import { supportAction } from './support/support-api';

const CONFIRMATION_NUMBER = /SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/;

describe('a publisher whose Teams is in Russian reports a security incident', () => {
  let session: E2eSession;
  let confirmationNumber = '';

  beforeAll(async () => {
    session = await startE2eSession('incident-report-ru', { locale: 'ru-RU', timeZone: 'Europe/Moscow' });
    await session.chat.reply('Добро пожаловать в Security Desk');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('fills the report in Russian, step by step, and gets a confirmation number', async () => {
    const { chat } = session;
    await chat.say('сообщить');

    let card: Locator = await chat.reply('Шаг 1 из');
    await chat.choose(card, 'Категория', 'Инцидент безопасности');
    await chat.fill(card, 'Название предложения', 'Fabrikam Backup Vault');
    await chat.fill(card, 'Идентификатор предложения', 'fabrikam.backup-vault');
    await chat.fill(card, /^Краткий заголовок/, 'Утечка ключей доступа к хранилищу');
    await chat.screenshot(card, 'step-kind-filled');
    await chat.press('Далее', card);

    card = await chat.reply('Шаг 2 из 5');
    await chat.fill(
      card,
      /^Описание/,
      'Ключи доступа к хранилищу резервных копий попали в публичный журнал сборки; мы отозвали их через час.',
    );
    await chat.fill(
      card,
      /^Какие данные или системы затронуты/,
      'Резервные копии клиентов в регионе West Europe.',
    );
    await chat.choose(card, 'Известны ли случаи эксплуатации?', 'Не знаю');
    await chat.choose(card, 'Это продолжается?', 'Нет');
    await chat.choose(card, 'Затронуты ли персональные данные?', 'Нет');
    await chat.screenshot(card, 'step-details-filled');
    await chat.press('Далее', card);

    card = await chat.reply('Шаг 3 из 5');
    await chat.choose(card, 'Есть ли исправление?', 'Да, полное исправление');
    await chat.fill(
      card,
      /^Шаги по устранению/,
      'Ничего делать не нужно: ключи заменены, доступ по старым закрыт.',
    );
    await chat.screenshot(card, 'step-fix-filled');
    await chat.press('Далее', card);

    card = await chat.reply('Шаг 4 из 5');
    await chat.choose(card, 'Сообщение для клиентов', 'Сообщения нет');
    await chat.screenshot(card, 'step-message-filled');
    await chat.press('Далее', card);

    card = await chat.reply('Шаг 5 из 5');
    await chat.screenshot(card, 'step-review');
    const review = await chat.textOf(card);
    expect(review).toContain('Fabrikam Backup Vault (fabrikam.backup-vault)');
    expect(review).toContain('Инцидент безопасности');
    await chat.press('Отправить заявку', card);

    const submitted = await chat.reply('Ваша заявка отправлена');
    await chat.screenshot(submitted, 'submitted');
    const text = await chat.textOf(submitted);
    confirmationNumber = CONFIRMATION_NUMBER.exec(text)?.[0] ?? '';
    expect(confirmationNumber).toMatch(CONFIRMATION_NUMBER);
    expect(text).toContain('Утечка ключей доступа к хранилищу');
    // Nothing of the English card leaks into the Russian one.
    expect(text).not.toMatch(/Confirmation number|Submitted|Not assigned/);
  });

  it("support's acknowledgement arrives in Russian, and the status and the list are in Russian", async () => {
    expect(confirmationNumber).toMatch(CONFIRMATION_NUMBER);
    const { chat, bot } = session;
    await chat.markNow();
    await supportAction(bot, confirmationNumber, 'acknowledge', { priority: 'P1', severity: 'Critical' });
    const notice = await chat.reply('Поддержка подтвердила получение вашей заявки');
    await chat.screenshot(notice, 'acknowledged-notification');
    expect(await chat.textOf(notice)).toContain(confirmationNumber);

    await chat.say(`статус ${confirmationNumber}`);
    const status = await chat.reply('Получение подтверждено. Приоритет: P1');
    await chat.screenshot(status, 'status-after-acknowledgement');

    await chat.say('мои заявки');
    const list = await chat.reply('Заявки вашей организации о безопасности');
    await chat.screenshot(list, 'my-tickets');
    expect(await chat.textOf(list)).toContain(confirmationNumber);
  });
});
