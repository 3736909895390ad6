'use strict';
// Validates a CSV file against a Table Schema with Frictionless' JavaScript library (npm tableschema,
// installed by .ci/run: npm ci --prefix .ci/tableschema; found through NODE_PATH).
//
// Usage: node validate.js <schema.json> <file.csv>
// Prints one line per error and exits 1 if there is any, prints "valid: N rows" and exits 0 otherwise,
// exits 2 if the schema or the file cannot be read at all, 3 if the library cannot be loaded.
//
// Dialect: UTF-8 (checked strictly), comma separator, double quotes, no trimming of values, every row
// with as many cells as the header. Beyond the library's checks (types, formats, required, pattern,
// header names present), the header must be the schema's field names in the schema's order.

const fs = require('fs');
let tableschema;
try {
  tableschema = require('tableschema');
} catch (e) {
  console.log(`error: npm package tableschema not found (${e.code}); install it with `
    + '`npm ci --prefix .ci/tableschema` and put .ci/tableschema/node_modules in NODE_PATH');
  process.exit(3);
}
const { Schema, Table } = tableschema;

async function main() {
  const [schemaPath, csvPath] = process.argv.slice(2);
  if (!schemaPath || !csvPath) {
    console.error('usage: node validate.js <schema.json> <file.csv>');
    return 2;
  }
  const descriptor = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  // strict: an invalid descriptor is an error, not a silently weaker schema.
  const schema = await Schema.load(descriptor, { strict: true });

  const errors = [];
  const bytes = fs.readFileSync(csvPath);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    errors.push('encoding: the file is not valid UTF-8');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    errors.push('encoding: the file starts with a byte order mark');
  }

  const table = await Table.load(csvPath, {
    schema: descriptor,
    strict: true,
    encoding: 'utf-8',
    delimiter: ',',
    quote: '"',
    ltrim: false,
    relax_column_count: false,
  });
  let rows = 0;
  try {
    const result = await table.read({ forceCast: true });
    for (const row of result) {
      if (row instanceof Error) {
        report(errors, row);
      } else {
        rows += 1;
      }
    }
  } catch (e) {
    report(errors, e);
    const cause = parsingError(bytes);
    if (cause) errors.push(`table: ${cause}`);
  }

  const expected = schema.fieldNames;
  const headers = table.headers || [];
  if (headers.join('\u0000') !== expected.join('\u0000')) {
    errors.push(`header: ${JSON.stringify(headers)} is not the schema's field names in order ${JSON.stringify(expected)}`);
  }

  if (errors.length > 0) {
    errors.forEach((line) => console.log(line));
    console.log(`invalid: ${errors.length} error(s)`);
    return 1;
  }
  console.log(`valid: ${rows} rows`);
  return 0;
}

// The library reports a CSV syntax error without its cause: the same parser (csv-parse, its
// dependency), run again on the whole file with the same options, says where and why.
function parsingError(bytes) {
  try {
    require('csv-parse/lib/sync')(bytes.toString('utf8'), { delimiter: ',', quote: '"', ltrim: false });
    return null;
  } catch (e) {
    return e.message;
  }
}

function report(errors, error) {
  const where = error.rowNumber !== undefined ? `row ${error.rowNumber}` : 'table';
  const details = Array.isArray(error.errors) && error.errors.length > 0 ? error.errors : [error];
  for (const detail of details) {
    const column = detail.columnNumber !== undefined ? `, column ${detail.columnNumber}` : '';
    errors.push(`${where}${column}: ${detail.message}`);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.log(`error: ${e.message}`);
    (e.errors || []).forEach((detail) => console.log(`  ${detail.message || detail}`));
    process.exit(2);
  },
);
