// Apollo Client 4 against a running gateway, as a dashboard uses it (docs/client.md). Run by
// ApolloClientIT; by hand, against a gateway started with
// adsgraph.sandbox.terms-acceptance-delay=1ms (the examples register a seller):
//
//   node --conditions=development tools/apollo-client-test.mjs gateway http://127.0.0.1:8080/graphql adsgraph-demo-key
//   node --conditions=development tools/apollo-client-test.mjs trusted  http://127.0.0.1:8080/graphql adsgraph-demo-key
//
// `gateway` (automatic persisted queries on, the default):
//   1. every example operation (examples/*.graphql, in file order, the values a step needs taken
//      from the steps before it, dates moved to end yesterday) through an InMemoryCache: no
//      error, no business error (userErrors, errors), no warning or error from Apollo Client
//      (among them "Cache data may be lost when replacing the … field" and "Missing field …"),
//      and every query's answer still complete in the cache once all have run;
//   2. every example query through Apollo's PersistedQueryLink (sha256 from node:crypto) over
//      POST: PersistedQueryNotFound, then the registration, then a hash-only hit, three requests;
//   3. the same over GET (useGETForHashedQueries). Both rename the operations (a suffix new each
//      run) so that their hashes are new to the gateway;
//   4. a subscription over GraphQLWsLink and graphql-ws: the registration of step 1 followed to a
//      terminal status.
// `trusted` (a gateway started with the manifest from generate-persisted-query-manifest):
//   1. every example operation through PersistedQueryLink over POST, each answered from its hash
//      alone (one request, no document sent), through an InMemoryCache as above;
//   2. every example query again over GET, one hash-only request each;
//   3. an unlisted document refused with PERSISTED_QUERY_NOT_ALLOWED, its document never sent.
//
// Apollo Client's warnings are caught by replacing console's methods; a probe first checks that a
// cache warning is caught. Node is run with --conditions=development so Apollo Client is in its
// development build, which is the one that warns. Exit code 0 when everything passed, 1 otherwise;
// the last line says which.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Kind, parse, visit } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const SUBSCRIPTION = path.join(ROOT, 'tools', 'client', 'subscriptions.graphql');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WATCHDOG_MS = 240_000;
/** Added to the names of the operations sent as automatic persisted queries: new hashes each run. */
const RUN = randomUUID().slice(0, 8);

const [mode, url, apiKey] = process.argv.slice(2);
if (!['gateway', 'trusted'].includes(mode) || !url || !apiKey) {
  process.stderr.write('usage: apollo-client-test.mjs gateway|trusted <graphql url> <api key>\n');
  process.exit(2);
}

