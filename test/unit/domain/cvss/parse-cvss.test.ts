import { CVSS_ERROR_KEYS, parseCvss, type CvssError } from '../../../../src/domain/cvss';

const V30 = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N';
const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N';
const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

function errorOf(input: string): CvssError {
  const result = parseCvss(input);
  if (result.ok) throw new Error(`expected ${input} to be rejected`);
  return result.error;
}

describe('CVSS vectors that are accepted', () => {
  it.each([V30, V31, V40])('accepts the base vector %s', (vector) => {
    expect(parseCvss(vector).ok).toBe(true);
  });

  it('reads the version and every metric as written', () => {
    const result = parseCvss(`${V31}/E:X/CR:H`);
    expect(result).toEqual({
      ok: true,
      vector: expect.objectContaining({
        version: '3.1',
        metrics: [
          { key: 'AV', value: 'N' },
          { key: 'AC', value: 'L' },
          { key: 'PR', value: 'N' },
          { key: 'UI', value: 'N' },
          { key: 'S', value: 'U' },
          { key: 'C', value: 'H' },
          { key: 'I', value: 'N' },
          { key: 'A', value: 'N' },
          { key: 'E', value: 'X' },
          { key: 'CR', value: 'H' },
        ],
      }),
    });
  });

  it('accepts v3.1 metrics in any order, as the v3.1 specification requires of readers', () => {
    expect(parseCvss('CVSS:3.1/A:N/I:N/C:H/S:U/UI:N/PR:N/AC:L/AV:N').ok).toBe(true);
    expect(parseCvss('CVSS:3.1/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X').ok).toBe(true);
  });

  it('accepts v3.0 metrics in any order too', () => {
    expect(parseCvss('CVSS:3.0/S:C/C:H/I:H/A:N/AV:P/AC:H/PR:H/UI:R/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L').ok).toBe(
      true,
    );
  });

  it('accepts every v3.1 temporal and environmental metric, X (Not Defined) included', () => {
    const full = `${V31}/E:U/RL:O/RC:U/CR:L/IR:L/AR:L/MAV:P/MAC:H/MPR:H/MUI:R/MS:C/MC:H/MI:H/MA:H`;
    const notDefined = `${V31}/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X`;
    expect(parseCvss(full).ok).toBe(true);
    expect(parseCvss(notDefined).ok).toBe(true);
  });

  it('accepts every v4.0 threat, environmental and supplemental metric in table order', () => {
    const full =
      `${V40}/E:A/CR:H/IR:H/AR:H/MAV:L/MAC:H/MAT:P/MPR:L/MUI:A/MVC:L/MVI:L/MVA:L/MSC:N/MSI:S/MSA:S` +
      '/S:P/AU:Y/R:I/V:C/RE:H/U:Amber';
    expect(parseCvss(full).ok).toBe(true);
    expect(parseCvss(`${V40}/E:X/CR:X/MSI:X/S:X/AU:X/R:X/V:X/RE:X/U:X`).ok).toBe(true);
  });
});

