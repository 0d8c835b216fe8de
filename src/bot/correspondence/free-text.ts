import type { TicketBackend, TicketSummary } from '../../backend/ticket-backend';
import { CardTooLargeError, renderCard } from '../../cards/render-card';
import { cleanText, findConfirmationNumber, textLimits } from '../../domain/ticket';
import { normaliseCommandText } from '../commands/command';
import { sendWelcomeCard } from '../commands/welcome';
import { detectCategory } from '../report/detect-category';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';

/** Hello and its kin, alone: a welcome, not an error. */
const greeting =
  /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings|привет|приветствую|здравствуй|здравствуйте|добрый (день|вечер)|доброе утро|доброго (дня|времени суток))( there| all| всем)?[\s,!.)]*$/u;

export function isGreeting(text: string): boolean {
  return greeting.test(normaliseCommandText(text));
}

/** Open tickets offered for a message: enough to choose from, few enough for a card on a phone. */
const maxChoices = 10;

/**
 * A message in the personal chat that is no command, understood in context: a greeting gets the
 * welcome; when support waits for the publisher's answer, the bot offers to send the message as that
 * answer (a confirmation number in the text picks the ticket, a choice when several wait); otherwise it
 * offers to add the message to an open report or to start a new one with it (the category guessed from
 * the words). Nothing is sent until the publisher presses: the text is in the card, editable.
 */
export class FreeText {
  constructor(
    private readonly deps: {
      readonly backend: TicketBackend;
      /** Reading the tenant's tickets is a look-up like `my tickets`: the same limits against floods. */
      readonly lookups: LookupLimits;
    },
  ) {}

  async handle(turn: Turn, raw: string): Promise<void> {
    if (isGreeting(raw)) {
      turn.log.info({ event: 'free_text.greeting' }, 'greeting');
      await sendWelcomeCard(turn);
      return;
    }
    const text = cleanText(raw, false);
    const summaries = await this.deps.lookups.list(turn, () =>
      this.deps.backend.summariesForTenant(turn.tenantId, { limit: 50 }),
    );
    // Over the limit the person has been told when to try again; nothing else is said.
    if (summaries === limited) return;
    const open = summaries.filter((r) => r.state !== 'closed');
    const named = findConfirmationNumber(text);
    const awaiting = open.filter((r) => r.state === 'awaiting_publisher');
    const namedOpen = open.find((r) => r.confirmationNumber === named);
    const answering = namedOpen ? namedOpen.state === 'awaiting_publisher' : awaiting.length > 0;
    const candidates = namedOpen ? [namedOpen] : answering ? awaiting : open;
    turn.log.info(
      {
        event: 'free_text.offer',
        open: open.length,
        awaiting: awaiting.length,
        named: namedOpen !== undefined,
      },
      'free text: offered what to do with it',
    );
    const card = this.offerCard(turn, text, candidates.slice(0, maxChoices), answering);
    await sendCard(turn.context, card);
  }

  private offerCard(turn: Turn, text: string, tickets: readonly TicketSummary[], answering: boolean) {
    const t = turn.t;
    const [only] = tickets;
    const intro =
      tickets.length === 0
        ? t('correspondence.freeText.noTickets')
        : answering
          ? tickets.length === 1 && only
            ? t('correspondence.freeText.answerOne', {
                number: only.confirmationNumber,
                title: only.title,
              })
            : t('correspondence.freeText.answerMany')
          : t('correspondence.freeText.addTo');
    const category = detectCategory(text);
    const data = {
      heading: t('correspondence.freeText.title'),
      intro,
      textLabel: t('correspondence.freeText.textLabel', { max: textLimits.message }),
      text,
      ...(tickets.length > 0
        ? {
            tickets: tickets.map((r) => ({
              title: `${r.confirmationNumber}: ${r.title}`,
              value: r.confirmationNumber,
            })),
            selected: only?.confirmationNumber ?? '',
            send: {
              title: t(
                answering ? 'correspondence.freeText.sendAnswer' : 'correspondence.freeText.addToReport',
              ),
            },
          }
        : {}),
      start: {
        title: t(
          category === 'vulnerability'
            ? 'correspondence.freeText.startVulnerability'
            : category === 'incident'
              ? 'correspondence.freeText.startIncident'
              : 'correspondence.freeText.startReport',
        ),
        // The card's box (`reply`) goes with the press: the report starts with it as its description.
        data: { cmd: 'report', fromMessage: true },
      },
    };
    try {
      return renderCard('free-text-offer', turn.locale, data);
    } catch (error) {
      if (!(error instanceof CardTooLargeError)) throw error;
      // Too long to carry in a card: the text stays in the publisher's own message; say so.
      const length = [...text].length;
      return renderCard('free-text-offer', turn.locale, {
        ...data,
        text: '',
        problem: t('correspondence.freeText.tooLongToShow', { length, max: textLimits.message }),
      });
    }
  }
}
