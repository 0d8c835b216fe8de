import { textLimits } from '../../../domain/ticket';
import { adviceFingerprint, draftNoticeText, noticeAdvice } from '../customer-notice';
import { FieldReader } from '../field-reader';
import { field, type ReportStep } from '../report-step';

export const messageChoices = ['none', 'have', 'draft'] as const;

/**
 * Step 5: a message for customers. "Help me draft it" fills the text box with a notice drafted from the
 * report (src/domain/notice) for the person to edit. A message with something support would point out (a
 * pasted secret, a missing offer or CVE) is shown once more with that advice; Next on the same text keeps it.
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
      const drafting = choice === 'draft' && draftNoticeText(values, ctx) !== undefined;
      reader.fail(
        'customerMessage',
        ctx.t(drafting ? 'report.message.draftReady' : 'report.error.messageRequired'),
      );
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
    const drafted =
      draft.values.messageChoice === 'draft' && !draft.values.customerMessage?.trim()
        ? draftNoticeText(draft.values, ctx)
        : undefined;
    const values = drafted ? { ...draft.values, customerMessage: drafted } : draft.values;
    const { t } = ctx;
    return {
      // A freshly drafted text has not been judged yet: its first Next gets the advice (e.g. fill the [brackets]).
      adviceFor: values.customerMessage && !drafted ? adviceFingerprint(values.customerMessage) : '',
      maxMessage: textLimits.customerMessage,
      choices: messageChoices.map((value) => ({ title: t(`report.message.${value}`), value })),
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
