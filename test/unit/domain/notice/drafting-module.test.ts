import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(__dirname, '../../../../src/domain/notice');
const sources = readdirSync(folder)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(folder, file), 'utf8') }));

describe('the drafting engine', () => {
  test.each(sources)('$file imports no SDK, server, database, network or the i18n loader', ({ text }) => {
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    for (const source of imports) {
      expect(source).toMatch(/^\.\.?\//);
      expect(source).not.toMatch(/i18n|botbuilder|restify|kysely|sqlite|pg|store|tickets\/|http/);
    }
  });

  test.each(sources)('$file reads no clock and draws no random numbers', ({ text }) => {
    expect(text).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|randomInt|process\.env/);
  });
});
