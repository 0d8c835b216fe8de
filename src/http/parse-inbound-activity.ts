import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * What an inbound activity must have before the adapter sees it: everything the handlers read, with
 * the type they read it as. The adapter itself accepts far less (it throws outside its own error
 * handling on a body without a type, and a turn without a recipient or with `membersAdded: "x"` fails
 * half-way after storing a conversation reference for a user it calls "unknown"), so the door is
 * checked here and such an activity is answered 400 naming the field, with nothing stored.
 */
const described = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});
const text = (max: number) => z.string(described('a string')).max(max, `must be at most ${max} characters`);
const id = text(1024).min(1, 'must not be empty');
const optional = (max: number) => text(max).optional();
/** An optional descriptive field, which some channels send as null: read as absent by the handlers. */
const nullable = (max: number) => text(max).nullish();

const account = z.looseObject(
  { id, name: nullable(1024), aadObjectId: nullable(128) },
  described('an object with an id'),
);
const conversation = z.looseObject(
  {
    id,
    conversationType: nullable(64),
    tenantId: nullable(128),
    isGroup: z.boolean(described('true or false')).nullish(),
    name: nullable(1024),
  },
  described('an object with an id'),
);
const objects = (max: number) =>
  z
    .array(z.looseObject({}, described('an object')), described('an array'))
    .max(max, `must have at most ${max} entries`);

const inboundActivity = z.looseObject({
  type: text(64).min(1, 'must not be empty'),
  id: optional(1024),
  channelId: text(64).min(1, 'must not be empty'),
  serviceUrl: text(2048).refine(
    (value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value),
    'must be an http(s) URL',
  ),
  conversation,
  from: account,
  recipient: account,
  membersAdded: z.array(account, described('an array of members')).max(500).optional(),
  membersRemoved: z.array(account, described('an array of members')).max(500).optional(),
  channelData: z
    .looseObject(
      { tenant: z.looseObject({ id: optional(128) }, described('an object')).optional() },
      described('an object'),
    )
    .optional(),
  entities: objects(100).optional(),
  attachments: objects(50).optional(),
  text: optional(28 * 1024),
  locale: optional(32),
  localTimezone: optional(64),
  name: optional(256),
  action: optional(64),
  replyToId: optional(1024),
});

const universalAction = z.looseObject({
  action: z.looseObject({ type: z.string().min(1), verb: z.string().max(256).optional() }),
});

/** One field at fault, as the HTTP answer names it (the support API's `problems` have the same shape). */
export interface ActivityProblem {
  readonly field: string;
  readonly message: string;
}

export type InboundActivityResult =
  | { readonly ok: true; readonly activity: Activity }
  | { readonly ok: false; readonly problems: readonly [ActivityProblem, ...ActivityProblem[]] };

export function parseInboundActivity(body: unknown): InboundActivityResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problems: [{ field: '(body)', message: 'must be a JSON object' }] };
  }
  const parsed = inboundActivity.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }));
    return { ok: false, problems: problems as [ActivityProblem, ...ActivityProblem[]] };
  }
  if (parsed.data.type === 'invoke' && parsed.data.name === 'adaptiveCard/action') {
    // botbuilder throws outside the turn's error handling on a Universal Action without an action.
    if (!universalAction.safeParse(parsed.data.value).success) {
      return {
        ok: false,
        problems: [{ field: 'value.action', message: 'a Universal Action needs an action with a type' }],
      };
    }
  }
  return { ok: true, activity: parsed.data as unknown as Activity };
}
