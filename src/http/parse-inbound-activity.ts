import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The least an inbound activity must have before the adapter sees it. The adapter itself accepts far
 * less (and throws outside its own error handling on a body without a type), so the door is checked here.
 */
const inboundActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(1024).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z
    .string()
    .max(2048)
    .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), 'must be an http(s) URL'),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(1024) }).optional(),
  recipient: z.looseObject({ id: z.string().min(1).max(1024) }).optional(),
  text: z
    .string()
    .max(28 * 1024)
    .optional(),
  locale: z.string().max(32).optional(),
  name: z.string().max(256).optional(),
});

const universalAction = z.looseObject({
  action: z.looseObject({ type: z.string().min(1), verb: z.string().max(256).optional() }),
});

export type InboundActivityResult =
  { readonly ok: true; readonly activity: Activity } | { readonly ok: false; readonly problem: string };

export function parseInboundActivity(body: unknown): InboundActivityResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: 'body is not a JSON object' };
  }
  const parsed = inboundActivity.safeParse(body);
  if (parsed.success && parsed.data.type === 'invoke' && parsed.data.name === 'adaptiveCard/action') {
    // botbuilder throws outside the turn's error handling on a Universal Action without an action.
    const action = universalAction.safeParse(parsed.data.value);
    if (!action.success)
      return { ok: false, problem: 'value.action: a Universal Action needs an action with a type' };
  }
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, activity: parsed.data as unknown as Activity };
}
