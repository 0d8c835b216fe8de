import type { DraftContext } from './draft-context';
import { draftCsaf } from './draft-csaf';
import { draftEmail } from './draft-email';
import { draftGdprOutline } from './draft-gdpr-outline';
import { draftLocale } from './draft-locale';
import {
  draftFormats,
  draftLanguages,
  draftTones,
  type DraftedCommunication,
  type DraftLanguage,
  type DraftRequest,
} from './draft-request';
import { draftShortNotice } from './draft-short-notice';
import type { DraftStrings } from './draft-strings';
import { draftStringsEn } from './draft-strings.en';
import { draftStringsRu } from './draft-strings.ru';
import { formatsFor } from './formats-for';
import { gatherDraftFacts, type CleanText } from './gather-draft-facts';
import { neutraliseMarkup } from './neutralise-markup';
import { PlaceholderTracker } from './placeholder-tracker';
import { sortKeys } from './sort-keys';
import { stripInvisible } from './strip-invisible';

const stringsFor: Readonly<Record<DraftLanguage, DraftStrings>> = { en: draftStringsEn, ru: draftStringsRu };

/**
 * Drafts a communication about a ticket from its facts alone: nothing invented, every missing fact a
 * visible placeholder listed in `placeholders`. Pure and deterministic: the same request gives the same
 * draft (time is `request.now`). Throws a RangeError for a request no caller should make: an unknown
 * format, language or tone, or a GDPR outline for a ticket `formatsFor` does not offer it for.
 */
export function draftCommunication(request: DraftRequest): DraftedCommunication {
  const { format, language, tone, ticket } = request;
  if (!draftFormats.includes(format)) throw new RangeError(`Unknown draft format: ${String(format)}`);
  if (!draftLanguages.includes(language)) throw new RangeError(`Unknown draft language: ${String(language)}`);
  if (!draftTones.includes(tone)) throw new RangeError(`Unknown draft tone: ${String(tone)}`);
  if (!formatsFor(ticket).includes(format)) {
    throw new RangeError(`A ${format} draft is not offered for ticket ${ticket.confirmationNumber}`);
  }

  // Text formats may be shown as Markdown or HTML: typed markup is made inert. JSON needs only the
  // invisibles gone; JSON.stringify escapes the rest.
  const clean: CleanText = format === 'csaf' ? stripInvisible : neutraliseMarkup;
  const words = stringsFor[language];
  const placeholders = new PlaceholderTracker();
  const gathered = gatherDraftFacts(request, clean);
  const context: DraftContext = {
    request,
    // A report drafted before it is filed has no confirmation number yet: a visible placeholder.
    facts: gathered.confirmationNumber
      ? gathered
      : { ...gathered, confirmationNumber: placeholders.mark(words.placeholder.reference) },
    words,
    tone,
    locale: draftLocale(language),
    placeholders,
  };
  const drafted = { format, language, tone };

  switch (format) {
    case 'email': {
      const { subject, body } = draftEmail(context);
      return {
        ...drafted,
        subject,
        body,
        placeholders: context.placeholders.visibleIn(`${subject}\n${body}`),
      };
    }
    case 'short': {
      const body = draftShortNotice(context);
      return { ...drafted, body, placeholders: context.placeholders.visibleIn(body) };
    }
    case 'csaf': {
      const body = JSON.stringify(sortKeys(draftCsaf(context)), null, 2);
      return { ...drafted, body, placeholders: context.placeholders.visibleIn(body) };
    }
    case 'gdpr': {
      const body = draftGdprOutline(context);
      return { ...drafted, body, placeholders: context.placeholders.visibleIn(body) };
    }
  }
}
