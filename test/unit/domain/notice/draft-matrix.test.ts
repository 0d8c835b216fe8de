import {
  draftCommunication,
  draftLanguages,
  draftTones,
  formatsFor,
  shortNoticeLimit,
  type DraftedCommunication,
  type DraftFormat,
  type DraftLanguage,
  type DraftTone,
} from '../../../../src/domain/notice';
import { draftStringsEn } from '../../../../src/domain/notice/draft-strings.en';
import { draftStringsRu } from '../../../../src/domain/notice/draft-strings.ru';
import type { Category } from '../../../../src/domain/ticket';
import { validateCsaf, type CsafValidation } from '../../../support/run-csaf-validator';
import { draftedAt, fixStatuses, ticketWith, type FixStatus } from './draft-fixtures';

/**
 * Every combination the issue asks for: incident and vulnerability, each fix situation, both
 * languages, both tones, every format the ticket offers. What must hold for all of them is checked
 * here; what each says is checked in the per-format suites.
 */
interface Case {
  readonly category: Category;
  readonly fix: FixStatus;
  readonly language: DraftLanguage;
  readonly tone: DraftTone;
  readonly format: DraftFormat;
}

const cases: Case[] = [];
for (const category of ['vulnerability', 'incident'] as const) {
  for (const fix of fixStatuses) {
    for (const format of formatsFor(ticketWith(category, fix))) {
      for (const language of draftLanguages) {
        for (const tone of draftTones) cases.push({ category, fix, language, tone, format });
      }
    }
  }
}

const placeholderTexts: Record<DraftLanguage, string[]> = {
  en: Object.values(draftStringsEn.placeholder),
  ru: Object.values(draftStringsRu.placeholder),
};

const label = (c: Case) => `${c.category}, fix ${c.fix}, ${c.format}, ${c.language}, ${c.tone}`;
const drafts = new Map<string, DraftedCommunication>(
  cases.map((c) => [
    label(c),
    draftCommunication({
      format: c.format,
      language: c.language,
      tone: c.tone,
      ticket: ticketWith(c.category, c.fix),
      now: draftedAt,
    }),
  ]),
);
const draftOf = (c: Case) => drafts.get(label(c))!;
const visibleText = (d: DraftedCommunication) => `${d.subject ?? ''}\n${d.body}`;

let validations = new Map<string, CsafValidation>();
beforeAll(() => {
  const csafCases = cases.filter((c) => c.format === 'csaf');
  const results = validateCsaf(csafCases.map((c) => JSON.parse(draftOf(c).body)));
  validations = new Map(csafCases.map((c, i) => [label(c), results[i]!]));
});

test('the matrix covers both categories, four fix situations, both languages and tones, every format', () => {
  // vulnerability: 4 fixes × 3 formats × 2 × 2; incident (personal data): 4 fixes × 4 formats × 2 × 2
  expect(cases).toHaveLength(48 + 64);
  expect(new Set(cases.map((c) => c.format))).toEqual(new Set(['email', 'short', 'csaf', 'gdpr']));
});

describe.each(cases)('$category, fix "$fix": $format in $language, $tone', (c) => {
  const drafted = draftOf(c);

  test('says which format, language and tone it is, with a subject for an email only', () => {
    expect(drafted).toMatchObject({ format: c.format, language: c.language, tone: c.tone });
    expect(drafted.subject !== undefined).toBe(c.format === 'email');
  });

  test('lists each placeholder once, each visible in the text, and leaves none unlisted', () => {
    const text = visibleText(drafted);
    expect(new Set(drafted.placeholders).size).toBe(drafted.placeholders.length);
    for (const placeholder of drafted.placeholders) expect(text).toContain(placeholder);
    const shown = placeholderTexts[c.language].filter((placeholder) => text.includes(placeholder));
    expect([...drafted.placeholders].sort()).toEqual(expect.arrayContaining(shown.sort()));
  });

  test('is the same draft again for the same request', () => {
    const again = draftCommunication({
      format: c.format,
      language: c.language,
      tone: c.tone,
      ticket: ticketWith(c.category, c.fix),
      now: draftedAt,
    });
    expect(again).toEqual(drafted);
  });

  if (c.format === 'csaf') {
    test('passes the CSAF 2.0 strict schema and every mandatory test', () => {
      expect(validations.get(label(c))).toEqual({ isValid: true, errors: [] });
    });

    test('is the same document in either tone, in the language asked for', () => {
      const other = draftCommunication({
        format: 'csaf',
        language: c.language,
        tone: c.tone === 'formal' ? 'plain' : 'formal',
        ticket: ticketWith(c.category, c.fix),
        now: draftedAt,
      });
      expect(other.body).toBe(drafted.body);
      expect(JSON.parse(drafted.body).document.lang).toBe(c.language);
    });
    return;
  }

  test('writes dates for its reader, never as raw ISO dates, and leaves no template residue', () => {
    expect(drafted.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(visibleText(drafted)).not.toMatch(/undefined|NaN|\[object |\$\{|\{\w+\}|\.\.(?!\.)/);
  });

  test('is written in the language asked for', () => {
    const cyrillic = /[а-яё]/i;
    if (c.language === 'ru') {
      expect(drafted.body).toMatch(cyrillic);
      // «ты» has no place in a notice to customers, in either tone.
      expect(drafted.body).not.toMatch(
        /(^|[^а-яё])(ты|тебя|тебе|тобой|твой|твоя|твоё|твои|твоих)(?=[^а-яё]|$)/i,
      );
    } else {
      expect(drafted.body).not.toMatch(cyrillic);
    }
  });

  test('gives the steps where there are steps, and never points to steps that do not exist', () => {
    const steps =
      c.fix === 'full' ? 'Upgrade to 2.4.1.' : c.fix === 'partial' ? 'Disable the export API' : undefined;
    if (steps) expect(drafted.body).toContain(steps);
    else
      expect(drafted.body).not.toMatch(
        /steps below|following steps|do this|steps:|описанные ниже|следующие действия|сделайте следующее|порядок действий/i,
      );
  });

  if (c.format === 'short') {
    test(`stays within ${shortNoticeLimit} characters and on one line`, () => {
      expect([...drafted.body].length).toBeLessThanOrEqual(shortNoticeLimit);
      expect(drafted.body).not.toContain('\n');
    });
  }

  test('cites the confirmation number', () => {
    expect(drafted.body).toContain('SEC-7K3M-9QXD');
  });
});

test('the tones read differently in every text format and language', () => {
  for (const language of draftLanguages) {
    for (const format of ['email', 'short', 'gdpr'] as const) {
      const formal = draftOf({ category: 'incident', fix: 'full', language, tone: 'formal', format });
      const plain = draftOf({ category: 'incident', fix: 'full', language, tone: 'plain', format });
      expect(plain.body).not.toBe(formal.body);
      expect(plain.body.length).toBeLessThan(formal.body.length);
    }
  }
});
