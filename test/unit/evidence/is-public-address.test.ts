import { isAllowedHost } from '../../../src/evidence/host-allow-list';
import { isLoopbackAddress, isPublicAddress } from '../../../src/evidence/is-public-address';

describe('which addresses a file may be fetched from', () => {
  test.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    'not an address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  test.each(['13.107.136.9', '52.96.0.1', '2603:1036::1', '::ffff:13.107.136.9'])(
    '%s is public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  test('loopback is recognised in both families and mapped', () => {
    expect(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '::2', 'localhost'].some(isLoopbackAddress)).toBe(false);
  });
});

describe('the allow-list of Teams file hosts', () => {
  const hosts = ['*.sharepoint.com', 'smba.trafficmanager.net'];
  test.each([
    ['contoso.sharepoint.com', true],
    ['contoso-my.sharepoint.com.', true],
    ['SMBA.trafficmanager.net', true],
    ['sharepoint.com', false],
    ['evil-sharepoint.com', false],
    ['contoso.sharepoint.com.evil.example', false],
    ['eu.smba.trafficmanager.net', false],
    ['', false],
  ])('%s → %s', (host, allowed) => {
    expect(isAllowedHost(host, hosts)).toBe(allowed);
  });
});
