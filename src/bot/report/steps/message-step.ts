import { textLimits } from '../../../domain/ticket';
import {
  adviceFingerprint,
  draftMessage,
  draftedTextKey,
  noticeAdvice,
  type DialogDraft,
} from '../customer-notice';
import { FieldReader } from '../field-reader';
import { field, type ReportStep } from '../report-step';
import type { FieldValues } from '../report-draft';
import type { StepContext } from '../step-context';

export const messageChoices = ['none', 'have', 'draft'] as const;

/**
 * Step 5: a message for customers. "Help me draft it" fills the text box with the drafting engine's email
 * (src/domain/notice) made from the answers so far, for the person to edit; a plain note lists every
 * placeholder left and says when the draft had to be shortened, and the whole draft is shown above the
 * box to read. A message with something support would point out (a pasted secret, a missing offer or
 * CVE, a placeholder) is shown once more with that advice; Next on the same text keeps it.
 */
export const messageStep: ReportStep = {
  name: 'message',
  card: 'report-message',
  appliesTo: () => true,

  inputs: () => ({ messageChoice: 20, customerMessage: textLimits.customerMessage * 2, adviceFor: 64 }),

  read(values, ctx) {
    const reader = new FieldReader(values, ctx);
    const choice = reader.choice('messageChoice', messageChoices);
    if (choice === 'none') return { errors: {}, part: {} };
    const customerMessage = reader.text('customerMessage', {
      max: textLimits.customerMessage,
      required: false,
    });
    if (choice && !customerMessage && !reader.errors.customerMessage) {
      const drafted = choice === 'draft' ? draftMessage(values, ctx) : undefined;
      if (drafted) {
        return {
          errors: {},
          fill: { values: { customerMessage: drafted.text, ...drafted.keep }, note: draftNote(drafted, ctx) },
        };
      }
      reader.fail('customerMessage', ctx.t('report.error.messageRequired'));
    }
    if (!reader.ok || !customerMessage) return { errors: reader.errors };
    const advice =
      values.adviceFor === adviceFingerprint(customerMessage)
        ? []
        : noticeAdvice(customerMessage, values, ctx);
    return {
      errors: {},
      part: { customerMessage },
      ...(advice.length > 0
        ? { advice: { customerMessage: [...advice, ctx.t('report.message.adviceKeep')].join(' ') } }
        : {}),
    };
  },

  cardData(draft, errors, ctx) {
    const { values } = draft;
    const { t } = ctx;
    const message = values.customerMessage ?? '';
    const asDrafted = isUneditedDraft(values) ? draftMessage(values, ctx) : undefined;
    return {
      // A draft not judged yet gets the advice on its first Next (e.g. fill in the placeholders); once
      // advice or an error is shown next to it, Next on the same text keeps it.
      adviceFor: !message || (asDrafted && !errors.customerMessage) ? '' : adviceFingerprint(message),
      maxMessage: textLimits.customerMessage,
      choices: messageChoices.map((value) => ({ title: t(`report.message.${value}`), value })),
      // The draft to read whole: a Teams text box shows a few lines, and a shortened draft is longer.
      ...(asDrafted ? { preview: { label: t('report.message.previewLabel'), text: asDrafted.full } } : {}),
      f: {
        messageChoice: field(values, errors, 'messageChoice'),
        customerMessage: field(
          values,
          errors,
          'customerMessage',
          t('report.message.text', { max: textLimits.customerMessage }),
        ),
      },
    };
  },

  reviewItems(part, ctx) {
    return [
      {
        label: ctx.t('report.field.customerMessage'),
        value: part.customerMessage ?? ctx.t('report.message.none'),
      },
    ];
  },
};

/** True while the box holds the text "Help me draft it" put there, as it was. */
function isUneditedDraft(values: FieldValues): boolean {
  const message = values.customerMessage ?? '';
  return (
    values.messageChoice === 'draft' &&
    message.trim() !== '' &&
    values[draftedTextKey] === adviceFingerprint(message.replace(/\r\n/g, '\n'))
  );
}

/** What the person is told about a fresh draft: where it is, every placeholder left, any shortening. */
function draftNote(drafted: DialogDraft, ctx: StepContext): string {
  const { t } = ctx;
  const parts = [t('report.message.draftReady')];
  if (drafted.placeholders.length > 0) {
    parts.push(
      t('report.message.draftPlaceholders', {
        count: drafted.placeholders.length,
        list: drafted.placeholders.join('; '),
      }),
    );
  }
  if (drafted.shortened) {
    parts.push(
      t(
        drafted.shortened === 'steps'
          ? 'report.message.draftShortenedSteps'
          : 'report.message.draftShortenedEnd',
        { max: textLimits.customerMessage },
      ),
    );
  }
  return parts.join('\n\n');
}
