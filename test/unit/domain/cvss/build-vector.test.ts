import { assessCvss, buildVector, CVSS_METRICS } from '../../../../src/domain/cvss';

const V31_CHOICES = { AV: 'N', AC: 'L', PR: 'N', UI: 'N', S: 'U', C: 'H', I: 'N', A: 'N' };
const V40_CHOICES = {
  AV: 'N',
  AC: 'L',
  AT: 'N',
  PR: 'N',
  UI: 'N',
  VC: 'H',
  VI: 'H',
  VA: 'H',
  SC: 'N',
  SI: 'N',
  SA: 'N',
};

describe('the calculator card turns choices into a vector', () => {
  it('builds a v3.1 vector from one choice per base metric, in specification order', () => {
    const reversed = Object.fromEntries(Object.entries(V31_CHOICES).reverse());
    const result = buildVector('3.1', reversed);
    expect(result).toMatchObject({ ok: true, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' });
  });

  it('builds a v4.0 vector whose score is the published 9.3', () => {
    const result = buildVector('4.0', V40_CHOICES);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.vector).toBe('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    const assessed = assessCvss(result.vector);
    expect(assessed.ok && assessed.assessment.overallScore).toBe(9.3);
  });

  it('puts optional choices after the base metrics in table order and leaves out empty and X choices', () => {
    const result = buildVector('4.0', { U: 'Red', E: 'P', ...V40_CHOICES, CR: 'X', MAV: '', S: 'P' });
    expect(result).toMatchObject({
      ok: true,
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/S:P/U:Red',
    });
  });

  it('says which base metric was not chosen', () => {
    const { A: _omitted, ...withoutA } = V31_CHOICES;
    expect(buildVector('3.1', withoutA)).toEqual({
      ok: false,
      error: { key: 'cvss.missingMetric', metric: 'A', version: '3.1' },
    });
    expect(buildVector('3.1', { ...V31_CHOICES, A: '' })).toEqual({
      ok: false,
      error: { key: 'cvss.missingMetric', metric: 'A', version: '3.1' },
    });
    expect(buildVector('4.0', {})).toEqual({
      ok: false,
      error: { key: 'cvss.missingMetric', metric: 'AV', version: '4.0' },
    });
  });

  it('refuses a choice the version does not define, or a value that would smuggle in another metric', () => {
    expect(buildVector('3.1', { ...V31_CHOICES, AT: 'N' })).toEqual({
      ok: false,
      error: { key: 'cvss.unknownMetric', metric: 'AT', version: '3.1' },
    });
    expect(buildVector('3.1', { ...V31_CHOICES, AV: 'N/AV:L' })).toEqual({
      ok: false,
      error: { key: 'cvss.invalidValue', metric: 'AV', value: 'N/AV:L', version: '3.1' },
    });
    expect(buildVector('3.1', { ...V31_CHOICES, AV: 1 })).toEqual({
      ok: false,
      error: { key: 'cvss.invalidValue', metric: 'AV', value: '1', version: '3.1' },
    });
  });

  it('refuses a version other than 3.0, 3.1 and 4.0', () => {
    expect(buildVector('2.0', V31_CHOICES)).toEqual({
      ok: false,
      error: { key: 'cvss.prefix', value: '2.0' },
    });
  });

  it.each(['3.0', '3.1', '4.0'] as const)(
    'offers one choice per base metric for CVSS %s, each with help',
    (version) => {
      const base = CVSS_METRICS[version].filter((metric) => metric.group === 'base');
      expect(base.length).toBe(version === '4.0' ? 11 : 8);
      for (const metric of base) {
        expect(metric.mandatory).toBe(true);
        expect(metric.help).toBeDefined();
        expect(metric.values.map((value) => value.value)).not.toContain('X');
      }
    },
  );
});
