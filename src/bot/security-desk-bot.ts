import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ConversationState,
  MessageFactory,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  UserState,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
} from 'botbuilder';
import { pickLocale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { StateDocuments } from '../store/state-documents';
import {
  InvalidConversationReferenceError,
  type ConversationReferences,
} from '../store/conversation-references';
import { matchCommand, type Command } from './commands/command';
import { sendHelpCard } from './commands/help-command';
import { sendWelcomeCard } from './commands/welcome';
import { conversationIdentity } from './conversation-identity';
import type { Turn } from './turn';

export interface BotDependencies {
  readonly logger: Logger;
  readonly clock: Clock;
  /** For decisions that must be made once across racing turns (the welcome). */
  readonly documents: StateDocuments;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly references: ConversationReferences;
  readonly commands: readonly Command[];
  /** Run before routing, in order; one that returns true has answered the message (e.g. "your draft expired"). */
  readonly beforeMessage?: ReadonlyArray<
    (turn: Turn, value: Readonly<Record<string, unknown>> | undefined) => Promise<boolean>
  >;
  /** A personal chat's message that is no command (understood in context: see bot/correspondence). */
  readonly freeText?: (turn: Turn, text: string) => Promise<void>;
  /** Universal Actions (Action.Execute) by verb; an unknown verb is answered 400. */
  readonly cardActions?: readonly CardActionHandler[];
  /** The answer to a file consent card (a customer draft offered as a file: bot/drafts). */
  readonly fileConsent?: {
    accept(turn: Turn, response: FileConsentCardResponse): Promise<void>;
    decline(turn: Turn, response: FileConsentCardResponse): Promise<void>;
  };
}

/** Answers Action.Execute presses (`adaptiveCard/action` invokes) whose verb it handles. */
export interface CardActionHandler {
  handles(verb: string): boolean;
  run(turn: Turn, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse>;
}

const TURN_KEY = Symbol('security-desk.turn');

/**
 * The activity handler: thin by design. It remembers where each person can be reached, picks their
 * language, and hands a message to the command it names; everything else lives in commands and dialogs.
 */
export class SecurityDeskBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();

    this.onMessage(async (context, next) => {
      await this.handleMessage(this.turnOf(context));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded) await this.welcomeOnce(this.turnOf(context));
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcomeOnce(this.turnOf(context));
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      const turn = this.turnOf(context);
      await this.deps.references.markInactive(context.activity.conversation.id, 'uninstalled');
      await this.deps.documents.delete([welcomeKey(context.activity.conversation.id)]);
      turn.log.info({ event: 'bot.uninstalled' }, 'bot uninstalled; conversation reference marked inactive');
      await next();
    });

    this.onUnrecognizedActivityType(async (context, next) => {
      // Bot Framework Activity spec A2004: a bot SHOULD ignore activity types it does not understand.
      this.turnOf(context).log.info(
        { event: 'activity.ignored', activityType: context.activity.type },
        'ignored activity',
      );
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await this.rememberConversation(context);
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
    await this.deps.userState.saveChanges(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = this.turnOf(context);
    const verb = typeof value.action?.verb === 'string' ? value.action.verb : '';
    const handler = this.deps.cardActions?.find((h) => h.handles(verb));
    if (handler) return handler.run(turn, value);
    turn.log.info({ event: 'card_action.unknown', verb: verb.slice(0, 64) }, 'unknown card action');
    return {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'Unknown action.' },
    };
  }

  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    if (this.deps.fileConsent) await this.deps.fileConsent.accept(this.turnOf(context), response);
  }

  protected override async handleTeamsFileConsentDecline(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    if (this.deps.fileConsent) await this.deps.fileConsent.decline(this.turnOf(context), response);
  }

  /** The per-turn view every command gets; built once per turn. */
  turnOf(context: TurnContext): Turn {
    const existing = context.turnState.get(TURN_KEY) as Turn | undefined;
    if (existing) return existing;
    const identity = conversationIdentity(context.activity);
    const locale = pickLocale(context.activity.locale);
    const turn: Turn = {
      context,
      locale,
      t: translator(locale),
      log: this.deps.logger.child({
        requestId: context.activity.id ?? randomUUID(),
        activityType: context.activity.type,
        conversationType: identity.conversationType,
      }),
      tenantId: identity.tenantId,
      userId: identity.userId,
      userName: identity.userName,
    };
    context.turnState.set(TURN_KEY, turn);
    return turn;
  }

  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const isRemoval = activity.type === 'installationUpdate' && /^remove/.test(String(activity.action ?? ''));
    if (isRemoval || !activity.conversation?.id) return;
    const identity = conversationIdentity(activity);
    const reference = TurnContext.getConversationReference(activity);
    const conversation = activity.conversation;
    try {
      await this.deps.references.upsert({
        tenantId: identity.tenantId,
        userId: identity.userId,
        conversationType: identity.conversationType,
        locale: pickLocale(activity.locale),
        ...(reference.activityId ? { activityId: reference.activityId } : {}),
        user: {
          id: reference.user?.id ?? identity.userId,
          ...(reference.user?.name ? { name: reference.user.name } : {}),
          ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
        },
        bot: { id: reference.bot?.id ?? '', ...(reference.bot?.name ? { name: reference.bot.name } : {}) },
        conversation: {
          id: conversation.id,
          ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
          ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
          ...(conversation.isGroup !== undefined ? { isGroup: conversation.isGroup } : {}),
          ...(conversation.name ? { name: conversation.name } : {}),
        },
        channelId: reference.channelId ?? activity.channelId,
        serviceUrl: reference.serviceUrl ?? activity.serviceUrl,
      });
    } catch (error) {
      if (!(error instanceof InvalidConversationReferenceError)) throw error;
      // The turn can still be answered; it just cannot be reached proactively later.
      this.turnOf(context).log.warn(
        { event: 'reference.invalid', reason: error.message },
        'conversation not remembered',
      );
    }
  }

  private async handleMessage(turn: Turn): Promise<void> {
    const { activity } = turn.context;
    const value = isRecord(activity.value) ? activity.value : undefined;
    for (const hook of this.deps.beforeMessage ?? []) if (await hook(turn, value)) return;
    const command =
      typeof value?.cmd === 'string' ? this.deps.commands.find((c) => c.name === value.cmd) : undefined;
    if (command) {
      turn.log.info({ event: 'command', command: command.name, via: 'card' }, 'command');
      await command.run(turn, '', value);
      return;
    }
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const matched = matchCommand(this.deps.commands, text);
    if (matched) {
      turn.log.info({ event: 'command', command: matched.command.name, via: 'text' }, 'command');
      await matched.command.run(turn, matched.args, value);
      return;
    }
    const personal = conversationIdentity(activity).conversationType === 'personal';
    if (personal && value === undefined && text.trim() !== '' && this.deps.freeText) {
      await this.deps.freeText(turn, text);
      return;
    }
    turn.log.info({ event: 'command.unrecognised', hasValue: value !== undefined }, 'unrecognised message');
    await sendHelpCard(turn, true);
  }

  /**
   * Teams sends conversationUpdate and installationUpdate together on install; both turns run at once,
   * so "welcome once" is an atomic claim in the store, not a flag read and saved later.
   */
  private async welcomeOnce(turn: Turn): Promise<void> {
    const key = welcomeKey(turn.context.activity.conversation.id);
    if (!(await this.deps.documents.claim(key, { at: this.deps.clock.now().toISOString() }))) return;
    const { conversationType } = conversationIdentity(turn.context.activity);
    // The welcome card is for a publisher in a personal chat; a team or group chat gets a short hello.
    if (conversationType === 'personal') await sendWelcomeCard(turn);
    else await turn.context.sendActivity(await helloMentioningInstaller(turn, conversationType));
    turn.log.info({ event: 'bot.welcomed' }, 'welcome sent');
  }
}

