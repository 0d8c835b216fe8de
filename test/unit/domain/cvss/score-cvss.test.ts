import { assessCvss, type CvssAssessment } from '../../../../src/domain/cvss';

function assess(vector: string): CvssAssessment {
  const result = assessCvss(vector);
  if (!result.ok) throw new Error(`${vector} was rejected: ${JSON.stringify(result.error)}`);
  return result.assessment;
}

/**
 * FIRST, "CVSS v3.0 Examples" (first.org/cvss/v3.0/examples): vector and base score of each worked example.
 * Cross-checked with two independent test suites that transcribe the same document.
 */
const V30_EXAMPLES: [string, string, number][] = [
  ['CVE-2013-1937 phpMyAdmin reflected XSS', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['CVE-2013-0375 MySQL stored SQL injection', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ['CVE-2014-3566 SSLv3 POODLE', 'CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
  ['CVE-2012-1516 VMware guest to host escape', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
  ['CVE-2012-0384 Cisco IOS command execution', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2015-1098 Apple iWork denial of service', 'CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
  ['CVE-2014-0160 OpenSSL Heartbleed', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
  ['CVE-2014-6271 GNU Bash Shellshock', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
  ['CVE-2008-1447 DNS Kaminsky bug', 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8],
  ['CVE-2014-2005 Sophos login screen bypass', 'CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8],
  ['CVE-2010-0467 Joomla directory traversal', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8],
  ['CVE-2012-1342 Cisco access control bypass', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N', 5.8],
  ['CVE-2014-9253 DokuWiki reflected XSS', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4],
  ['CVE-2014-2019 Apple iOS security control bypass', 'CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 4.6],
  ['CVE-2014-0224 SSL/TLS MITM', 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N', 7.4],
  ['CVE-2012-5376 Google Chrome sandbox bypass', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 9.6],
];

/** FIRST, "CVSS v3.1 Examples" (first.org/cvss/v3.1/examples), including its re-scorings (CVE-2012-0384). */
const V31_EXAMPLES: [string, string, number][] = [
  ['CVE-2013-0375 MySQL stored SQL injection', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ['CVE-2014-3566 SSLv3 POODLE', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
  ['CVE-2009-0783 Apache Tomcat XML parser', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L', 4.2],
  [
    'CVE-2012-0384 Cisco IOS command execution (re-scored PR:H)',
    'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
    7.2,
  ],
  ['CVE-2015-1098 Apple iWork denial of service', 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
  ['CVE-2014-0160 OpenSSL Heartbleed', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
  ['CVE-2008-1447 DNS Kaminsky bug', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8],
  ['CVE-2014-2005 Sophos login screen bypass', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8],
  ['CVE-2010-0467 Joomla directory traversal', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8],
  ['CVE-2012-1342 Cisco access control bypass', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N', 5.8],
  ['CVE-2013-6014 Juniper proxy ARP denial of service', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H', 9.3],
  ['CVE-2011-1265 Windows Bluetooth code execution', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2014-2019 Apple iOS security control bypass', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 4.6],
  ['CVE-2015-0970 SearchBlox CSRF', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2014-0224 SSL/TLS MITM', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N', 7.4],
  ['CVE-2012-5376 Google Chrome sandbox bypass', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 9.6],
  ['CVE-2019-7551 Cantemo Portal stored XSS', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 9.0],
  ['CVE-2017-5942 WordPress Mail plugin reflected XSS', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['CVE-2016-5558 Oracle Outside In code execution', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L', 8.6],
  ['CVE-2016-5729 Lenovo ThinkPwn', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H', 8.2],
  ['CVE-2015-2890 failure to lock flash on resume', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H', 6.0],
  ['CVE-2018-3652 Intel DCI issue', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 7.6],
];

/**
 * FIRST, "CVSS v4.0 Examples" (first.org/cvss/v4-0/examples): the vectors the page prints a score for, in
 * the order the specification requires. Each score was also checked against FIRST's reference calculator
 * (cvss40.js, RedHatProductSecurity/cvss-v4-calculator) before being pinned here.
 */
const V40_EXAMPLES: [string, string, number, string][] = [
  [
    'CVE-2020-3549 Cisco FMC',
    'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    7.7,
    'CVSS-B',
  ],
  [
    'CVE-2020-3549 with threat',
    'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U',
    5.2,
    'CVSS-BT',
  ],
  [
    'attack requirements present, high confidentiality',
    'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N',
    8.3,
    'CVSS-B',
  ],
  [
    'the same, with environmental metrics',
    'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L',
    8.1,
    'CVSS-BE',
  ],
  [
    'availability with subsequent impact',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L',
    8.7,
    'CVSS-B',
  ],
  [
    'availability with subsequent impact, unreported',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L/E:U',
    6.6,
    'CVSS-BT',
  ],
  [
    'local high-privilege issue',
    'CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N',
    8.3,
    'CVSS-B',
  ],
  [
    'local high-privilege issue, unreported',
    'CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:U',
    5.6,
    'CVSS-BT',
  ],
  [
    'safety supplemental',
    'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/S:P',
    8.6,
    'CVSS-B',
  ],
  [
    'safety in the environment',
    'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P',
    9.7,
    'CVSS-BE',
  ],
  [
    'value density supplemental',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/V:C',
    8.7,
    'CVSS-B',
  ],
  [
    'subsequent-system impact',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H',
    6.4,
    'CVSS-B',
  ],
  [
    'subsequent-system impact, full assessment',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H/E:U/MAV:A/R:U/V:C',
    2.4,
    'CVSS-BTE',
  ],
  ['everything high', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0, 'CVSS-B'],
  [
    'everything high, attacked, local in the environment',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/MAV:L/MAT:P',
    8.9,
    'CVSS-BTE',
  ],
  [
    'CVE-2022-41741 NGINX mp4 module',
    'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    7.3,
    'CVSS-B',
  ],
  [
    'local low-privilege issue',
    'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    8.5,
    'CVSS-B',
  ],
  [
    'local low-privilege issue, no impact in this environment',
    'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MVC:N/MVI:N/MVA:N',
    0.0,
    'CVSS-BTE',
  ],
  [
    'network availability issue',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N',
    7.1,
    'CVSS-B',
  ],
  [
    'unauthenticated remote compromise',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    9.3,
    'CVSS-B',
  ],
];

describe('CVSS v3.0 scores match FIRST’s published examples', () => {
  it.each(V30_EXAMPLES)('%s: %s scores %s', (_name, vector, score) => {
    const assessment = assess(vector);
    expect(assessment.version).toBe('3.0');
    expect(assessment.baseScore).toBe(score);
    expect(assessment.overallScore).toBe(score);
    expect(assessment.temporalScore).toBeUndefined();
    expect(assessment.environmentalScore).toBeUndefined();
  });
});

describe('CVSS v3.1 scores match FIRST’s published examples', () => {
  it.each(V31_EXAMPLES)('%s: %s scores %s', (_name, vector, score) => {
    const assessment = assess(vector);
    expect(assessment.version).toBe('3.1');
    expect(assessment.baseScore).toBe(score);
    expect(assessment.overallScore).toBe(score);
  });

  it('scores the v3.1 User Guide’s temporal example 4.6, where v3.0 gives 4.7 (User Guide §2.6)', () => {
    const v31 = assess('CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U');
    const v30 = assess('CVSS:3.0/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U');
    expect([v31.baseScore, v31.temporalScore, v31.overallScore]).toEqual([5.0, 4.6, 4.6]);
    expect([v30.baseScore, v30.temporalScore, v30.overallScore]).toEqual([5.0, 4.7, 4.7]);
  });

  it('scores temporal metrics: 6.1 × E:P 0.94 × RL:W 0.97 × RC:C 1 = 5.56, rounded up to 5.6', () => {
    const assessment = assess('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C');
    expect(assessment).toMatchObject({
      baseScore: 6.1,
      temporalScore: 5.6,
      overallScore: 5.6,
      overallRating: 'Medium',
    });
    expect(assessment.environmentalScore).toBeUndefined();
  });

  it('scores environmental metrics: POODLE with a high confidentiality requirement and impact is 7.1', () => {
    // MISS = min(1 − (1 − 1.5 × 0.56), 0.915) = 0.84; impact 6.42 × 0.84 = 5.3928;
    // exploitability 8.22 × 0.85 × 0.44 × 0.85 × 0.62 = 1.6201; roundup(7.0129) = 7.1.
    const assessment = assess('CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N/CR:H/MC:H');
    expect(assessment).toMatchObject({
      baseScore: 3.1,
      baseRating: 'Low',
      environmentalScore: 7.1,
      overallScore: 7.1,
      overallRating: 'High',
    });
  });

  it('treats explicit X like an absent metric: no temporal or environmental score, and X not stored', () => {
    const assessment = assess('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:X/RL:X/RC:X/CR:X/MAV:X');
    expect(assessment.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N');
    expect(assessment.temporalScore).toBeUndefined();
    expect(assessment.environmentalScore).toBeUndefined();
    expect(assessment.overallScore).toBe(7.5);
  });

  it('scores a vector written out of order like the same vector in order, and stores it in order', () => {
    const shuffled = assess('CVSS:3.1/A:N/I:N/C:H/S:U/UI:N/PR:N/AC:L/AV:N/RC:C/E:F');
    expect(shuffled.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:F/RC:C');
    expect(shuffled.baseScore).toBe(7.5);
    expect(shuffled.temporalScore).toBe(assess(shuffled.vector).temporalScore);
  });
});

describe('CVSS v4.0 scores match FIRST’s published examples', () => {
  it.each(V40_EXAMPLES)('%s: %s scores %s (%s)', (_name, vector, score, nomenclature) => {
    const assessment = assess(vector);
    expect(assessment.version).toBe('4.0');
    expect(assessment.overallScore).toBe(score);
    expect(assessment.nomenclature).toBe(nomenclature);
    expect(assessment.temporalScore).toBeUndefined();
    expect(assessment.environmentalScore).toBeUndefined();
  });

  it('reports the CVSS-B score of the base metrics beside a CVSS-BT score', () => {
    const assessment = assess('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U');
    expect(assessment).toMatchObject({
      baseScore: 7.7,
      baseRating: 'High',
      overallScore: 5.2,
      overallRating: 'Medium',
      nomenclature: 'CVSS-BT',
    });
  });

  it('keeps CVSS-B when only supplemental metrics are added, which never change the score', () => {
    const assessment = assess(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/U:Red',
    );
    expect(assessment).toMatchObject({ overallScore: 9.3, baseScore: 9.3, nomenclature: 'CVSS-B' });
  });

  it('stores the vector without X metrics and names CVSS-B when all threat and environmental metrics are X', () => {
    const assessment = assess(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/MAV:X/U:X',
    );
    expect(assessment.vector).toBe('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    expect(assessment.nomenclature).toBe('CVSS-B');
  });

  it('rates a 0.0 score None', () => {
    expect(assess('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({
      overallScore: 0,
      overallRating: 'None',
    });
  });
});

describe('the assessment explains each metric', () => {
  it('lists the defined metrics in specification order with their group and message keys', () => {
    const assessment = assess('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:F/MAV:X');
    expect(assessment.metrics[0]).toEqual({
      key: 'AV',
      value: 'N',
      group: 'base',
      label: 'cvss.v3.metric.AV.name',
      valueLabel: 'cvss.v3.value.AV.N',
    });
    expect(assessment.metrics.map((metric) => `${metric.key}:${metric.value}:${metric.group}`)).toEqual([
      'AV:N:base',
      'AC:L:base',
      'PR:N:base',
      'UI:N:base',
      'S:U:base',
      'C:H:base',
      'I:N:base',
      'A:N:base',
      'E:F:temporal',
    ]);
  });

  it('uses v4 message keys for a v4.0 vector, where S means Safety', () => {
    const assessment = assess('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P');
    expect(assessment.metrics.at(-1)).toEqual({
      key: 'S',
      value: 'P',
      group: 'supplemental',
      label: 'cvss.v4.metric.S.name',
      valueLabel: 'cvss.v4.value.S.P',
    });
  });

  it('returns the parser’s error for a malformed vector without scoring it', () => {
    expect(assessCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/AV:N')).toEqual({
      ok: false,
      error: { key: 'cvss.duplicateMetric', metric: 'AV', version: '3.1' },
    });
  });
});
