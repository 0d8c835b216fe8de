// Validates CSAF 2.0 documents with @secvisogram/csaf-validator-lib: the strict JSON schema test and
// every mandatory test (CSAF 2.0 section 6.1). The library is ESM and the unit tests run as CommonJS,
// so they call this script: `node test/support/validate-csaf.mjs < documents.json`, where the input is
// one document or an array of them. It prints one result per document as JSON:
// { "isValid": boolean, "errors": [{ "test": name, "instancePath": "/…", "message": "…" }] }.
import validate from '@secvisogram/csaf-validator-lib/validate.js';
import * as schemaTests from '@secvisogram/csaf-validator-lib/schemaTests.js';
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js';

const tests = [schemaTests.csaf_2_0_strict, ...Object.values(mandatoryTests)];

let input = '';
for await (const chunk of process.stdin) input += chunk;
const parsed = JSON.parse(input);
const documents = Array.isArray(parsed) ? parsed : [parsed];

const results = [];
for (const document of documents) {
  const result = await validate(tests, document);
  results.push({
    isValid: result.isValid,
    errors: result.tests.flatMap((test) =>
      test.errors.map((error) => ({
        test: test.name,
        instancePath: error.instancePath,
        message: error.message,
      })),
    ),
  });
}
process.stdout.write(JSON.stringify(Array.isArray(parsed) ? results : results[0]));
