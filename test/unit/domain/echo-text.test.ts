import { echoNumber, echoText } from '../../../src/domain/echo-text';

describe('echoText: what a person sent, repeated back', () => {
  test('a short text comes back as it was', () => {
    expect(echoText('CVSS:3.1/AV:N', 200)).toBe('CVSS:3.1/AV:N');
    expect(echoText('заявка', 6)).toBe('заявка');
  });

  test('a longer text is cut at the limit, counted in characters, and the cut is marked', () => {
    expect(echoText('abcdefgh', 5)).toBe('abcde…');
    // Astral characters count once and are never split in half.
    expect(echoText('😀😀😀😀', 2)).toBe('😀😀…');
  });

  test('controls, zero-width marks and direction overrides show as ?', () => {
    expect(echoText('a\u0000b\nc\u200bd\u202ee\u2066f\u0085g', 100)).toBe('a?b?c?d?e?f?g');
  });

  test('a number as typed is shown back at most 40 characters long', () => {
    expect(echoNumber('SEC-2345-6789')).toBe('SEC-2345-6789');
    expect(echoNumber('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
  });
});
