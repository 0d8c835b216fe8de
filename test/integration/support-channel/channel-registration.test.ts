import { engines } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { TeamsChannel, replyTexts, teamChannel } from '../../support/teams-channel';
import type { TestApp } from '../../support/test-app';
import { call } from '../support-api/support-client';
import { bindings, registrationCode, startAppOn, supportKey } from './support-channel-harness';

describe.each(engines)('on $name', (engine) => {
  let test_: TestApp;
  let clock: FixedClock;

  beforeEach(async () => {
    clock = new FixedClock('2026-11-24T18:00:00.000Z');
    test_ = await startAppOn(engine, { clock });
  });
  afterEach(() => test_.close());

  const channelIn = (app: TestApp, place = teamChannel()) => new TeamsChannel(app.url, app.connector, place);
  const refusals = () => test_.logs.filter((l) => l.event === 'support_channel.register_refused');

  test('support gets a short one-time code valid for 15 minutes; without credentials there is none', async () => {
    const refused = await call(test_.url, 'POST', '/api/support/channel-registrations', { body: {} });
    expect(refused.status).toBe(401);
    const issued = await call(test_.url, 'POST', '/api/support/channel-registrations', { token: supportKey });
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(issued.body.expiresAt).toBe('2026-11-24T18:15:00.000Z');
    const stored = await test_.app.store.db
      .selectFrom('support_channel_codes' as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(stored)).not.toContain(String(issued.body.code));
  });

  test('a valid code typed in a team channel binds that channel to support and says so', async () => {
    const channel = channelIn(test_);
    const code = await registrationCode(test_);
    const result = await channel.mention(`register support channel ${code.toLowerCase()}`);
    expect(replyTexts(result).join('\n')).toContain('This channel is now the support channel');
    expect(await bindings(test_)).toEqual([
      expect.objectContaining({
        team_id: channel.place.teamId,
        conversation_id: channel.place.channelId,
        tenant_id: channel.user.tenantId,
        active: 1,
      }),
    ]);
  });

  test('a wrong code is refused with one log line and binds nothing', async () => {
    const result = await channelIn(test_).mention('register support channel 7K3M-9QXD');
    expect(replyTexts(result).join('\n')).toContain('That registration code is not valid');
    expect(await bindings(test_)).toEqual([]);
    expect(refusals()).toEqual([expect.objectContaining({ reason: 'invalid' })]);
    expect(test_.rawLogs.join('\n')).not.toContain('7K3M-9QXD');
  });

  test('a code past its 15 minutes is refused as expired', async () => {
    const code = await registrationCode(test_);
    clock.advance(15 * 60_000 + 1);
    const result = await channelIn(test_).mention(`register support channel ${code}`);
    expect(replyTexts(result).join('\n')).toContain('has expired');
    expect(await bindings(test_)).toEqual([]);
    expect(refusals()).toEqual([expect.objectContaining({ reason: 'expired' })]);
  });

  test('a code works once: typed again in another channel it is refused and the first binding stays', async () => {
    const code = await registrationCode(test_);
    const first = channelIn(test_);
    await first.mention(`register support channel ${code}`);
    const result = await channelIn(test_).mention(`register support channel ${code}`);
    expect(replyTexts(result).join('\n')).toContain('already been used');
    expect(await bindings(test_)).toEqual([
      expect.objectContaining({ conversation_id: first.place.channelId, active: 1 }),
    ]);
  });

  test('registering another channel replaces the support channel, and the reply names the old one', async () => {
    const first = channelIn(test_, teamChannel({ channelName: 'Old triage', teamName: 'Sec Ops' }));
    await first.mention(`register support channel ${await registrationCode(test_)}`);
    const second = channelIn(test_);
    const result = await second.mention(`register support channel ${await registrationCode(test_)}`);
    expect(replyTexts(result).join('\n')).toContain(
      'It replaces the previous support channel (“Old triage” in “Sec Ops”)',
    );
    const rows = await bindings(test_);
    expect(rows.filter((r) => r.active === 1)).toEqual([
      expect.objectContaining({ conversation_id: second.place.channelId }),
    ]);
    expect(rows.find((r) => r.conversation_id === first.place.channelId)?.ended_reason).toBe('replaced');
  });

  test('only the support channel itself can unregister it', async () => {
    const bound = channelIn(test_);
    await bound.mention(`register support channel ${await registrationCode(test_)}`);
    const elsewhere = await channelIn(test_).mention('unregister support channel');
    expect(replyTexts(elsewhere).join('\n')).toContain('not the support channel');
    expect((await bindings(test_)).filter((r) => r.active === 1)).toHaveLength(1);

    const done = await bound.mention('unregister support channel');
    expect(replyTexts(done).join('\n')).toContain('no longer the support channel');
    expect((await bindings(test_)).filter((r) => r.active === 1)).toEqual([]);
  });

  test('a code typed in a personal chat binds nothing', async () => {
    const code = await registrationCode(test_);
    const result = await test_.chat().send(`register support channel ${code}`);
    expect(replyTexts(result).join('\n')).toContain('only be registered in a team channel');
    expect(await bindings(test_)).toEqual([]);
  });

  test('two channels redeeming their codes at the same moment leave exactly one support channel', async () => {
    const [first, second] = [channelIn(test_), channelIn(test_)];
    const [codeA, codeB] = [await registrationCode(test_), await registrationCode(test_)];
    const results = await Promise.all([
      first.mention(`register support channel ${codeA}`),
      second.mention(`register support channel ${codeB}`),
    ]);
    for (const result of results) expect(replyTexts(result).join('\n')).toContain('now the support channel');
    const rows = await bindings(test_);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.active === 1)).toHaveLength(1);
    expect(rows.filter((r) => r.active === 0).map((r) => r.ended_reason)).toEqual(['replaced']);
  });

  test('one code typed in two channels at the same moment binds only one of them', async () => {
    const code = await registrationCode(test_);
    const results = await Promise.all(
      [channelIn(test_), channelIn(test_)].map((channel) =>
        channel.mention(`register support channel ${code}`),
      ),
    );
    const replies = results.map((result) => replyTexts(result).join('\n'));
    expect(replies.filter((text) => text.includes('now the support channel'))).toHaveLength(1);
    expect(replies.filter((text) => text.includes('already been used'))).toHaveLength(1);
    expect(await bindings(test_)).toEqual([expect.objectContaining({ active: 1 })]);
  });
});
