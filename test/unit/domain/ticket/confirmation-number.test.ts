import {
  confirmationAlphabet,
  findConfirmationNumber,
  generateConfirmationNumber,
  isConfirmationNumber,
  normaliseConfirmationNumber,
} from '../../../../src/domain/ticket';

describe('confirmation numbers', () => {
  it('look like SEC-XXXX-XXXX with no 0, O, 1, I, L or U anywhere', () => {
    for (let i = 0; i < 2000; i++) {
      const number = generateConfirmationNumber();
      expect(number).toMatch(/^SEC-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
      expect(isConfirmationNumber(number)).toBe(true);
    }
    expect(confirmationAlphabet).not.toMatch(/[01OILU]/);
    expect(new Set(confirmationAlphabet).size).toBe(30);
  });

  it('carry about 39 bits of randomness', () => {
    expect(8 * Math.log2(confirmationAlphabet.length)).toBeGreaterThan(39);
  });

  it('draw each symbol from the injected random source', () => {
    const draws: number[] = [];
    const counting = (max: number) => {
      draws.push(max);
      return draws.length - 1;
    };
    expect(generateConfirmationNumber(counting)).toBe('SEC-2345-6789');
    expect(draws).toEqual(Array(8).fill(30));
    expect(generateConfirmationNumber(() => 29)).toBe('SEC-ZZZZ-ZZZZ');
  });

  it('use every symbol of the alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++)
      for (const symbol of generateConfirmationNumber().slice(4)) seen.add(symbol);
    seen.delete('-');
    expect([...seen].sort().join('')).toBe([...confirmationAlphabet].sort().join(''));
  });

  it('refuse a random source that answers out of range', () => {
    expect(() => generateConfirmationNumber(() => 30)).toThrow(RangeError);
    expect(() => generateConfirmationNumber(() => -1)).toThrow(RangeError);
    expect(() => generateConfirmationNumber(() => 1.5)).toThrow(RangeError);
  });

  it.each([
    ['SEC-7K3M-9QXD', 'SEC-7K3M-9QXD'],
    ['sec-7k3m-9qxd', 'SEC-7K3M-9QXD'],
    ['SEC7K3M9QXD', 'SEC-7K3M-9QXD'],
    [' sec 7k3m 9qxd ', 'SEC-7K3M-9QXD'],
    ['SEC–7K3M—9QXD', 'SEC-7K3M-9QXD'],
    ['7K3M-9QXD', 'SEC-7K3M-9QXD'],
    ['7k3m9qxd', 'SEC-7K3M-9QXD'],
  ])('read %j as %s', (typed, expected) => {
    expect(normaliseConfirmationNumber(typed)).toBe(expected);
  });

  it.each([
    ['a zero', 'SEC-7K3M-9QX0'],
    ['a letter O', 'SEC-7K3M-9QXO'],
    ['a one', 'SEC-7K3M-9QX1'],
    ['a letter I', 'SEC-7K3M-9QXI'],
    ['a letter L', 'SEC-7K3M-9QXL'],
    ['a letter U', 'SEC-7K3M-9QXU'],
    ['too few symbols', 'SEC-7K3M-9QX'],
    ['too many symbols', 'SEC-7K3M-9QXDD'],
    ['another prefix', 'ABC-7K3M-9QXD'],
    ['nothing', ''],
    ['a very long text', `SEC-7K3M-9QXD${' '.repeat(100)}`],
  ])('do not accept %s', (_what, typed) => {
    expect(normaliseConfirmationNumber(typed)).toBeUndefined();
  });

  it('are found inside a sentence', () => {
    expect(findConfirmationNumber('what is the status of sec-7k3m-9qxd please?')).toBe('SEC-7K3M-9QXD');
    expect(findConfirmationNumber('ticket SEC 7K3M 9QXD')).toBe('SEC-7K3M-9QXD');
    expect(findConfirmationNumber('no number here, just SECURITY words')).toBeUndefined();
  });

  it('are only canonical when written exactly as issued', () => {
    expect(isConfirmationNumber('sec-7k3m-9qxd')).toBe(false);
    expect(isConfirmationNumber('SEC7K3M9QXD')).toBe(false);
    expect(isConfirmationNumber('SEC-7K3M-9QXD\n')).toBe(false);
  });
});
