// Apollo Client 4 against a running gateway, as a dashboard uses it (docs/client.md). Run by
// ApolloClientIT; by hand, against a gateway started with
// adsgraph.sandbox.terms-acceptance-delay=1ms (the examples register a seller):
//
//   node --conditions=development tools/apollo-client-test.mjs gateway http://127.0.0.1:8080/graphql adsgraph-demo-key
//   node --conditions=development tools/apollo-client-test.mjs trusted  http://127.0.0.1:8080/graphql adsgraph-demo-key
//
// Every client here has the cache of the typed client module, tools/client/adsgraph-client.ts
// (createAdsgraphCache: the type policies codegen derives from the schema), which the test
// compiles with esbuild into client/gql/ first: run `npm run codegen` before it (ApolloClientIT does).
//
// `gateway` (automatic persisted queries on, the default):
//   1. every example operation (examples/*.graphql, in file order, the values a step needs taken
//      from the steps before it, dates moved to end yesterday; a query whose `freshness` says
//      PENDING asked again until it does not, as a dashboard does) through that InMemoryCache: no
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
// cache warning is caught, with the same cache configuration. Node is run with --conditions=development so Apollo Client is in its
// development build, which is the one that warns. Exit code 0 when everything passed, 1 otherwise;
// the last line says which.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

import { ApolloClient, ApolloLink, HttpLink, gql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { build } from 'esbuild';
import { Kind, parse, visit } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const SUBSCRIPTION = path.join(ROOT, 'tools', 'client', 'subscriptions.graphql');
const CLIENT = path.join(ROOT, 'tools', 'client', 'adsgraph-client.ts');
const CLIENT_BUILD = path.join(ROOT, 'tools', 'client', 'gql', 'adsgraph-client.mjs');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WATCHDOG_MS = 240_000;
/** A query whose figures are PENDING is asked again this often, this many times at most (30 s). */
const PENDING_INTERVAL_MS = 250;
const PENDING_ASKS = 120;
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

/** createAdsgraphCache of the typed client module, once loadTheClientModule has run. */
let createCache;

/**
 * The typed client module compiled by esbuild (types dropped, its packages left for Node to
 * resolve, so it shares this file's Apollo Client), then imported: its cache is the one under test.
 */
async function loadTheClientModule() {
  step = 'loading tools/client/adsgraph-client.ts';
  await build({
    entryPoints: [CLIENT],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: CLIENT_BUILD,
    logLevel: 'silent',
  });
  const client = await import(pathToFileURL(CLIENT_BUILD).href);
  createCache = client.createAdsgraphCache;
  say(`cache: merge on ${client.mergedTypes.length} types without an id (${client.mergedTypes.join(', ')}); not on ${Object.keys(client.unmergedTypes).join(', ')}`);
}

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
    cache: createCache(),
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
    case 'PauseAndBudget': {
      // The first campaign of the first profile the Campaigns example answered.
      const profile = answers.Campaigns?.profiles?.[0];
      return { profileId: profile?.id, campaignId: profile?.campaigns?.nodes?.[0]?.campaignId };
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

/** Whether a `freshness` in the answer says PENDING: its report-based figures are null for now. */
const pending = (data) => find(data, (o) => o.__typename === 'Freshness' && o.status === 'PENDING') !== undefined;

/**
 * Every example in order through `client`; the answers by operation name. A query answered
 * PENDING is asked again until its figures are there, as the examples say to: the cache then
 * holds the figures, not the nulls of a pending report that a later example's answer would
 * partly fill (its objects keep their ids while their figures arrive).
 */
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
    example.asked = 1;
    while (example.type === 'query' && pending(answers[example.name]) && example.asked < PENDING_ASKS) {
      await new Promise((resolve) => setTimeout(resolve, PENDING_INTERVAL_MS));
      answers[example.name] = await run(client, example, variables);
      example.asked += 1;
    }
    if (example.type === 'query' && pending(answers[example.name])) {
      fail(`${example.name}: figures still PENDING after ${example.asked} requests`);
    }
    say(`  ran ${example.name}${example.asked > 1 ? ` (PENDING, asked ${example.asked} times)` : ''}`);
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
    const missing = [diff.missing].flat().flatMap((m) => (m?.missing ? missingPaths(m.missing) : [brief(m?.message ?? m)]));
    fail(`${example.name}: incomplete in the cache ${when}: ${missing.join('; ')}`);
  }
}

/** The paths of the fields missing in a cache read (`products.nodes.0.sales.pageViews`). */
function missingPaths(tree, prefix = '') {
  if (typeof tree === 'string') return [prefix];
  return Object.entries(tree).flatMap(([key, child]) => missingPaths(child, prefix ? `${prefix}.${key}` : key));
}

/** Fails the run with every message Apollo Client wrote so far, then forgets them. */
function noMessages(part) {
  for (const message of messages.splice(0)) {
    const where = message.step.startsWith(part) ? message.step : `${part}, ${message.step}`;
    fail(`${where}: Apollo Client ${message.level}: ${brief(message.text)}`);
  }
}

/**
 * The probe: a cache warning is caught, so a run without any means there were none. Its type is
 * none of the schema's, so the client's type policies do not merge it.
 */
function probeTheWarningCatcher() {
  step = 'probe';
  const cache = createCache();
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
  const client = new ApolloClient({ link: new GraphQLWsLink(wsClient), cache: createCache() });
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
  const asked = all.reduce((sum, example) => sum + example.asked, 0);
  const sentDocuments = requests.filter((r) => r.withDocument || codes(r.answer).length > 0);
  if (requests.length !== asked || sentDocuments.length > 0) {
    fail(`trusted documents: expected ${asked} hash-only requests answered without errors, got ${requests.length}: ${JSON.stringify(sentDocuments.map((r) => [r.step, r.withDocument, codes(r.answer)]))}`);
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
  await loadTheClientModule();
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
