import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  fullFix,
  incidentDetails,
  incidentKind,
  vulnerabilityDetails,
  vulnerabilityKind,
} from './report-answers';
import { errorNextTo, inputOf, ReportSession } from './report-session';
import { ticketCount } from './stored-ticket';

type Answers = Record<string, string>;

/** The steps answered before the one under test, per category. */
const before: Record<string, Answers[]> = {
  kind: [],
  incidentDetails: [incidentKind],
  vulnerabilityDetails: [vulnerabilityKind],
  vulnerability: [vulnerabilityKind, vulnerabilityDetails],
  fix: [incidentKind, incidentDetails],
  message: [incidentKind, incidentDetails, fullFix],
};

const good: Record<string, Answers> = {
  kind: incidentKind,
  incidentDetails,
  vulnerabilityDetails,
  vulnerability: { cveIds: 'CVE-2026-12345', cvssVector: '' },
  fix: fullFix,
  message: { messageChoice: 'have', customerMessage: 'Upgrade now.' },
};

/** [what is wrong, step, answers changed from good ones, input, message shown next to it] */
const cases: Array<[string, string, Answers, string, string]> = [
  ['no category', 'kind', { category: '' }, 'category', 'Please choose one.'],
  ['a category that is not offered', 'kind', { category: 'outage' }, 'category', 'This value is not valid.'],
  ['no offer', 'kind', { offerName0: '', offerId0: '' }, 'offerName0', 'Name at least one offer.'],
  [
    'an offer without its id',
    'kind',
    { offerId0: ' ' },
    'offerId0',
    "Give both the offer's name and its offer id.",
  ],
  [
    'an offer id with a space',
    'kind',
    { offerId0: 'contoso waf' },
    'offerId0',
    'An offer id has lowercase letters, digits, dots, hyphens and underscores only, like contoso.contoso-waf.',
  ],
  [
    'the same offer twice',
    'kind',
    { offerName1: 'Again', offerId1: 'CONTOSO.contoso-waf' },
    'offerId1',
    'This offer is already listed above.',
  ],
  ['no title', 'kind', { title: '   ' }, 'title', 'Please fill this in.'],
  [
    'a title over 150 characters',
    'kind',
    { title: 'x'.repeat(151) },
    'title',
    'This is too long: at most 150 characters, and it has 151.',
  ],
  ['no description', 'incidentDetails', { description: '' }, 'description', 'Please fill this in.'],
  [
    'a description over 4000 characters',
    'incidentDetails',
    { description: 'я'.repeat(4001) },
    'description',
    'This is too long: at most 4,000 characters, and it has 4,001.',
  ],
  [
    'discovered tomorrow',
    'incidentDetails',
    { discoveredOn: '2026-11-25' },
    'discoveredOn',
    'This date is in the future.',
  ],
  [
    'a date that does not exist',
    'incidentDetails',
    { discoveredOn: '2026-02-30' },
    'discoveredOn',
    'Please give a real date.',
  ],
  [
    'exploitation not answered',
    'incidentDetails',
    { knownExploited: '' },
    'knownExploited',
    'Please choose one.',
  ],
  [
    'who is affected over 500 characters',
    'incidentDetails',
    { affected: 'a'.repeat(501) },
    'affected',
    'This is too long: at most 500 characters, and it has 501.',
  ],
  ['no data or systems', 'incidentDetails', { dataOrSystems: '' }, 'dataOrSystems', 'Please fill this in.'],
  [
    'started after it was discovered',
    'incidentDetails',
    { startedOn: '2026-11-21' },
    'startedOn',
    'It cannot have started after it was discovered (November 20, 2026).',
  ],
  ['ongoing not answered', 'incidentDetails', { ongoing: 'maybe' }, 'ongoing', 'This value is not valid.'],
  [
    'a vulnerability discovered in the future',
    'vulnerabilityDetails',
    { discoveredOn: '2027-01-01' },
    'discoveredOn',
    'This date is in the future.',
  ],
  [
    'neither a CVE id nor a vector',
    'vulnerability',
    { cveIds: '', cvssVector: '' },
    'cveIds',
    'A vulnerability report needs at least one CVE id or a CVSS vector.',
  ],
  [
    'a malformed CVE id',
    'vulnerability',
    { cveIds: 'CVE-2026-12345, CVE-26-1' },
    'cveIds',
    '“CVE-26-1” is not a valid CVE id. A CVE id looks like CVE-2024-12345: CVE, the year (1999 or later) and a number of at least four digits.',
  ],
  [
    'a vector missing a base metric',
    'vulnerability',
    { cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H' },
    'cvssVector',
    'The base metric A is missing: a CVSS 3.1 vector must contain every base metric.',
  ],
  [
    'a CVSS 4.0 vector published out of order',
    'vulnerability',
    { cvssVector: 'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
    'cvssVector',
    "AV is out of place: a CVSS 4.0 vector must list its metrics in the order of the specification (AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA, then threat, environmental and supplemental metrics). In the specification's order it reads: CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  ],
  ['no fix answer', 'fix', { fixKind: '' }, 'fixKind', 'Please choose one.'],
  ['a full fix without steps', 'fix', { remediationSteps: '' }, 'remediationSteps', 'Please fill this in.'],
  [
    'steps under "no fix yet"',
    'fix',
    { fixKind: 'none' },
    'remediationSteps',
    'You chose "No fix yet": choose "A partial fix or a workaround" if these steps help, or clear this box.',
  ],
  [
    'an expected fix date in the past',
    'fix',
    { fixKind: 'none', remediationSteps: '', expectedOn: '2026-11-01' },
    'expectedOn',
    'This date has already passed.',
  ],
  ['no message answer', 'message', { messageChoice: '' }, 'messageChoice', 'Please choose one.'],
  [
    '"I have one" with no message',
    'message',
    { customerMessage: '' },
    'customerMessage',
    'Write or paste the message here, or choose "No message".',
  ],
  [
    'a message over 2000 characters',
    'message',
    { customerMessage: 'm'.repeat(2001) },
    'customerMessage',
    'This is too long: at most 2,000 characters, and it has 2,001.',
  ],
];

describe('every answer is checked on the server, and a problem is shown next to its field', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ clock: new FixedClock('2026-11-24T10:00:00.000Z') });
  });
  afterAll(() => app.close());

  test.each(cases)(
    '%s: the card says so next to the field and keeps every other answer',
    async (_what, step, change, input, message) => {
      const session = new ReportSession(app.chat());
      await session.say('report');
      for (const answers of before[step] ?? []) await session.press('next', answers);
      const heading = session.texts()[1];
      const answers = { ...good[step], ...change };
      await session.press('next', answers);

      expect(session.texts()[1]).toBe(heading);
      expect(errorNextTo(session.card, input)).toBe(message);
      for (const [id, value] of Object.entries(answers)) {
        if (id !== input && inputOf(session.card, id)) expect(inputOf(session.card, id)?.value).toBe(value);
      }
      // Only the field at fault is flagged.
      const flagged = Object.keys(answers).filter((id) => errorNextTo(session.card, id) !== undefined);
      expect(flagged).toEqual([input]);
    },
  );

  test('all the problems of a card are shown at once, and fixing them moves on', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report');
    await session.press('next', { category: '', offerName0: 'Contoso WAF', offerId0: '', title: '' });
    expect(errorNextTo(session.card, 'category')).toBe('Please choose one.');
    expect(errorNextTo(session.card, 'offerId0')).toBe("Give both the offer's name and its offer id.");
    expect(errorNextTo(session.card, 'title')).toBe('Please fill this in.');
    expect(inputOf(session.card, 'offerName0')?.value).toBe('Contoso WAF');
    await session.press('next', incidentKind);
    expect(session.texts()).toContain('What happened?');
  });

  test("errors are in the Russian user's language", async () => {
    const session = new ReportSession(app.chat({ locale: 'ru-RU' }));
    await session.say('сообщить');
    await session.press('next', { ...incidentKind, offerId0: 'плохой id' });
    expect(errorNextTo(session.card, 'offerId0')).toMatch(/^Идентификатор предложения состоит только/);
  });

  test('inputs carry client-side checks where Teams applies them, but never cut what is typed', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report a vulnerability');
    expect(inputOf(session.card, 'title')).toMatchObject({
      isRequired: true,
      label: 'Short title (one line, up to 150 characters)',
      errorMessage: 'Please fill this in.',
    });
    // A client-side maxLength cuts a paste without a word; the limit is stated and checked by the bot.
    expect(JSON.stringify(session.card)).not.toContain('maxLength');
    expect(inputOf(session.card, 'offerId0')).toMatchObject({ isRequired: true, regex: expect.any(String) });
    expect(new RegExp(String(inputOf(session.card, 'offerId0')?.regex)).test('contoso.contoso-waf')).toBe(
      true,
    );
    expect(new RegExp(String(inputOf(session.card, 'offerId0')?.regex)).test('contoso waf')).toBe(false);
    await session.press('next', vulnerabilityKind);
    expect(inputOf(session.card, 'description')).toMatchObject({
      isRequired: true,
      label: 'Description (required, up to 4,000 characters)',
    });
    expect(JSON.stringify(session.card)).not.toContain('maxLength');
    expect(inputOf(session.card, 'discoveredOn')).toMatchObject({ type: 'Input.Date', max: '2026-11-24' });
  });

  test('nothing is filed while answers are wrong', async () => {
    expect(await ticketCount(app)).toBe(0);
  });
});
