import type { Command } from '../commands/command';
import { conversationIdentity } from '../conversation-identity';
import { REPORT_STEP_COMMAND, type ReportDialog } from './report-dialog';

/** Sentences that mean "start a report", English and Russian, matched on normalised (lower-case) text. */
const reportSentences = [
  /\b(report|file|submit|raise|log)\b.*\b(vulnerabilit|incident|security|breach|cve)/,
  /^(i want|i'd like|i would like|i need|how do i|how can i|can i|let me) (to )?report\b/,
  /(сообщить|сообщаю|заявить|зарегистрировать|доложить).*(уязвим|инцидент|безопасност|взлом|утечк)/,
  /^(хочу|нужно|надо|как) (сообщить|заявить)/,
];

/** The commands of the report dialog: start it, press its buttons, cancel it. */
export function reportCommands(dialog: ReportDialog): Command[] {
  return [
    {
      name: 'report',
      words: ['report', 'new report', 'сообщить', 'новое сообщение'],
      patterns: reportSentences,
      run: async (turn, args, value) => {
        // Details of an unpatched vulnerability are not for everyone in a group chat or a team channel.
        if (conversationIdentity(turn.context.activity).conversationType !== 'personal') {
          await turn.context.sendActivity(turn.t('report.flow.personalOnly'));
          return;
        }
        // From the free-text offer: the message the publisher typed becomes the report's description.
        const message =
          value?.fromMessage === true && typeof value.reply === 'string' ? value.reply : undefined;
        await dialog.start(turn, message ?? (args || (turn.context.activity.text ?? '')), message);
      },
    },
    {
      name: REPORT_STEP_COMMAND,
      words: [],
      run: (turn, _args, value) => dialog.press(turn, value ?? {}),
    },
    {
      name: 'cancel',
      words: ['cancel', 'stop report', 'отмена', 'отменить', 'отменить сообщение'],
      run: (turn) => dialog.cancel(turn),
    },
  ];
}