const failures = [];
const started = Date.now();
const say = (text) => process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s ${text}\n`);
/** The first line of a message, at most 300 characters: Apollo's quote whole objects. */
const brief = (text) => {
  const line = String(text).split('\n')[0];
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
};
const fail = (text) => {
  failures.push(text);
  say(`  FAIL ${text}`);
};

// Everything Apollo Client says goes through console; each message is a finding, tagged with the
// step that was running.
let step = 'setup';
const messages = [];
for (const level of ['debug', 'log', 'info', 'warn', 'error']) {
  console[level] = (...args) => messages.push({ level, step, text: format(...args) });
}
loadDevMessages();
loadErrorMessages();

const watchdog = setTimeout(() => {
  say(`apollo-client-test: FAILED, still running after ${WATCHDOG_MS / 1000} s (at ${step})`);
  process.exit(1);
}, WATCHDOG_MS);

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** A fetch that records each request and its answer (method, whether a document was sent, body). */
function recordingFetch(requests) {
  return async (input, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const target = new URL(typeof input === 'string' ? input : input.url);
    const sent =
      method === 'GET'
        ? Object.fromEntries([...target.searchParams].map(([k, v]) => [k, k === 'query' || k === 'operationName' ? v : JSON.parse(v)]))
        : JSON.parse(init.body);
    const response = await fetch(input, init);
    const text = await response.clone().text();
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = { unparsed: text };
    }
    requests.push({ step, method, withDocument: typeof sent.query === 'string', sent, status: response.status, answer });
    return response;
  };
}

function httpLink(requests) {
  return new HttpLink({ uri: url, headers: { 'X-Api-Key': apiKey }, fetch: recordingFetch(requests) });
}

function newClient(link) {
  return new ApolloClient({
    link,
    cache: new InMemoryCache(),
    clientAwareness: { name: 'adsgraph-apollo-client-test', version: '1' },
  });
}

const codeOf = (error) => error?.extensions?.code;
const codes = (answer) => (answer?.errors ?? []).map((error) => codeOf(error) ?? error.message);

/** The example operations in file order, each with its variables file (dates moved). */
function examples() {
  return readdirSync(EXAMPLES)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(EXAMPLES, file), 'utf8');
      const document = parse(source);
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      const json = path.join(EXAMPLES, file.replace(/\.graphql$/, '.json'));
      let variables = {};
      try {
        variables = JSON.parse(readFileSync(json, 'utf8'));
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
      }
      return { file, document, name: operation.name.value, type: operation.operation, variables: moveDates(variables) };
    });
}

/** Every date moved by the same number of days so that the latest is yesterday (UTC). */
function moveDates(variables) {
  const dates = Object.values(variables).filter((v) => typeof v === 'string' && DATE.test(v));
  if (dates.length === 0) return variables;
  const day = 86_400_000;
  const latest = Math.max(...dates.map((d) => Date.parse(`${d}T00:00:00Z`)));
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const shift = today - day - latest;
  return Object.fromEntries(
    Object.entries(variables).map(([k, v]) => [
      k,
      typeof v === 'string' && DATE.test(v) ? new Date(Date.parse(`${v}T00:00:00Z`) + shift).toISOString().slice(0, 10) : v,
    ]),
  );
}

/** The first object under `value` (depth first) that `test` accepts. */
function find(value, test) {
  if (value && typeof value === 'object') {
    if (!Array.isArray(value) && test(value)) return value;
    for (const child of Object.values(value)) {
      const found = find(child, test);
      if (found) return found;
    }
  }
  return undefined;
}

/** The values an example that continues a flow takes from the answers of its earlier steps. */
function fromEarlierSteps(name, answers) {
  switch (name) {
    case 'Register':
      return { token: find(answers.CreateTermsToken, (o) => typeof o.token === 'string' && 'acceptanceUrl' in o)?.token };
    case 'Status':
      return { id: find(answers.Register, (o) => o.__typename === 'AdsAccount')?.id };
    case 'CreateAdvertiserAccounts': {
      // A selling account backs one advertiser account; Lumen Electronics has none yet.
      const lumen = find(answers.SellingAccounts, (o) => o.displayName === 'Lumen Electronics');
      return { token: lumen?.sellingAccountLinkToken, address: find(lumen, (o) => 'addressToken' in o)?.addressToken };
    }
    default:
      return {};
  }
}

/** Every non-empty userErrors or errors list inside the data (business errors are data). */
function businessErrors(data, where = 'data') {
  if (Array.isArray(data)) return data.flatMap((item, i) => businessErrors(item, `${where}[${i}]`));
  if (data && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) =>
      (key === 'userErrors' || key === 'errors') && Array.isArray(value) && value.length > 0
        ? [`${where}.${key}: ${JSON.stringify(value)}`]
        : businessErrors(value, `${where}.${key}`),
    );
  }
  return [];
}

/** Runs one operation through the client; fails on a GraphQL error, business error or no data. */
async function run(client, example, variables) {
  const options = { variables, errorPolicy: 'all' };
  const result =
    example.type === 'mutation'
      ? await client.mutate({ mutation: example.document, ...options })
      : await client.query({ query: example.document, fetchPolicy: 'network-only', ...options });
  if (result.error) fail(`${example.name}: ${result.error.name}: ${result.error.message}`);
  if (!result.data) fail(`${example.name}: no data`);
  for (const found of businessErrors(result.data)) fail(`${example.name}: ${found}`);
  return result.data;
}

/** Every example in order through `client`; the answers by operation name. */
async function runTheExamples(client, all) {
  const answers = {};
  for (const example of all) {
    step = example.name;
    const variables = { ...example.variables, ...fromEarlierSteps(example.name, answers) };
    for (const [name, value] of Object.entries(variables)) {
      if (value === '' || value === undefined) fail(`${example.name}: no value for $${name} from the earlier steps`);
    }
    example.ranWith = variables;
    answers[example.name] = await run(client, example, variables);
    say(`  ran ${example.name}`);
    if (example.type === 'query') checkCached(client, example, 'once written');
  }
  return answers;
}

/** The query's answer read back from the cache must be complete. */
function checkCached(client, example, when) {
  const diff = client.cache.diff({
    query: example.document,
    variables: example.ranWith,
    optimistic: false,
    returnPartialData: true,
  });
  if (!diff.complete) {
    const missing = [diff.missing].flat().map((m) => brief(m?.message ?? m));
    fail(`${example.name}: incomplete in the cache ${when}: ${missing.join('; ')}`);
  }
}

/** Fails the run with every message Apollo Client wrote so far, then forgets them. */
function noMessages(part) {
  for (const message of messages.splice(0)) {
    const where = message.step.startsWith(part) ? message.step : `${part}, ${message.step}`;
    fail(`${where}: Apollo Client ${message.level}: ${brief(message.text)}`);
  }
}

/** The probe: a cache warning is caught, so a run without any means there were none. */
function probeTheWarningCatcher() {
  step = 'probe';
  const cache = new InMemoryCache();
  const probe = (selection, data) =>
    cache.writeQuery({ query: gql`query Probe { probe { ${selection} } }`, data: { probe: { __typename: 'Unidentified', ...data } } });
  probe('a', { a: 1 });
  probe('b', { b: 2 });
  const caught = messages.splice(0);
  if (!caught.some((m) => m.text.includes('Cache data may be lost when replacing the probe field'))) {
    fail(`probe: Apollo Client's cache warning was not caught (caught: ${JSON.stringify(caught)}); is Node running with --conditions=development?`);
  }
}

