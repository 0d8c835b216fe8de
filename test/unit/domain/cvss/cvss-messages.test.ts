import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CVE_ERROR_KEYS } from '../../../../src/domain/cve';
import { CVSS_ERROR_KEYS, CVSS_METRICS, CVSS_RATINGS, CVSS_VERSIONS } from '../../../../src/domain/cvss';

function table(locale: string): Record<string, string> {
  const path = join(__dirname, '../../../../src/i18n', `cvss.${locale}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

const en = table('en');
const ru = table('ru');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('every CVSS metric, value and error can be said in English and Russian', () => {
  const keys = new Set<string>([
    ...CVSS_ERROR_KEYS,
    ...CVE_ERROR_KEYS,
    ...CVSS_RATINGS.map((rating) => `cvss.rating.${rating}`),
    ...['CVSS-B', 'CVSS-BT', 'CVSS-BE', 'CVSS-BTE'].map((name) => `cvss.nomenclature.${name}`),
  ]);
  for (const version of CVSS_VERSIONS) {
    for (const metric of CVSS_METRICS[version]) {
      keys.add(metric.label);
      keys.add(`cvss.group.${metric.group}`);
      if (metric.help) keys.add(metric.help);
      for (const value of metric.values) keys.add(value.label);
    }
  }

  it.each([...keys])('%s has an English and a Russian text', (key) => {
    expect(en[key]).toEqual(expect.any(String));
    expect(ru[key]).toEqual(expect.any(String));
    expect(en[key]?.trim()).not.toBe('');
    expect(ru[key]?.trim()).not.toBe('');
  });

  it('has no texts for keys nothing uses, and the same keys in both languages', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en))
      expect([key, placeholders(ru[key] ?? '')]).toEqual([key, placeholders(en[key] ?? '')]);
  });

  it('has every base metric explained in one line', () => {
    const helps = Object.keys(en).filter((key) => key.endsWith('.help'));
    expect(helps).toHaveLength(8 + 11);
    for (const key of helps) expect(`${en[key]}${ru[key]}`).not.toContain('\n');
  });

  it('has no key that is the prefix of another, which the nested locale merge could not hold', () => {
    const all = Object.keys(en);
    for (const key of all) expect(all.filter((other) => other.startsWith(`${key}.`))).toEqual([]);
  });
});
