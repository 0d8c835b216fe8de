import {
  ConversationReferences,
  InvalidConversationReferenceError,
  REFERENCE_REFRESH_MS,
} from '../../../src/store/conversation-references';
import type { StoredConversationReference } from '../../../src/store/stored-conversation-reference';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';

const TENANT = '72f988bf-0000-4000-8000-000000000001';
const USER = 'aad-0f1e2d3c';

function personalChat(overrides: Partial<StoredConversationReference> = {}): StoredConversationReference {
  return {
    tenantId: TENANT,
    userId: USER,
    conversationType: 'personal',
    activityId: 'activity-1',
    user: { id: '29:1user', name: 'Alex Publisher', aadObjectId: USER },
    bot: { id: '28:bot', name: 'Security Desk' },
    conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: TENANT },
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    locale: 'en-US',
    ...overrides,
  };
}

describe.each(engines)('conversation references on $name', (engine) => {
  let database: TestDatabase;
  let clock: FixedClock;
  let references: ConversationReferences;
  beforeEach(async () => {
    database = await engine.create();
    clock = new FixedClock('2026-11-25T10:00:00.000Z');
    references = new ConversationReferences((await database.open()).db, clock);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('stores a reference and gives back the Bot Framework fields needed to message the user', async () => {
    await references.upsert(personalChat());

    expect(await references.get(TENANT, USER, 'a:personal-1')).toEqual({
      ...personalChat(),
      active: true,
      inactiveReason: null,
      createdAt: '2026-11-25T10:00:00.000Z',
      updatedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(await references.get(TENANT, USER, 'a:other')).toBeUndefined();
  });

  it('keeps only the known reference fields, not whatever else the caller passed', async () => {
    const withExtras = {
      ...personalChat(),
      channelData: { secret: 'not ours to keep' },
      user: { id: '29:1user', aadObjectId: USER, role: 'user' },
    } as StoredConversationReference;

    await references.upsert(withExtras);

    const stored = await references.get(TENANT, USER, 'a:personal-1');
    expect(stored).not.toHaveProperty('channelData');
    expect(stored?.user).toEqual({ id: '29:1user', aadObjectId: USER });
  });

  it('refreshes a reference seen again, reactivating it and keeping when it was first seen', async () => {
    await references.upsert(personalChat());
    clock.advance(60_000);
    await references.markInactive('a:personal-1', 'forbidden');
    clock.advance(60_000);

    await references.upsert(personalChat({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }));

    expect(await references.get(TENANT, USER, 'a:personal-1')).toMatchObject({
      active: true,
      inactiveReason: null,
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      createdAt: '2026-11-25T10:00:00.000Z',
      updatedAt: '2026-11-25T10:02:00.000Z',
    });
  });

  it("finds a user's active personal chats, most recently seen first", async () => {
    await references.upsert(personalChat({ conversation: { id: 'a:older' } }));
    clock.advance(1000);
    await references.upsert(personalChat({ conversation: { id: 'a:newer' } }));
    await references.upsert(
      personalChat({
        conversationType: 'groupChat',
        conversation: { id: '19:group@thread.v2', isGroup: true },
      }),
    );
    await references.upsert(personalChat({ conversation: { id: 'a:gone' } }));
    await references.markInactive('a:gone', 'conversation_not_found');
    await references.upsert(personalChat({ userId: 'someone-else', conversation: { id: 'a:someone-else' } }));
    await references.upsert(
      personalChat({
        tenantId: 'other-tenant',
        conversation: { id: 'a:other-tenant', tenantId: 'other-tenant' },
      }),
    );

    const found = await references.findForUser(TENANT, USER);

    expect(found.map((ref) => ref.conversation.id)).toEqual(['a:newer', 'a:older']);
  });

  it('finds the active references to a conversation, or all of them when asked', async () => {
    const group = { conversationType: 'groupChat' as const, conversation: { id: '19:group@thread.v2' } };
    await references.upsert(personalChat({ ...group, userId: 'member-1' }));
    clock.advance(1000);
    await references.upsert(personalChat({ ...group, userId: 'member-2' }));
    await references.upsert(personalChat({ ...group, userId: 'member-3' }));
    clock.advance(1000);
    await references.markInactive('19:group@thread.v2', 'member_removed', 'member-3');

    const active = await references.findByConversation('19:group@thread.v2');
    const all = await references.findByConversation('19:group@thread.v2', { includeInactive: true });

    expect(active.map((ref) => ref.userId)).toEqual(['member-2', 'member-1']);
    expect(all.map((ref) => [ref.userId, ref.active])).toEqual([
      ['member-3', false],
      ['member-2', true],
      ['member-1', true],
    ]);
  });

  it('marks a conversation inactive for everyone in it, keeping the first reason', async () => {
    const group = { conversationType: 'groupChat' as const, conversation: { id: '19:group@thread.v2' } };
    await references.upsert(personalChat({ ...group, userId: 'member-1' }));
    await references.upsert(personalChat({ ...group, userId: 'member-2' }));
    await references.upsert(personalChat());

    expect(await references.markInactive('19:group@thread.v2', 'bot_removed')).toBe(2);
    expect(await references.markInactive('19:group@thread.v2', 'conversation_not_found')).toBe(0);

    const all = await references.findByConversation('19:group@thread.v2', { includeInactive: true });
    expect(all.map((ref) => [ref.active, ref.inactiveReason])).toEqual([
      [false, 'bot_removed'],
      [false, 'bot_removed'],
    ]);
    expect((await references.get(TENANT, USER, 'a:personal-1'))?.active).toBe(true);
  });

  it('keeps the stored language when a refresh carries none, and lets it be changed or cleared', async () => {
    await references.upsert(personalChat({ locale: 'ru-RU' }));
    const { locale: _, ...withoutLocale } = personalChat();
    await references.upsert(withoutLocale);
    expect((await references.get(TENANT, USER, 'a:personal-1'))?.locale).toBe('ru-RU');

    expect(await references.setLocale(TENANT, USER, 'a:personal-1', 'en-GB')).toBe(true);
    expect((await references.get(TENANT, USER, 'a:personal-1'))?.locale).toBe('en-GB');

    expect(await references.setLocale(TENANT, USER, 'a:personal-1', null)).toBe(true);
    expect(await references.get(TENANT, USER, 'a:personal-1')).not.toHaveProperty('locale');

    expect(await references.setLocale(TENANT, USER, 'a:never-seen', 'en-US')).toBe(false);
  });

  it.each([
    ['an empty tenant', { tenantId: '' }],
    ['a missing conversation id', { conversation: { id: '' } }],
    ['an unknown conversation type', { conversationType: 'meeting' as never }],
    ['a service URL that is not http(s)', { serviceUrl: 'javascript:alert(1)' }],
    [
      'a conversation from another tenant',
      { conversation: { id: 'a:personal-1', tenantId: 'other-tenant' } },
    ],
    ['an empty locale', { locale: '' }],
  ])('refuses a reference with %s and stores nothing', async (_label, overrides) => {
    await expect(references.upsert(personalChat(overrides))).rejects.toBeInstanceOf(
      InvalidConversationReferenceError,
    );

    expect(await references.findForUser(TENANT, USER)).toEqual([]);
    expect(await references.findByConversation('a:personal-1', { includeInactive: true })).toEqual([]);
  });

  it('does not write a reference again within a minute when only the activity id changed', async () => {
    await references.upsert(personalChat({ activityId: 'activity-1' }));
    clock.advance(REFERENCE_REFRESH_MS - 1);
    await references.upsert(personalChat({ activityId: 'activity-2' }));

    expect(await references.get(TENANT, USER, 'a:personal-1')).toMatchObject({
      activityId: 'activity-1',
      updatedAt: '2026-11-25T10:00:00.000Z',
    });

    clock.advance(1);
    await references.upsert(personalChat({ activityId: 'activity-3' }));
    expect(await references.get(TENANT, USER, 'a:personal-1')).toMatchObject({
      activityId: 'activity-3',
      updatedAt: '2026-11-25T10:01:00.000Z',
    });
  });

  it('writes at once what changed: the service URL, the language, the user’s name', async () => {
    await references.upsert(personalChat());
    clock.advance(1000);
    await references.upsert(personalChat({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }));
    expect((await references.get(TENANT, USER, 'a:personal-1'))?.serviceUrl).toBe(
      'https://smba.trafficmanager.net/amer/',
    );
    await references.upsert(
      personalChat({ serviceUrl: 'https://smba.trafficmanager.net/amer/', locale: 'ru-RU' }),
    );
    expect((await references.get(TENANT, USER, 'a:personal-1'))?.locale).toBe('ru-RU');
    await references.upsert(
      personalChat({
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        locale: 'ru-RU',
        user: { id: '29:1user', name: 'Alex Renamed', aadObjectId: USER },
      }),
    );
    expect((await references.get(TENANT, USER, 'a:personal-1'))?.user.name).toBe('Alex Renamed');
  });

  it('reactivates a conversation marked inactive on the next turn, however soon', async () => {
    await references.upsert(personalChat());
    await references.markInactive('a:personal-1', 'forbidden');
    await references.upsert(personalChat({ activityId: 'activity-2' }));
    expect(await references.get(TENANT, USER, 'a:personal-1')).toMatchObject({
      active: true,
      inactiveReason: null,
    });

    await references.upsert(personalChat({ locale: 'ru-RU' }));
    await references.setLocale(TENANT, USER, 'a:personal-1', 'en-GB');
    // The turn's own language overwrites a language set in between, as every turn's write did.
    await references.upsert(personalChat({ locale: 'ru-RU' }));
    expect((await references.get(TENANT, USER, 'a:personal-1'))?.locale).toBe('ru-RU');
  });

  it('keeps references across a restart', async () => {
    await references.upsert(personalChat());

    const restarted = new ConversationReferences((await database.open()).db, clock);

    expect((await restarted.findForUser(TENANT, USER)).map((ref) => ref.serviceUrl)).toEqual([
      'https://smba.trafficmanager.net/emea/',
    ]);
  });
});
