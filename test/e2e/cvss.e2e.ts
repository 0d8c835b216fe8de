import { startE2eSession, type E2eSession } from './support/e2e-session';

const CRITICAL_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

describe('a publisher scores a CVSS vector (English)', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await startE2eSession('cvss-en');
    await session.chat.reply('Welcome to Security Desk');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('cvss followed by a vector shows the score, its rating and the suggested severity', async () => {
    const { chat } = session;
    await chat.say(`cvss ${CRITICAL_VECTOR}`);
    const result = await chat.reply('CVSS 3.1 score');
    await chat.screenshot(result, 'typed-vector-result');
    const text = await chat.textOf(result);
    expect(text).toContain('9.8');
    expect(text).toContain('Critical');
    expect(text).toContain(CRITICAL_VECTOR);
  });

  it('a vector that is not valid says so and shows what was sent', async () => {
    const { chat } = session;
    await chat.say('cvss CVSS:3.1/AV:N/AC:L');
    const error = await chat.reply('This CVSS vector is not valid');
    await chat.screenshot(error, 'invalid-vector');
    expect(await chat.textOf(error)).toContain('CVSS:3.1/AV:N/AC:L');
  });

  it('cvss alone opens the calculator; answering each question gives the same score', async () => {
    const { chat } = session;
    await chat.say('cvss');
    const calculator = await chat.reply('CVSS 3.1 calculator');
    const answers: Array<[string, string]> = [
      ['Attack Vector', 'Network'],
      ['Attack Complexity', 'Low'],
      ['Privileges Required', 'None'],
      ['User Interaction', 'None'],
      ['Scope', 'Unchanged'],
      ['Confidentiality', 'High'],
      ['Integrity', 'High'],
      ['Availability', 'High'],
    ];
    for (const [metric, value] of answers) await chat.choose(calculator, metric, value);
    await chat.screenshot(calculator, 'calculator-answered');
    await chat.press('Calculate score', calculator);

    const result = await chat.reply('CVSS 3.1 score');
    await chat.screenshot(result, 'calculator-result');
    const text = await chat.textOf(result);
    expect(text).toContain('9.8');
    expect(text).toContain(CRITICAL_VECTOR);
  });

  it('switching versions sends the calculator anew with that version’s choices, and 3.0 stays 3.0', async () => {
    const { chat } = session;
    await chat.say('cvss');
    const calculator = await chat.reply('CVSS 3.1 calculator');
    await chat.choose(calculator, 'User Interaction', 'Required');
    await chat.press('Switch to CVSS 4.0', calculator);
    const v4 = await chat.reply('CVSS 4.0 calculator');
    // A new card with 4.0 ids: the drop-down offers 4.0's values (an in-place update kept the 3.1 list).
    await chat.choose(v4, 'User Interaction', 'Active');
    await chat.screenshot(v4, 'switched-to-4.0');
    await chat.press('Switch to CVSS 3.0', v4);
    const v30 = await chat.reply('CVSS 3.0 calculator');
    const answers: Array<[string, string]> = [
      ['Attack Vector', 'Network'],
      ['Attack Complexity', 'Low'],
      ['Privileges Required', 'None'],
      ['User Interaction', 'None'],
      ['Scope', 'Unchanged'],
      ['Confidentiality', 'High'],
      ['Integrity', 'High'],
      ['Availability', 'High'],
    ];
    for (const [metric, value] of answers) await chat.choose(v30, metric, value);
    await chat.press('Calculate score', v30);
    const result = await chat.reply('CVSS 3.0 score');
    await chat.screenshot(result, 'calculator-3.0-result');
    expect(await chat.textOf(result)).toContain('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  });
});