/** The document with its operation renamed (a new text, so a new hash for the gateway). */
function renamed(document, suffix) {
  return visit(document, {
    OperationDefinition: (node) => ({ ...node, name: { ...node.name, value: node.name.value + suffix } }),
  });
}

/**
 * Automatic persisted queries: each query twice through a new client with the link. The first time
 * a hash-only request answered PersistedQueryNotFound, then the document; the second time the hash
 * alone.
 */
async function automaticPersistedQueries(queries, overGet) {
  const part = overGet ? 'APQ over GET' : 'APQ over POST';
  const requests = [];
  const client = newClient(new PersistedQueryLink({ sha256, useGETForHashedQueries: overGet }).concat(httpLink(requests)));
  for (const query of queries) {
    const suffix = `${overGet ? 'OverGet' : 'OverPost'}${RUN}`;
    const example = { ...query, name: `${query.name}${suffix}`, document: renamed(query.document, suffix) };
    step = `${part}: ${example.name}`;
    const before = requests.length;
    await run(client, example, query.ranWith);
    await run(client, example, query.ranWith);
    const sent = requests.slice(before);
    const summary = sent.map((r) => `${r.method} ${r.withDocument ? 'document' : 'hash only'} -> ${r.status} ${codes(r.answer).join(',') || 'data'}`);
    const expected =
      sent.length === 3 &&
      !sent[0].withDocument &&
      codes(sent[0].answer).includes('PERSISTED_QUERY_NOT_FOUND') &&
      sent[1].withDocument &&
      codes(sent[1].answer).length === 0 &&
      !sent[2].withDocument &&
      codes(sent[2].answer).length === 0 &&
      sent.every((r) => r.sent.extensions?.persistedQuery?.sha256Hash) &&
      (!overGet || (sent[0].method === 'GET' && sent[2].method === 'GET'));
    if (expected) {
      say(`  ok ${step}: ${summary.join('; ')}`);
    } else {
      fail(`${step}: expected a hash-only ${overGet ? 'GET' : 'POST'} answered PERSISTED_QUERY_NOT_FOUND, the document, then a hash-only ${overGet ? 'GET' : 'POST'} hit; the link sent: ${summary.join('; ')}`);
    }
  }
  noMessages(part);
}

/** The registration of the examples followed over the WebSocket until its terminal status. */
async function subscription(answers) {
  step = 'subscription';
  const id = find(answers.Register, (o) => o.__typename === 'AdsAccount')?.id;
  if (!id) {
    fail('subscription: no account id from Register');
    return;
  }
  const wsClient = createClient({
    url: url.replace(/^http/, 'ws').replace(/\/graphql$/, '/graphql-ws'),
    webSocketImpl: WebSocket,
    connectionParams: { 'X-Api-Key': apiKey },
    retryAttempts: 0,
  });
  const client = new ApolloClient({ link: new GraphQLWsLink(wsClient), cache: new InMemoryCache() });
  const query = parse(readFileSync(SUBSCRIPTION, 'utf8'));
  try {
    const events = await new Promise((resolve, reject) => {
      const seen = [];
      client.subscribe({ query, variables: { id } }).subscribe({
        next: ({ data, error }) => (error ? reject(error) : seen.push(data?.adsAccountStatus)),
        error: reject,
        complete: () => resolve(seen),
      });
    });
    const last = events.at(-1);
    if (events.length > 0 && last?.terminal === true && last?.adsAccount?.id === id) {
      say(`  ok subscription over graphql-ws: ${events.map((e) => e?.status).join(' -> ')}, then complete`);
    } else {
      fail(`subscription: expected events ending with a terminal one for ${id}, got ${JSON.stringify(events)}`);
    }
  } catch (error) {
    fail(`subscription: ${error?.name}: ${error?.message ?? JSON.stringify(error)}`);
  } finally {
    await wsClient.dispose();
  }
  noMessages('subscription');
}