describe('CVSS vectors that are rejected, with the metric at fault', () => {
  it.each<[string, string, CvssError]>([
    // wrong prefix or version label
    [
      'no prefix (a bare v3 body)',
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      { key: 'cvss.prefix', value: 'AV:N' },
    ],
    ['lowercase prefix', V31.replace('CVSS', 'cvss'), { key: 'cvss.prefix', value: 'cvss:3.1' }],
    ['CVSS v2 label', 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', { key: 'cvss.prefix', value: 'CVSS:2.0' }],
    ['unknown version 3.2', V31.replace('3.1', '3.2'), { key: 'cvss.prefix', value: 'CVSS:3.2' }],
    ['version written 3.10', V31.replace('3.1', '3.10'), { key: 'cvss.prefix', value: 'CVSS:3.10' }],
    ['prefix without its slash', 'CVSS:3.1AV:N/AC:L', { key: 'cvss.prefix', value: 'CVSS:3.1AV:N' }],
    [
      'v4 metrics under a v3.1 label',
      V40.replace('4.0', '3.1'),
      { key: 'cvss.unknownMetric', metric: 'AT', version: '3.1' },
    ],
    // missing base metrics
    ['v3.1 without A', V31.replace('/A:N', ''), { key: 'cvss.missingMetric', metric: 'A', version: '3.1' }],
    ['v3.0 without S', V30.replace('/S:U', ''), { key: 'cvss.missingMetric', metric: 'S', version: '3.0' }],
    [
      'v4.0 without SC',
      V40.replace('/SC:N', ''),
      { key: 'cvss.missingMetric', metric: 'SC', version: '4.0' },
    ],
    ['only a label', 'CVSS:3.1', { key: 'cvss.missingMetric', metric: 'AV', version: '3.1' }],
    [
      'v3.1 with temporal metrics but no base',
      'CVSS:3.1/E:H/RL:O',
      { key: 'cvss.missingMetric', metric: 'AV', version: '3.1' },
    ],
    // duplicates
    ['AV twice, same value', `${V31}/AV:N`, { key: 'cvss.duplicateMetric', metric: 'AV', version: '3.1' }],
    ['AV twice, other value', `${V31}/AV:L`, { key: 'cvss.duplicateMetric', metric: 'AV', version: '3.1' }],
    ['AV:X after AV', `${V31}/AV:X`, { key: 'cvss.duplicateMetric', metric: 'AV', version: '3.1' }],
    ['E twice in v4.0', `${V40}/E:A/E:U`, { key: 'cvss.duplicateMetric', metric: 'E', version: '4.0' }],
    // unknown metrics and values
    ['an invented metric', `${V31}/FOO:BAR`, { key: 'cvss.unknownMetric', metric: 'FOO', version: '3.1' }],
    [
      'a lowercase metric name',
      V31.replace('AV:N', 'av:N'),
      { key: 'cvss.unknownMetric', metric: 'av', version: '3.1' },
    ],
    [
      'Scope in a v4.0 vector',
      V40.replace('/SA:N', '/SA:N/MS:U'),
      { key: 'cvss.unknownMetric', metric: 'MS', version: '4.0' },
    ],
    [
      'an undefined value',
      V31.replace('AV:N', 'AV:Q'),
      { key: 'cvss.invalidValue', metric: 'AV', value: 'Q', version: '3.1' },
    ],
    [
      'a lowercase value',
      V31.replace('AC:L', 'AC:l'),
      { key: 'cvss.invalidValue', metric: 'AC', value: 'l', version: '3.1' },
    ],
    [
      'X for a base metric',
      V31.replace('A:N', 'A:X'),
      { key: 'cvss.invalidValue', metric: 'A', value: 'X', version: '3.1' },
    ],
    [
      'the v4 value P for v3 UI',
      V31.replace('UI:N', 'UI:P'),
      { key: 'cvss.invalidValue', metric: 'UI', value: 'P', version: '3.1' },
    ],
    [
      'the v3 value R for v4 UI',
      V40.replace('UI:N', 'UI:R'),
      { key: 'cvss.invalidValue', metric: 'UI', value: 'R', version: '4.0' },
    ],
    [
      'Safety for MSC, which has none',
      `${V40}/MSC:S`,
      { key: 'cvss.invalidValue', metric: 'MSC', value: 'S', version: '4.0' },
    ],
    [
      'a provider urgency in lower case',
      `${V40}/U:clear`,
      { key: 'cvss.invalidValue', metric: 'U', value: 'clear', version: '4.0' },
    ],
    [
      'a provider urgency abbreviated',
      `${V40}/U:R`,
      { key: 'cvss.invalidValue', metric: 'U', value: 'R', version: '4.0' },
    ],
    // v4.0 order
    [
      'v4.0 base metrics swapped',
      V40.replace('AV:N/AC:L', 'AC:L/AV:N'),
      { key: 'cvss.order', metric: 'AV', version: '4.0' },
    ],
    [
      'v4.0 impacts interleaved (VC/SC/VI/SI/VA/SA)',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N',
      { key: 'cvss.order', metric: 'VI', version: '4.0' },
    ],
    [
      'v4.0 threat before base',
      'CVSS:4.0/E:A/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      { key: 'cvss.order', metric: 'AV', version: '4.0' },
    ],
    [
      'v4.0 supplemental before environmental',
      `${V40}/S:P/MSI:S`,
      { key: 'cvss.order', metric: 'MSI', version: '4.0' },
    ],
    [
      'v4.0 environmental before threat',
      `${V40}/CR:H/E:P`,
      { key: 'cvss.order', metric: 'E', version: '4.0' },
    ],
    // malformed strings
    ['a stray double slash', V31.replace('/AC:L', '//AC:L'), { key: 'cvss.malformed', version: '3.1' }],
    ['a trailing slash', `${V31}/`, { key: 'cvss.malformed', version: '3.1' }],
    ['a label with only a slash', 'CVSS:3.1/', { key: 'cvss.malformed', version: '3.1' }],
    ['a metric without a value', `${V31}/E:`, { key: 'cvss.malformed', value: 'E:', version: '3.1' }],
    ['a metric without a colon', `${V31}/E`, { key: 'cvss.malformed', value: 'E', version: '3.1' }],
    ['a value without a metric', `${V31}/:H`, { key: 'cvss.malformed', value: ':H', version: '3.1' }],
    ['two colons', V31.replace('AV:N', 'AV:N:L'), { key: 'cvss.malformed', value: 'AV:N:L', version: '3.1' }],
    ['a leading space', ` ${V31}`, { key: 'cvss.malformed' }],
    ['a trailing space', `${V31} `, { key: 'cvss.malformed' }],
    ['a trailing line break', `${V40}\n`, { key: 'cvss.malformed' }],
    ['a space inside', V31.replace('/AC', '/ AC'), { key: 'cvss.malformed' }],
    ['an empty string', '', { key: 'cvss.malformed' }],
  ])('%s', (_case, input, expected) => {
    expect(errorOf(input)).toEqual(expected);
  });

  it('rejects an overlong paste without repeating it in full', () => {
    const error = errorOf(`${V31}/${'E:H/'.repeat(200)}`);
    expect(error.key).toBe('cvss.malformed');
    expect((error.value ?? '').length).toBeLessThanOrEqual(33);
  });

  it('shortens an unknown metric name and replaces control characters before repeating them', () => {
    expect(errorOf(`${V31}/${'Z'.repeat(100)}:H`)).toEqual({
      key: 'cvss.unknownMetric',
      metric: `${'Z'.repeat(32)}…`,
      version: '3.1',
    });
    expect(errorOf(`${V31}/E\u0000:H`)).toEqual({ key: 'cvss.unknownMetric', metric: 'E?', version: '3.1' });
  });

  it('does not treat object property names as metrics', () => {
    expect(errorOf(`${V31}/__proto__:H`)).toEqual({
      key: 'cvss.unknownMetric',
      metric: '__proto__',
      version: '3.1',
    });
    expect(errorOf(`${V31}/constructor:H`)).toEqual({
      key: 'cvss.unknownMetric',
      metric: 'constructor',
      version: '3.1',
    });
  });

  it('exports the list of error keys the i18n layer must translate', () => {
    expect([...CVSS_ERROR_KEYS].sort()).toEqual(
      [
        'cvss.duplicateMetric',
        'cvss.invalidValue',
        'cvss.malformed',
        'cvss.missingMetric',
        'cvss.order',
        'cvss.prefix',
        'cvss.unknownMetric',
      ].sort(),
    );
  });
});
