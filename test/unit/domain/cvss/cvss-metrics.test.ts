import { Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';
import { CVSS_METRICS, CVSS_VERSIONS, assessCvss } from '../../../../src/domain/cvss';

const BASE: Record<string, string> = {
  '3.0': 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  '3.1': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  '4.0': 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
};

function libraryFor(version: string, vector: string) {
  if (version === '3.0') return new Cvss3P0(vector);
  if (version === '3.1') return new Cvss3P1(vector);
  return new Cvss4P0(vector);
}

describe('our metric tables and the scoring library agree', () => {
  // Every value our grammar accepts must be one the library scores, or a valid vector could fail at scoring.
  const cases = CVSS_VERSIONS.flatMap((version) =>
    CVSS_METRICS[version]
      .filter((metric) => !metric.mandatory)
      .flatMap((metric) =>
        metric.values.filter((v) => v.value !== 'X').map((v) => [version, metric.key, v.value] as const),
      ),
  );

  it.each(cases)('CVSS %s accepts and scores %s:%s', (version, key, value) => {
    const vector = `${BASE[version]}/${key}:${value}`;
    const result = assessCvss(vector);
    expect(result.ok).toBe(true);
    expect(libraryFor(version, vector).toString()).toContain(`/${key}:${value}`);
  });

  it.each(
    CVSS_VERSIONS.flatMap((version) =>
      CVSS_METRICS[version]
        .filter((metric) => metric.mandatory)
        .flatMap((metric) => metric.values.map((v) => [version, metric.key, v.value] as const)),
    ),
  )('CVSS %s accepts and scores base value %s:%s', (version, key, value) => {
    const vector = (BASE[version] ?? '').replace(new RegExp(`/${key}:[A-Z]+`), `/${key}:${value}`);
    expect(assessCvss(vector).ok).toBe(true);
  });

  it('lists each version’s metrics in the order the library writes them (the specification’s order)', () => {
    for (const version of CVSS_VERSIONS) {
      const everything = CVSS_METRICS[version].map(
        (metric) => `${metric.key}:${metric.values.at(-1)?.value}`,
      );
      const written = libraryFor(version, `CVSS:${version}/${everything.join('/')}`).toString();
      const keys = written
        .split('/')
        .slice(1)
        .map((part) => part.split(':')[0]);
      expect(keys).toEqual(CVSS_METRICS[version].map((metric) => metric.key));
    }
  });
});
