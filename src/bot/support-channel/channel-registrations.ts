import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/clock';
import type { ProactiveAddress } from '../../notify/proactive-channel';
import { compileOnce } from '../../store/compile-once';
import { isUniqueViolation } from '../../store/create-store';
import type { Database } from '../../store/tables';
import type { ChannelBinding } from './channel-binding';
import { forgetShownCards } from '../../tickets';
import {
  generateRegistrationCode,
  hashRegistrationCode,
  normaliseRegistrationCode,
  registrationCodeTtlMinutes,
} from './registration-code';

export interface NewBinding {
  readonly teamId: string;
  readonly conversationId: string;
  readonly tenantId: string;
  readonly teamName?: string;
  readonly channelName?: string;
  readonly address: ProactiveAddress;
  readonly by: { readonly id: string; readonly name?: string };
}

export type RedeemResult =
  | {
      readonly ok: true;
      readonly binding: ChannelBinding;
      /** The support channel this one replaced (it no longer takes actions). */
      readonly replaced?: ChannelBinding;
      /** This channel already was the support channel; only its address was refreshed. */
      readonly renewed: boolean;
    }
  /** Not a code we issued (or not a code at all), expired, or already used. */
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' | 'used' };

/**
 * Registration codes and channel bindings. A code is issued to an authenticated support analyst (the
 * support API) and redeemed in a Teams channel; redeeming binds that channel and ends any other binding,
 * in one transaction, so there is never more than one support channel.
 */
export class ChannelRegistrations {
  private readonly db: Kysely<Database>;

  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly newCode: () => string = generateRegistrationCode,
  ) {
    this.db = db;
  }

  async issueCode(by: { id: string; name?: string }): Promise<{ code: string; expiresAt: string }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + registrationCodeTtlMinutes * 60_000).toISOString();
    for (;;) {
      const code = this.newCode();
      try {
        await this.db
          .insertInto('support_channel_codes')
          .values({
            code_hash: hashRegistrationCode(code),
            issued_by_id: by.id,
            issued_by_name: by.name ?? null,
            issued_at: now.toISOString(),
            expires_at: expiresAt,
            used_at: null,
            used_by_id: null,
          })
          .execute();
        return { code, expiresAt };
      } catch (error) {
        // A clash with an earlier code (39 bits: practically never): draw again.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }

  /** Uses the code (once) to make this channel the support channel. */
  async redeem(typed: string, binding: NewBinding): Promise<RedeemResult> {
    const canonical = normaliseRegistrationCode(typed);
    if (!canonical) return { ok: false, reason: 'invalid' };
    const hash = hashRegistrationCode(canonical);
    const now = this.clock.now().toISOString();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const code = await trx
            .selectFrom('support_channel_codes')
            .selectAll()
            .where('code_hash', '=', hash)
            .executeTakeFirst();
          if (!code) return { ok: false, reason: 'invalid' } as const;
          if (code.used_at) return { ok: false, reason: 'used' } as const;
          if (code.expires_at <= now) return { ok: false, reason: 'expired' } as const;
          const taken = await trx
            .updateTable('support_channel_codes')
            .set({ used_at: now, used_by_id: binding.by.id })
            .where('code_hash', '=', hash)
            .where('used_at', 'is', null)
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) !== 1) return { ok: false, reason: 'used' } as const;

          const previous = await trx
            .selectFrom('support_channels')
            .selectAll()
            .where('active', '=', 1)
            .executeTakeFirst();
          if (previous && sameChannel(previous, binding)) {
            // Registering the support channel again refreshes its address; its cards stay where they are.
            await trx
              .updateTable('support_channels')
              .set({
                tenant_id: binding.tenantId,
                team_name: binding.teamName ?? null,
                channel_name: binding.channelName ?? null,
                reference: JSON.stringify(binding.address),
                registered_by_id: binding.by.id,
                registered_by_name: binding.by.name ?? null,
                registered_at: now,
              })
              .where('id', '=', previous.id)
              .execute();
            const refreshed = await trx
              .selectFrom('support_channels')
              .selectAll()
              .where('id', '=', previous.id)
              .executeTakeFirstOrThrow();
            return { ok: true, binding: toBinding(refreshed), renewed: true } as const;
          }
          if (previous) {
            await trx
              .updateTable('support_channels')
              .set({ active: 0, ended_at: now, ended_by_id: binding.by.id, ended_reason: 'replaced' })
              .where('id', '=', previous.id)
              .execute();
          }
          const id = randomUUID();
          await trx
            .insertInto('support_channels')
            .values({
              id,
              team_id: binding.teamId,
              conversation_id: binding.conversationId,
              tenant_id: binding.tenantId,
              team_name: binding.teamName ?? null,
              channel_name: binding.channelName ?? null,
              reference: JSON.stringify(binding.address),
              registered_by_id: binding.by.id,
              registered_by_name: binding.by.name ?? null,
              registered_at: now,
              active: 1,
              ended_at: null,
              ended_by_id: null,
              ended_reason: null,
            })
            .execute();
          // No ticket has a card in the new channel: the open ones are the feed's work again.
          await forgetShownCards(trx);
          const created = await trx
            .selectFrom('support_channels')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          return {
            ok: true,
            binding: toBinding(created),
            renewed: false,
            ...(previous ? { replaced: toBinding(previous) } : {}),
          } as const;
        });
      } catch (error) {
        // Two channels redeemed at the same moment: the one-active index let one win; try again once more.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  /** Ends the binding if this channel is the support channel; false when it is not. */
  async unregister(conversationId: string, teamId: string, by: { id: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('support_channels')
      .set({
        active: 0,
        ended_at: this.clock.now().toISOString(),
        ended_by_id: by.id,
        ended_reason: 'unregistered',
      })
      .where('active', '=', 1)
      .where('conversation_id', '=', conversationId)
      .where('team_id', '=', teamId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The support channel now, if one is bound. */
  async active(): Promise<ChannelBinding | undefined> {
    const [row] = (await activeChannel(this.db)).rows;
    return row ? toBinding(row) : undefined;
  }

  /** A binding by its id, whether or not it is still the active one; undefined when there is none. */
  async byId(id: string): Promise<ChannelBinding | undefined> {
    const [row] = (await bindingById(this.db, id)).rows;
    return row ? toBinding(row) : undefined;
  }
}

const activeChannel = compileOnce(0, (db: Kysely<Database>) =>
  db.selectFrom('support_channels').selectAll().where('active', '=', 1).limit(1),
);

const bindingById = compileOnce(1, (db: Kysely<Database>, id: string) =>
  db.selectFrom('support_channels').selectAll().where('id', '=', id),
);

type BindingRow = {
  id: string;
  team_id: string;
  conversation_id: string;
  tenant_id: string;
  team_name: string | null;
  channel_name: string | null;
  reference: string;
  registered_by_id: string;
  registered_by_name: string | null;
  registered_at: string;
};

function sameChannel(row: BindingRow, binding: NewBinding): boolean {
  return row.conversation_id === binding.conversationId && row.team_id === binding.teamId;
}

function toBinding(row: BindingRow): ChannelBinding {
  return {
    id: row.id,
    teamId: row.team_id,
    conversationId: row.conversation_id,
    tenantId: row.tenant_id,
    ...(row.team_name ? { teamName: row.team_name } : {}),
    ...(row.channel_name ? { channelName: row.channel_name } : {}),
    address: JSON.parse(row.reference) as ProactiveAddress,
    registeredBy: {
      id: row.registered_by_id,
      ...(row.registered_by_name ? { name: row.registered_by_name } : {}),
    },
    registeredAt: row.registered_at,
  };
}