async function gatewayMode() {
  const all = examples();
  say(`examples through InMemoryCache: ${all.map((e) => e.name).join(', ')}`);
  const requests = [];
  const client = newClient(httpLink(requests));
  const answers = await runTheExamples(client, all);
  step = 'the cache once every example ran';
  for (const example of all.filter((e) => e.type === 'query')) checkCached(client, example, 'after all examples');
  const warned = [...new Set(messages.map((m) => m.step))];
  say(`  ${all.length} operations, ${requests.length} requests; Apollo Client warned at: ${warned.join(', ') || 'none'}`);
  noMessages('examples through InMemoryCache');

  const queries = all.filter((e) => e.type === 'query');
  await automaticPersistedQueries(queries, false);
  await automaticPersistedQueries(queries, true);
  await subscription(answers);
}

async function trustedMode() {
  const all = examples();
  say(`examples through PersistedQueryLink on a gateway with trusted documents: ${all.map((e) => e.name).join(', ')}`);
  const requests = [];
  const client = newClient(new PersistedQueryLink({ sha256 }).concat(httpLink(requests)));
  await runTheExamples(client, all);
  const sentDocuments = requests.filter((r) => r.withDocument || codes(r.answer).length > 0);
  if (requests.length !== all.length || sentDocuments.length > 0) {
    fail(`trusted documents: expected ${all.length} hash-only requests answered without errors, got ${requests.length}: ${JSON.stringify(sentDocuments.map((r) => [r.step, r.withDocument, codes(r.answer)]))}`);
  } else {
    say(`  ok ${all.length} listed operations, ${requests.length} hash-only POSTs`);
  }
  noMessages('trusted documents over POST');

  step = 'trusted documents over GET';
  const getRequests = [];
  const getClient = newClient(new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(httpLink(getRequests)));
  const queries = all.filter((e) => e.type === 'query');
  for (const query of queries) {
    step = `trusted documents over GET: ${query.name}`;
    await run(getClient, query, query.ranWith);
  }
  if (getRequests.length !== queries.length || getRequests.some((r) => r.method !== 'GET' || r.withDocument || codes(r.answer).length > 0)) {
    fail(`trusted documents over GET: expected ${queries.length} hash-only GETs answered, got ${JSON.stringify(getRequests.map((r) => [r.step, r.method, r.withDocument, codes(r.answer)]))}`);
  } else {
    say(`  ok ${queries.length} listed queries, ${getRequests.length} hash-only GETs`);
  }
  noMessages('trusted documents over GET');

  step = 'an unlisted document';
  const unlisted = gql`query Unlisted${randomUUID().replaceAll('-', '')} { __typename }`;
  const refusedRequests = [];
  const refusedClient = newClient(new PersistedQueryLink({ sha256 }).concat(httpLink(refusedRequests)));
  const refused = await refusedClient.query({ query: unlisted, fetchPolicy: 'network-only', errorPolicy: 'all' });
  const refusal = refused.error?.errors?.map(codeOf) ?? [];
  if (refusal.join() === 'PERSISTED_QUERY_NOT_ALLOWED' && refusedRequests.length === 1 && !refusedRequests[0].withDocument && refused.data === undefined) {
    say(`  ok an unlisted document: refused with PERSISTED_QUERY_NOT_ALLOWED (HTTP ${refusedRequests[0].status}), one request, its document never sent`);
  } else {
    fail(`an unlisted document: expected one hash-only request refused with PERSISTED_QUERY_NOT_ALLOWED, got ${refused.error?.name} ${JSON.stringify(refusal)} after ${JSON.stringify(refusedRequests.map((r) => [r.method, r.withDocument, r.status, r.answer]))}`);
  }
  noMessages('an unlisted document');
}

/** Stops at once when the gateway does not answer at all (rather than failing every step). */
async function reachable() {
  step = 'reaching the gateway';
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': apiKey },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return response.status < 500;
  } catch (error) {
    fail(`${url} does not answer: ${error?.cause?.message ?? error}`);
    return false;
  }
}

try {
  probeTheWarningCatcher();
  if (await reachable()) await (mode === 'gateway' ? gatewayMode() : trustedMode());
} catch (error) {
  fail(`at ${step}: ${error?.stack ?? error}`);
}
clearTimeout(watchdog);
say(
  failures.length === 0
    ? `apollo-client-test (${mode}): passed`
    : `apollo-client-test (${mode}): FAILED, ${failures.length} finding${failures.length === 1 ? '' : 's'}`,
);
process.exit(failures.length === 0 ? 0 : 1);
