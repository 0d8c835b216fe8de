import {
  draftCommunication,
  draftLanguages,
  draftTones,
  formatsFor,
  shortNoticeLimit,
  type DraftFormat,
} from '../../../../src/domain/notice';
import type { Ticket } from '../../../../src/domain/ticket';
import { validateCsaf } from '../../../support/run-csaf-validator';
import { draftedAt, ticketWith } from './draft-fixtures';

/**
 * What a publisher types is data. A ticket normally arrives cleaned by the report reader, but the
 * drafter must not rely on it (a remote ticket service, an old row), so these tickets are built
 * directly, with the controls, bidi overrides and markup the reader would have removed.
 */
const controls = '\u0000\u0007\u001b[31m\u007f\u0085';
const bidi = '\u202Egnp.exe\u202C \u2066isolate\u2069 \u200Fmark\u200E \u061C';
const tags = '\u{E0041}\u{E0042}hidden';
const markup =
  '<script>alert(1)</script> <img src=x onerror=alert(2)> [click here](javascript:alert(3)) ![pixel](https://evil.example/p.png) <https://evil.example|Verify your account> <!channel> <@U0123> **URGENT** `code`';
const quotes = `"double" 'single' \\backslash\\ \u2028line\u2029para \r\nCRLF </script><!--`;
const long = (seed: string, length: number) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

function hostile(category: 'vulnerability' | 'incident'): Ticket {
  const base = ticketWith(category, 'full');
  return {
    ...base,
    report: {
      ...base.report,
      title: `Urgent\r\nBcc: victim@example.com ${markup}`.slice(0, 150),
      offers: [
        { name: `Contoso <b>WAF</b> ${bidi}`, offerId: 'contoso.contoso-waf' },
        { name: 'Contoso "Pro" \\ edition', offerId: 'contoso.contoso-waf-pro' },
      ],
      description: long(`${markup} ${quotes} ${controls} ${bidi} ${tags} Кириллица 🙂 `, 4000),
      affected: long(`${markup} [ref]: https://evil.example ${controls}`, 500),
      customerMessage: long(`${markup}\n# Official notice from Microsoft\n> quoted ${quotes} `, 2000),
      fix: { kind: 'full', remediationSteps: long(`\`\`\`\nrm -rf /\n\`\`\` ${markup} ${quotes} `, 2000) },
      ...(category === 'incident'
        ? {
            incident: {
              dataOrSystems: long(`${markup} ${bidi} `, 1000),
              startedOn: '2026-06-08',
              ongoing: 'yes' as const,
              personalData: 'yes' as const,
            },
          }
        : {}),
    },
  };
}

const activeMarkup = [
  /<[A-Za-z!/?@#$]/, // a tag, a comment, an autolink, a Slack mention or link
  /\]\(/, // a Markdown link or image
  /^\s*\[[^\]\n]*\]:/m, // a Markdown link definition
];
const invisible =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\u2028\u2029\uFEFF]|[\u{E0000}-\u{E007F}]/u;

describe.each(['vulnerability', 'incident'] as const)('hostile text in a %s report', (category) => {
  const ticket = hostile(category);
  const textFormats = formatsFor(ticket).filter(
    (format): format is Exclude<DraftFormat, 'csaf'> => format !== 'csaf',
  );

  describe.each(textFormats)('%s', (format) => {
    const drafts = draftLanguages.flatMap((language) =>
      draftTones.map((tone) => draftCommunication({ format, language, tone, ticket, now: draftedAt })),
    );

    test('carries no markup that a Markdown or HTML renderer would act on', () => {
      for (const drafted of drafts) {
        for (const pattern of activeMarkup) {
          expect(drafted.body).not.toMatch(pattern);
          expect(drafted.subject ?? '').not.toMatch(pattern);
        }
      }
    });

    test('carries no control characters, bidi overrides or hidden tag characters', () => {
      for (const drafted of drafts) {
        expect(drafted.body.replace(/\n/g, '')).not.toMatch(invisible);
        expect(drafted.subject ?? '').not.toMatch(invisible);
      }
    });

    test('keeps what was typed readable as text', () => {
      for (const drafted of drafts) {
        expect(drafted.body).toContain('alert(');
        expect(drafted.body).toMatch(/Contoso|Urgent/);
      }
    });

    if (format === 'email') {
      test('keeps the subject on one line, so a typed line break cannot add a mail header', () => {
        for (const drafted of drafts) expect(drafted.subject).not.toMatch(/[\r\n]/);
      });
    }

    if (format === 'short') {
      test(`still fits ${shortNoticeLimit} characters, pointing to the full advisory for the steps`, () => {
        for (const drafted of drafts) {
          expect([...drafted.body].length).toBeLessThanOrEqual(shortNoticeLimit);
          expect(drafted.body).toContain('SEC-7K3M-9QXD');
          expect(
            drafted.placeholders.some((p) => /full advisory|полном уведомлении|полное уведомление/.test(p)),
          ).toBe(true);
        }
      });
    }
  });

  describe('csaf', () => {
    const drafts = draftLanguages.map((language) =>
      draftCommunication({ format: 'csaf', language, tone: 'formal', ticket, now: draftedAt }),
    );
    const docs = drafts.map((drafted) => JSON.parse(drafted.body));

    test('is valid JSON and a valid CSAF document whatever the input', () => {
      for (const result of validateCsaf(docs)) expect(result).toEqual({ isValid: true, errors: [] });
    });

    test('keeps the typed text as text, quotes, line breaks and </script> included, invisibles removed', () => {
      for (const doc of docs) {
        const description = doc.vulnerabilities[0].notes?.[0]?.text ?? doc.document.notes[1].text;
        expect(description).toContain('<script>alert(1)</script>');
        expect(description).toContain(`"double" 'single' \\backslash\\`);
        expect(description).toContain('\nline\npara\nCRLF </script><!--');
        expect(description).toContain('Кириллица 🙂');
        expect(description).not.toMatch(invisible);
        expect(doc.document.title).not.toMatch(/[\r\n]/);
      }
    });
  });
});
