// Client of the peer for check.sh and for quick measurements; Node.js 20 or later, no packages.
//   node probe.mjs check   <sandbox base URL> <peer GraphQL URL>
//     gets an LWA access token for the sandbox's demo user, runs queries/overview.graphql and
//     queries/profile.graphql through the peer, and compares the answers with the same calls made
//     directly to the sandbox; exits 1 with the reason when anything differs or errs.
//   node probe.mjs latency <sandbox base URL> <peer GraphQL URL> [requests, default 200]
//     sends queries/profile.graphql that many times one after another and prints the latencies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The sandbox's demo Ads user (SandboxMain prints the same in its banner).
const DEMO = {
  clientId: 'amzn1.application-oa2-client.adsgraphsandboxdemo',
  clientSecret: 'adsgraph-sandbox-demo-secret',
  refreshToken: 'Atzr|adsgraph-sandbox-demo-refresh-token',
};

const query = (name) => readFileSync(fileURLToPath(new URL(`queries/${name}.graphql`, import.meta.url)), 'utf8');

class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

async function accessToken(sandbox) {
  const response = await fetch(`${sandbox}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: DEMO.clientId,
      client_secret: DEMO.clientSecret,
      refresh_token: DEMO.refreshToken,
    }),
  });
  const body = await response.text();
  if (response.status !== 200) fail(`LWA token request answered ${response.status}: ${body}`);
  const token = JSON.parse(body).access_token;
  if (typeof token !== 'string' || token === '') fail(`LWA token answer has no access_token: ${body}`);
  return token;
}

function adsHeaders(token) {
  return { authorization: `Bearer ${token}`, 'amazon-advertising-api-clientid': DEMO.clientId };
}

async function graphql(peer, token, document, variables) {
  const response = await fetch(peer, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...adsHeaders(token) },
    body: JSON.stringify({ query: document, variables }),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    fail(`the peer answered ${response.status} with something that is not JSON: ${text.slice(0, 500)}`);
  }
  return { status: response.status, body };
}

async function direct(url, token, init = {}) {
  const response = await fetch(url, { ...init, headers: { ...adsHeaders(token), ...(init.headers ?? {}) } });
  const text = await response.text();
  if (response.status !== 200) fail(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

function expectData(name, answer) {
  if (answer.status !== 200) fail(`${name}: the peer answered HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
  if (answer.body.errors) fail(`${name}: the peer answered errors: ${JSON.stringify(answer.body.errors)}`);
  if (!answer.body.data) fail(`${name}: the peer answered no data: ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

// The peer's schema maps the timezone enum value America/Los_Angeles to America_Los_Angeles
// (a GraphQL enum value cannot hold '/'), and returns null for absent optional fields.
function sameProfile(peer, upstream) {
  const info = upstream.accountInfo ?? {};
  return String(peer.profileId) === String(upstream.profileId)
    && peer.countryCode === upstream.countryCode
    && peer.currencyCode === upstream.currencyCode
    && (peer.dailyBudget ?? null) === (upstream.dailyBudget ?? null)
    && peer.timezone === upstream.timezone.replaceAll('/', '_')
    && peer.accountInfo.marketplaceStringId === info.marketplaceStringId
    && peer.accountInfo.id === info.id
    && peer.accountInfo.type === info.type
    && peer.accountInfo.name === info.name
    && (peer.accountInfo.subType ?? null) === (info.subType ?? null)
    && (peer.accountInfo.validPaymentMethod ?? null) === (info.validPaymentMethod ?? null);
}

async function check(sandbox, peer) {
  const token = await accessToken(sandbox);
  const ads = `${sandbox}/ads/na`;
  const upstreamProfiles = await direct(`${ads}/v2/profiles`, token);
  const upstreamAccounts = await direct(`${ads}/adsAccounts/list`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.listaccountsresource.v1+json' },
    body: JSON.stringify({ maxResults: 100 }),
  });
  if (upstreamProfiles.length === 0) fail('the sandbox lists no NA profiles for the demo user');
  if (upstreamAccounts.adsAccounts.length === 0) fail('the sandbox lists no ads accounts for the demo user');

  // (a) dashboard overview
  const overview = expectData('overview', await graphql(peer, token, query('overview')));
  const profiles = overview.listProfiles;
  if (!Array.isArray(profiles) || profiles.length !== upstreamProfiles.length) {
    fail(`overview: ${profiles?.length} profiles through the peer, ${upstreamProfiles.length} from the sandbox`);
  }
  profiles.forEach((profile, i) => {
    if (!sameProfile(profile, upstreamProfiles[i])) {
      fail(`overview: profile ${i} differs: peer ${JSON.stringify(profile)}, sandbox ${JSON.stringify(upstreamProfiles[i])}`);
    }
  });
  const accounts = overview.ListAdsAccounts;
  if (accounts?.__typename !== 'ListAdsAccountsResponseContent') {
    fail(`overview: ListAdsAccounts answered ${JSON.stringify(accounts)}`);
  }
  const peerIds = accounts.adsAccounts.map((account) => `${account.adsAccountId}/${account.status}`);
  const upstreamIds = upstreamAccounts.adsAccounts.map((account) => `${account.adsAccountId}/${account.status}`);
  if (JSON.stringify(peerIds) !== JSON.stringify(upstreamIds)) {
    fail(`overview: ads accounts differ: peer ${peerIds}, sandbox ${upstreamIds}`);
  }

  // (c) one profile by id, the last one of the list (not the first, so the id is really used)
  const wanted = upstreamProfiles[upstreamProfiles.length - 1];
  const single = expectData('profile', await graphql(peer, token, query('profile'), { profileId: wanted.profileId }));
  if (!single.getProfileById || !sameProfile(single.getProfileById, wanted)) {
    fail(`profile: peer answered ${JSON.stringify(single.getProfileById)}, sandbox has ${JSON.stringify(wanted)}`);
  }

  // The peer forwards the caller's headers: without them the sandbox refuses, and the peer says so.
  const anonymous = await fetch(peer, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: query('profile'), variables: { profileId: wanted.profileId } }),
  }).then((response) => response.json());
  const status = anonymous.errors?.[0]?.extensions?.response?.status;
  if (anonymous.data?.getProfileById || status !== 401) {
    fail(`profile without credentials: expected the sandbox's 401 through the peer, got ${JSON.stringify(anonymous)}`);
  }
  console.log(`peer check: overview (${profiles.length} profiles, ${peerIds.length} ads accounts) and profile ${wanted.profileId} match the sandbox; a request without credentials gets the sandbox's 401`);
}

async function latency(sandbox, peer, count) {
  const token = await accessToken(sandbox);
  const profiles = await direct(`${sandbox}/ads/na/v2/profiles`, token);
  const document = query('profile');
  const variables = { profileId: profiles[0].profileId };
  for (let i = 0; i < 20; i++) expectData('warm-up', await graphql(peer, token, document, variables));
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    expectData('profile', await graphql(peer, token, document, variables));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)].toFixed(2);
  const mean = (times.reduce((a, b) => a + b, 0) / times.length).toFixed(2);
  console.log(`profile query, ${count} sequential requests after 20 warm-up: mean ${mean} ms, p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms, max ${times.at(-1).toFixed(2)} ms`);
}

const [command, sandboxArg, peerArg, countArg] = process.argv.slice(2);
if (!['check', 'latency'].includes(command) || !sandboxArg || !peerArg) {
  console.error('Usage: node probe.mjs check|latency <sandbox base URL> <peer GraphQL URL> [requests]');
  process.exit(2);
}
const count = countArg === undefined ? 200 : Number(countArg);
if (!Number.isInteger(count) || count < 1) {
  console.error(`requests must be a positive whole number, was '${countArg}'`);
  process.exit(2);
}
try {
  const sandbox = sandboxArg.replace(/\/+$/, '');
  if (command === 'check') await check(sandbox, peerArg);
  else await latency(sandbox, peerArg, count);
} catch (error) {
  console.error(error instanceof CheckFailed ? `peer check failed: ${error.message}` : error);
  process.exit(1);
}
