import { readCalculatorSubmit } from '../../../../src/bot/cvss-calculator/read-calculator-submit';

describe('reading a calculator card submit', () => {
  test('valid choices are kept and unchosen base metrics are listed in table order', () => {
    const submit = readCalculatorSubmit({
      cmd: 'cvss-calc',
      action: 'calculate',
      version: '3.1',
      cvss31_AV: 'N',
      cvss31_AC: 'L',
      cvss31_S: 'C',
    });
    expect(submit.action).toBe('calculate');
    expect(submit.choices).toEqual({ AV: 'N', AC: 'L', S: 'C' });
    expect(submit.unanswered).toEqual(['PR', 'UI', 'C', 'I', 'A']);
  });

  test('values the version does not define, wrong types and other versions’ metrics are not choices', () => {
    const submit = readCalculatorSubmit({
      action: 'calculate',
      version: '3.1',
      cvss31_AV: 'X',
      cvss31_AC: ['L'],
      cvss31_UI: 'P',
      cvss31_AT: 'N',
    });
    expect(submit.choices).toEqual({});
    expect(submit.unanswered).toContain('AV');
    expect(submit.unanswered).toContain('UI');
    expect(submit.unanswered).not.toContain('AT');
  });

  test('inputs are read under the ids of the card’s own version: another version’s inputs are not choices', () => {
    const submit = readCalculatorSubmit({
      action: 'calculate',
      version: '3.0',
      cvss31_AV: 'N',
      cvss40_AV: 'N',
      cvss30_AC: 'L',
    });
    expect(submit).toMatchObject({ version: '3.0', choices: { AC: 'L' } });
    expect(submit.unanswered).toContain('AV');
  });

  test('an unknown action opens the calculator and an unknown version falls back to 3.1', () => {
    const submit = readCalculatorSubmit({ action: 'delete-everything', version: '9.9' });
    expect(submit).toMatchObject({ action: 'open', version: '3.1' });
  });

  test('"Change my choices" reads the choices from the button data, not from inputs', () => {
    const submit = readCalculatorSubmit({
      action: 'edit',
      version: '4.0',
      choices: { AV: 'N', UI: 'A', VC: 'bogus' },
      cvss40_AV: 'P',
    });
    expect(submit.choices).toEqual({ AV: 'N', UI: 'A' });
  });

  test('returnTo is only ever "report"; an over-long token or vector is dropped', () => {
    expect(readCalculatorSubmit({ returnTo: 'admin' }).returnTo).toBeUndefined();
    expect(readCalculatorSubmit({ returnTo: 'report', token: 'draft-1' })).toMatchObject({
      returnTo: 'report',
      token: 'draft-1',
    });
    expect(readCalculatorSubmit({ token: 'x'.repeat(201) }).token).toBeUndefined();
    expect(readCalculatorSubmit({ action: 'use', vector: 'C'.repeat(257) }).vector).toBeUndefined();
    expect(readCalculatorSubmit({ action: 'switch', to: '4.0' }).to).toBe('4.0');
    expect(readCalculatorSubmit({ action: 'switch', to: '2.0' }).to).toBeUndefined();
  });
});
