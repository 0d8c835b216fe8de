import { orderCvssVector } from '../../../../src/domain/cvss';

describe('offering a v4.0 vector in the order the specification requires', () => {
  test('base metrics out of order are put in order, threat and supplemental after them', () => {
    expect(
      orderCvssVector('CVSS:4.0/S:P/AC:L/AV:N/AT:N/PR:N/UI:N/E:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0'),
    ).toBe('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/S:P');
  });

  test('nothing is offered when reordering alone would not make the vector valid', () => {
    expect(
      orderCvssVector('CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', '4.0'),
    ).toBeUndefined();
    expect(
      orderCvssVector('CVSS:4.0/AC:L/AV:Q/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0'),
    ).toBeUndefined();
    expect(
      orderCvssVector('CVSS:4.0/AC:L/ZZ:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0'),
    ).toBeUndefined();
  });

  test('v3.x accepts any order, so there is nothing to offer', () => {
    expect(orderCvssVector('CVSS:3.1/AC:L/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1')).toBeUndefined();
  });
});
