// Runs graphql-http's GraphQL over HTTP server audits against a running gateway and prints
// one line per audit and the score. Usage:
//   node tools/graphql-http-audit.mjs <graphql url> <api key header> <api key>
// Every request of the audits carries the API key, as a dashboard's would. Exits 1 when an
// audit fails, whatever its level: MUST (error), SHOULD (warn) or MAY (notice).
import { auditServer } from 'graphql-http';

const [url, header, key] = process.argv.slice(2);
if (!url || !header || !key) {
  console.error('usage: node graphql-http-audit.mjs <graphql url> <api key header> <api key>');
  process.exit(2);
}

const fetchWithKey = (input, init = {}) => {
  const headers = new Headers(init.headers ?? {});
  headers.set(header, key);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn: fetchWithKey });
let failed = 0;
for (const result of results) {
  if (result.status === 'ok') {
    console.log(`ok      ${result.id} ${result.name}`);
  } else {
    failed++;
    let body = '';
    try {
      body = await result.response.text();
    } catch {
      // already read by the audit
    }
    console.log(`${result.status.padEnd(7)} ${result.id} ${result.name}: ${result.reason}`);
    console.log(`        HTTP ${result.response.status} ${result.response.headers.get('content-type') ?? ''} ${body.slice(0, 300)}`);
  }
}
console.log(`graphql-http audit: ${results.length - failed} of ${results.length} passed`);
process.exit(failed === 0 ? 0 : 1);
