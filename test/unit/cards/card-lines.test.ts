import { breakAtSlashes, joinLines, textLine, vectorLine } from '../../../src/cards/card-lines';
import { describeAddition } from '../../../src/bot/support-channel/describe-addition';

describe('lines of text on a card', () => {
  test('adjacent text lines become one paragraph; a vector stays a line of its own; empty text goes', () => {
    expect(
      joinLines([textLine('a'), textLine('b'), vectorLine('CVSS:3.1/AV:N'), textLine(' '), textLine('c')]),
    ).toEqual([{ text: 'a\nb' }, { text: 'CVSS:3.1/AV:N', vector: true }, { text: ' \nc' }]);
    expect(joinLines([textLine(''), textLine('  ')])).toEqual([]);
  });

  test('an addition’s vector is a line of its own, between the detail and the fix', () => {
    const lines = describeAddition(
      {
        detail: 'Also 2.3.',
        cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N', baseScore: 5.4 },
        fix: { kind: 'full', remediationSteps: 'Upgrade to 2.4.2.' },
      },
      'en',
    );
    expect(lines).toEqual([
      { text: 'Also 2.3.' },
      { text: 'CVSS CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N (5.4)', vector: true },
      { text: 'Full fix available: Upgrade to 2.4.2.' },
    ]);
  });

  test('a refused vector echoed back breaks after its slashes into lines a phone can show, text unchanged', () => {
    const sent = 'CVSS:3.1/AV:[click](https://evil.example)/**bold**<at>Alex</at>/AC:L/PR:N';
    const broken = breakAtSlashes(sent, 28);
    expect(broken.replace(/\n/g, '')).toBe(sent);
    for (const line of broken.split('\n')) expect([...line].length).toBeLessThanOrEqual(28);
    expect(broken.split('\n')[0]).toBe('CVSS:3.1/AV:[click](https://');
    expect(breakAtSlashes('CVSS:3.1/AV:N')).toBe('CVSS:3.1/AV:N');
  });
});