/**
 * The hello in a team or group chat @mentions the person who added the bot (a Teams store requirement):
 * the text carries `<at>name</at>` and a mention entity names them. Teams' install events carry the
 * person's id but seldom their name, so the name is asked of the conversation's roster; without one,
 * a plain hello.
 */
async function helloMentioningInstaller(
  turn: Turn,
  conversationType: 'channel' | 'groupChat',
): Promise<Partial<Activity>> {
  const key = conversationType === 'channel' ? 'welcome.team' : 'welcome.group';
  const installer = turn.context.activity.from;
  const name = installer?.id ? installer.name?.trim() || (await rosterName(turn, installer.id)) : undefined;
  if (!installer?.id || !name) return MessageFactory.text(turn.t(key, { greeting: 'unnamed', mention: '' }));
  const mention = `<at>${name}</at>`;
  const hello = MessageFactory.text(turn.t(key, { greeting: 'named', mention }));
  hello.entities = [{ type: 'mention', text: mention, mentioned: { id: installer.id, name } }];
  return hello;
}

/** The member's name as Teams' roster has it, or undefined when the roster cannot be read. */
async function rosterName(turn: Turn, userId: string): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(turn.context, userId);
    return member.name?.trim() || undefined;
  } catch (error) {
    turn.log.info(
      { event: 'welcome.installer_unnamed', reason: (error as Error).message?.slice(0, 200) },
      'the installer is greeted without a mention',
    );
    return undefined;
  }
}

function welcomeKey(conversationId: string): string {
  return `welcome/${conversationId}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
