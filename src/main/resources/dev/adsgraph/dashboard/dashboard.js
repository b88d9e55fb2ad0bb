// The example dashboard. It knows the gateway only through its public GraphQL endpoint and the
// settings block the page carries (DashboardPage): the endpoint, the API key header, and the
// demo key in sandbox mode only. Chart.js is the global the webjar's UMD bundle defines.

const settings = JSON.parse(document.getElementById('adsgraph-dashboard-settings').textContent);

// Report-based figures may answer PENDING first; ask again, waiting longer each time, this often.
const MAX_TRIES = 20;
const PAGE_SIZE = 50;

const PROFILES = `query DashboardProfiles {
  profiles { id countryCode currencyCode accountInfo { accountId type name } marketplaceParticipation { id marketplace { id name } } }
}`;

const FRESHNESS = 'freshness { advertising { status message } retail { status message } }';

const PRODUCTS = `query DashboardProducts($id: ID!, $range: DateRangeInput!, $first: Int!, $after: String) {
  profile(id: $id) {
    id
    performance(dateRange: $range) {
      id
      advertising { spend { amount } attributedSales { amount } }
      sales { orderedProductSales { amount } }
      metrics { acos tacos organicShare }
      daily {
        id date
        advertising { spend { amount } attributedSales { amount } }
        sales { orderedProductSales { amount } unitsOrdered }
        metrics { acos tacos organicShare }
      }
      ${FRESHNESS}
    }
    products(dateRange: $range, first: $first, after: $after) {
      nodes {
        id asin
        catalog { title }
        inventory { fulfillable inboundShipped reserved }
        advertising { spend { amount } attributedSales { amount } }
        sales { orderedProductSales { amount } }
        metrics { acos tacos organicShare }
      }
      pageInfo { hasNextPage endCursor }
      ${FRESHNESS}
    }
  }
}`;

const CONNECTIONS = `query DashboardConnections {
  connectedAccounts { id kind status statusReason source amazonId name regions connectedAt statusChangedAt lastUsedAt }
}`;

const CONNECT_ADS = `mutation DashboardConnectAmazonAds($input: ConnectAmazonAdsInput!) {
  connectAmazonAds(input: $input) { authorizationUrl expiresAt userErrors { code message } }
}`;

const CONNECT_SELLER = `mutation DashboardConnectSellerCentral($input: ConnectSellerCentralInput!) {
  connectSellerCentral(input: $input) { authorizationUrl expiresAt userErrors { code message } }
}`;

const CONNECT_VENDOR = `mutation DashboardConnectVendorCentral($input: ConnectVendorCentralInput!) {
  connectVendorCentral(input: $input) { authorizationUrl expiresAt userErrors { code message } }
}`;

const DISCONNECT = `mutation DashboardDisconnectAccount($input: DisconnectAccountInput!) {
  disconnectAccount(input: $input) { connectedAccount { id status } userErrors { code message } }
}`;

const $ = (id) => document.getElementById(id);
const storage = {
  get: (name) => window.sessionStorage.getItem(settings.storagePrefix + name),
  set: (name, value) => window.sessionStorage.setItem(settings.storagePrefix + name, value),
};

let profiles = [];
let loadedKey = null;
// Each load takes a number; an answer for an older one (another profile, other dates) is dropped.
let generation = 0;
let chart = null;
// The chart's axis and tooltips read the currency of the profile it shows now.
let chartCurrency = 'USD';
let nextPage = null;

/** One or more errors the gateway (or the way to it) gave, each with a code and a message. */
class GatewayError extends Error {
  constructor(errors) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.errors = errors;
  }
}

async function graphql(query, variables) {
  let response;
  try {
    response = await fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        [settings.apiKeyHeader]: $('api-key').value.trim(),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GatewayError([{ code: 'NETWORK', message: `The gateway did not answer (${error.message}).` }]);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  const errors = (body && Array.isArray(body.errors) ? body.errors : []).map((e) => ({
    code: (e.extensions && e.extensions.code) || `HTTP ${response.status}`,
    message: String(e.message),
  }));
  if (!body || !body.data) {
    throw new GatewayError(errors.length > 0 ? errors
      : [{ code: `HTTP ${response.status}`, message: 'The gateway answered without data.' }]);
  }
  return { data: body.data, errors };
}

function showErrors(errors) {
  const list = $('errors');
  // Fields that fail for one reason (both figures of a bad date range) say it once.
  const seen = new Set();
  const distinct = errors.filter((e) => !seen.has(`${e.code}\n${e.message}`) && seen.add(`${e.code}\n${e.message}`));
  list.replaceChildren(...distinct.map((e) => {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = e.code;
    item.append(code, `: ${e.message}`);
    return item;
  }));
  list.hidden = distinct.length === 0;
}

function status(text) {
  $('status').textContent = text;
}

function failed(error) {
  status('');
  showErrors(error instanceof GatewayError ? error.errors
    : [{ code: 'PAGE', message: error && error.message ? error.message : String(error) }]);
}

function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Profiles the tenant can see; the first with an SP-API marketplace (retail figures) is chosen. */
async function loadProfiles() {
  const key = $('api-key').value.trim();
  storage.set('apiKey', key);
  const select = $('profile');
  // Nothing of the previous key's stays on screen, nor arrives late.
  generation++;
  loadedKey = null;
  profiles = [];
  clearFigures();
  select.replaceChildren(new Option(key === '' ? 'Enter an API key' : 'Loading profiles…', ''));
  select.disabled = true;
  if (key === '') {
    showErrors([{ code: 'API_KEY', message: `Enter the API key the gateway gave you (it is sent as ${settings.apiKeyHeader}).` }]);
    return false;
  }
  status('Loading profiles…');
  const { data, errors } = await graphql(PROFILES, {});
  // Null, with its error, when Amazon did not give the profiles.
  profiles = data.profiles || [];
  loadedKey = key;
  showErrors(errors);
  if (!data.profiles) {
    select.replaceChildren(new Option('No profiles', ''));
    status('');
    return false;
  }
  select.replaceChildren(...profiles.map((p) => {
    const label = `${p.accountInfo.name} — ${p.countryCode} (${p.accountInfo.type.toLowerCase()}, ${p.id})`;
    return new Option(label, p.id);
  }));
  select.disabled = profiles.length === 0;
  if (profiles.length === 0) {
    status('This API key sees no advertising profiles.');
    return false;
  }
  const stored = storage.get('profile');
  const preferred = profiles.find((p) => p.id === stored) || profiles.find((p) => p.marketplaceParticipation) || profiles[0];
  select.value = preferred.id;
  status('');
  return true;
}

function selectedProfile() {
  return profiles.find((p) => p.id === $('profile').value) || null;
}

function range() {
  const start = $('start').value;
  const end = $('end').value;
  if (!start || !end) {
    throw new GatewayError([{ code: 'DATE_RANGE', message: 'Choose both the first and the last day.' }]);
  }
  return { start, end };
}

function pendingSources(freshness) {
  return ['advertising', 'retail'].filter((source) => freshness[source].status === 'PENDING');
}

function sleep(millis) {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

/** Asks for the profile's totals and first page, again while a report is still being prepared. */
async function loadProducts() {
  const run = ++generation;
  const profile = selectedProfile();
  if (!profile) {
    return;
  }
  storage.set('profile', profile.id);
  const dates = range();
  clearFigures();
  const statusLine = $('status');
  statusLine.dataset.pendingAnswers = '0';
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    status(attempt === 1 ? 'Loading…' : `Preparing report… (asking again, ${attempt} of ${MAX_TRIES})`);
    const { data, errors } = await graphql(PRODUCTS, { id: profile.id, range: dates, first: PAGE_SIZE, after: null });
    if (run !== generation) {
      return;
    }
    showErrors(errors);
    // The profile, its totals or its products are null, with their errors, when they failed
    // (a refused date range, Amazon unavailable).
    if (!data.profile || !data.profile.performance || !data.profile.products) {
      status('');
      if (errors.length === 0) {
        showErrors([{ code: 'NOT_FOUND', message: `Profile ${profile.id} is not there any more; reload the page.` }]);
      }
      return;
    }
    const pending = pendingSources(data.profile.performance.freshness);
    if (pending.length === 0) {
      render(profile, data.profile);
      status(`${profile.accountInfo.name} (${profile.countryCode}), ${dates.start} to ${dates.end}`);
      return;
    }
    statusLine.dataset.pendingAnswers = String(attempt);
    status(`Preparing report… (${pending.join(' and ')} figures; asked ${attempt} of ${MAX_TRIES} times)`);
    await sleep(Math.min(1000 * attempt, 5000));
    if (run !== generation) {
      return;
    }
  }
  status(`The reports are still being prepared after ${MAX_TRIES} tries. Press Show to ask again later.`);
}

async function loadMore() {
  const run = generation;
  const profile = selectedProfile();
  const { data, errors } = await graphql(PRODUCTS, { id: profile.id, range: range(), first: PAGE_SIZE, after: nextPage });
  if (run !== generation) {
    return;
  }
  showErrors(errors);
  if (data.profile && data.profile.products) {
    appendRows(profile, data.profile.products.nodes);
    setNextPage(data.profile.products.pageInfo);
  }
}

function clearFigures() {
  ['totals', 'notes', 'chart-panel', 'products-panel', 'more'].forEach((id) => { $(id).hidden = true; });
  $('products').tBodies[0].replaceChildren();
  nextPage = null;
}

/**
 * An amount as the gateway answers it, an exact decimal string ("12.50"), or a chart's number. A string
 * is formatted as it is: Intl.NumberFormat reads decimal strings exactly (older engines make it a number).
 */
function money(amount, currency, options = {}) {
  if (amount === null || amount === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, ...options }).format(amount);
}

function percent(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

// Money.amount is a decimal string: the table keeps it as it is; only the chart turns it into a number.
const amountOf = (money) => (money ? money.amount : null);

function render(profile, answer) {
  const currency = profile.currencyCode;
  const totals = answer.performance;
  $('total-spend').textContent = money(amountOf(totals.advertising && totals.advertising.spend), currency);
  $('total-ad-sales').textContent = money(amountOf(totals.advertising && totals.advertising.attributedSales), currency);
  $('total-sales').textContent = money(amountOf(totals.sales && totals.sales.orderedProductSales), currency);
  $('total-acos').textContent = percent(totals.metrics.acos);
  $('total-tacos').textContent = percent(totals.metrics.tacos);
  $('total-organic-share').textContent = percent(totals.metrics.organicShare);
  $('totals').hidden = false;

  // A source that failed (no SP-API authorization for this profile, a failed report) says why.
  const notes = ['advertising', 'retail']
    .filter((source) => totals.freshness[source].status === 'FAILED')
    .map((source) => `${source === 'retail' ? 'Retail' : 'Advertising'} figures: ${totals.freshness[source].message}`);
  $('notes').textContent = notes.join(' ');
  $('notes').hidden = notes.length === 0;

  const nodes = answer.products.nodes;
  appendRows(profile, nodes);
  setNextPage(answer.products.pageInfo);
  $('products-panel').hidden = false;
  drawChart(totals.daily, currency);
}

function cell(row, column, text, value, numeric) {
  const td = row.insertCell();
  td.textContent = text;
  td.dataset.column = column;
  if (value !== null && value !== undefined) {
    td.dataset.value = String(value);
  }
  if (numeric) {
    td.className = 'num';
  }
  return td;
}

function appendRows(profile, nodes) {
  const body = $('products').tBodies[0];
  const currency = profile.currencyCode;
  for (const node of nodes) {
    const row = body.insertRow();
    row.dataset.asin = node.asin;
    const spend = amountOf(node.advertising && node.advertising.spend);
    const adSales = amountOf(node.advertising && node.advertising.attributedSales);
    const sales = amountOf(node.sales && node.sales.orderedProductSales);
    cell(row, 'asin', node.asin, node.asin, false);
    const title = node.catalog && node.catalog.title;
    cell(row, 'title', title || '—', title, false).title = title || 'not in the catalog';
    cell(row, 'spend', money(spend, currency), spend, true);
    cell(row, 'adSales', money(adSales, currency), adSales, true);
    cell(row, 'sales', money(sales, currency), sales, true);
    cell(row, 'acos', percent(node.metrics.acos), node.metrics.acos, true);
    cell(row, 'tacos', percent(node.metrics.tacos), node.metrics.tacos, true);
    cell(row, 'organicShare', percent(node.metrics.organicShare), node.metrics.organicShare, true);
    const inventory = node.inventory;
    const stock = cell(row, 'inventory', inventory ? String(inventory.fulfillable) : '—',
      inventory ? inventory.fulfillable : null, true);
    stock.title = inventory
      ? `${inventory.fulfillable} fulfillable, ${inventory.inboundShipped} inbound, ${inventory.reserved} reserved`
      : 'no FBA inventory';
  }
}

function setNextPage(pageInfo) {
  nextPage = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  $('more').hidden = nextPage === null;
}

/** One point per day of the range: money on the left axis, ACOS and TACoS (ratios) on the right. */
function drawChart(days, currency) {
  $('chart-panel').hidden = days.length === 0;
  if (days.length === 0) {
    return;
  }
  // Chart.js plots numbers: amounts arrive as decimal strings, and a point on a chart needs no cent
  // beyond a double's precision.
  const number = (value) => (value === null || value === undefined ? null : Number(value));
  const series = (label, color, axis, pick, dashed) => ({
    label,
    yAxisID: axis,
    borderColor: color,
    backgroundColor: color,
    borderDash: dashed ? [6, 4] : [],
    pointRadius: 3,
    tension: 0.2,
    spanGaps: false,
    data: days.map((day) => number(pick(day))),
  });
  const ads = (day) => day.advertising || {};
  const data = {
    labels: days.map((day) => day.date),
    datasets: [
      series('Spend', '#e47911', 'money', (d) => amountOf(ads(d).spend)),
      series('Ad sales', '#146eb4', 'money', (d) => amountOf(ads(d).attributedSales)),
      series('Total sales', '#7fa8d1', 'money', (d) => amountOf(d.sales && d.sales.orderedProductSales)),
      series('ACOS', '#8c4799', 'ratio', (d) => d.metrics.acos, true),
      series('TACoS', '#2e8540', 'ratio', (d) => d.metrics.tacos, true),
    ],
  };
  const ratio = (label) => label === 'ACOS' || label === 'TACoS';
  chartCurrency = currency;
  if (chart) {
    chart.data = data;
    chart.update();
    return;
  }
  chart = new window.Chart($('chart'), {
    type: 'line',
    data,
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        money: { type: 'linear', position: 'left', beginAtZero: true,
          ticks: { callback: (value) => money(value, chartCurrency, { minimumFractionDigits: 0, maximumFractionDigits: 0 }) } },
        ratio: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
          ticks: { callback: (value) => percent(value) } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${ratio(item.dataset.label) ? percent(item.raw) : money(item.raw, chartCurrency)}`,
          },
        },
      },
    },
  });
}

// ---- Connections: the view at ?view=connections -------------------------------------------------

const KIND_LABELS = { AMAZON_ADS: 'Amazon Ads', SELLING_PARTNER: 'Seller Central' };

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/**
 * Where Amazon's consent page sends the browser back to: this page's connections view; from Vendor
 * Central with central=vendor, so the result names it (a vendor's connection is SELLING_PARTNER too).
 */
function returnUrl(kind) {
  const central = kind === 'VENDOR_CENTRAL' ? '&central=vendor' : '';
  return `${window.location.origin}${window.location.pathname}?view=connections${central}`;
}

async function loadConnections() {
  if ($('api-key').value.trim() === '') {
    showErrors([{ code: 'API_KEY', message: `Enter the API key the gateway gave you (it is sent as ${settings.apiKeyHeader}).` }]);
    return;
  }
  storage.set('apiKey', $('api-key').value.trim());
  status('Loading connections…');
  const { data, errors } = await graphql(CONNECTIONS, {});
  showErrors(errors);
  const body = $('connections').tBodies[0];
  body.replaceChildren();
  for (const account of data.connectedAccounts || []) {
    const row = body.insertRow();
    row.dataset.id = account.id;
    row.dataset.kind = account.kind;
    row.dataset.status = account.status;
    cell(row, 'kind', KIND_LABELS[account.kind] || account.kind, account.kind, false);
    const label = [account.name, account.amazonId].filter(Boolean).join(' · ') || '(from configuration)';
    cell(row, 'account', label, account.amazonId, false);
    const state = cell(row, 'status', account.status.replaceAll('_', ' ').toLowerCase(), account.status, false);
    if (account.statusReason) {
      state.title = account.statusReason;
    }
    cell(row, 'regions', account.regions.join(', '), account.regions.join(','), false);
    cell(row, 'connectedAt', when(account.connectedAt), account.connectedAt, false);
    cell(row, 'lastUsedAt', when(account.lastUsedAt), account.lastUsedAt, false);
    const actions = row.insertCell();
    if (account.source === 'CONSENT' && account.status !== 'ACTIVE') {
      actions.append(button('Reconnect', 'reconnect', () => connect(account.kind, account.regions[0] || $('connect-region').value)));
    }
    if (account.source === 'CONSENT' && account.status !== 'DISCONNECTED') {
      actions.append(button('Disconnect', 'disconnect', () => disconnect(account)));
    }
  }
  status(body.rows.length === 0 ? 'This workspace has no connections yet.' : '');
}

function button(text, action, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.dataset.action = action;
  element.addEventListener('click', () => onClick().catch(failed));
  return element;
}

/** The mutation that starts each consent: Amazon Ads, Seller Central or Vendor Central. */
const CONNECTS = {
  AMAZON_ADS: [CONNECT_ADS, 'connectAmazonAds'],
  SELLING_PARTNER: [CONNECT_SELLER, 'connectSellerCentral'],
  VENDOR_CENTRAL: [CONNECT_VENDOR, 'connectVendorCentral'],
};

/**
 * Asks the gateway for Amazon's consent page and goes there; Amazon comes back to returnUrl().
 * `kind` is a connection's kind, or VENDOR_CENTRAL: a vendor's SP-API connection, authorized on
 * Vendor Central.
 */
async function connect(kind, region) {
  showErrors([]);
  const [mutation, field] = CONNECTS[kind];
  const input = { region, returnUrl: returnUrl(kind) };
  const { data, errors } = await graphql(mutation, { input });
  const payload = data[field];
  const problems = errors.concat((payload && payload.userErrors) || []);
  if (!payload || !payload.authorizationUrl) {
    showErrors(problems.length > 0 ? problems : [{ code: 'CONNECT', message: 'The gateway gave no consent page.' }]);
    return;
  }
  status(`Opening Amazon's consent page…`);
  window.location.assign(payload.authorizationUrl);
}

async function disconnect(account) {
  showErrors([]);
  const { data, errors } = await graphql(DISCONNECT, { input: { id: account.id } });
  const payload = data.disconnectAccount;
  showErrors(errors.concat((payload && payload.userErrors) || []));
  await loadConnections();
}

/** What the consent flow said on its way back (?status=connected|error), shown once. */
function consentResult(query) {
  const result = $('connect-result');
  if (query.get('status') === 'connected') {
    const label = query.get('central') === 'vendor' ? 'Vendor Central' : KIND_LABELS[query.get('kind')];
    result.textContent = `Connected (${label || 'account'}).`;
    result.dataset.status = 'connected';
  } else if (query.get('status') === 'error') {
    result.textContent = `Not connected: ${query.get('error') || 'error'}: ${query.get('error_description') || ''}`.trim();
    result.dataset.status = 'error';
  } else {
    return;
  }
  result.hidden = false;
}

function showView(view) {
  const connections = view === 'connections';
  $('connections-panel').hidden = !connections;
  $('figures-view').hidden = connections;
  ['profile', 'start', 'end', 'show'].forEach((id) => { $(id).closest('label, button').hidden = connections; });
  $('view-connections').setAttribute('aria-current', connections ? 'page' : 'false');
  $('view-figures').setAttribute('aria-current', connections ? 'false' : 'page');
}

function start() {
  $('mode').textContent = settings.mode === 'sandbox'
    ? 'Sandbox mode: the demo tenant\'s key is filled in.'
    : 'Enter your API key; it is kept in this browser tab only.';
  $('api-key').value = storage.get('apiKey') ?? settings.demoApiKey ?? '';
  const end = new Date();
  end.setDate(end.getDate() - 1);
  const first = new Date(end);
  first.setDate(first.getDate() - 13);
  $('start').value = isoDate(first);
  $('end').value = isoDate(end);

  const run = (action) => () => action().catch(failed);
  const query = new URLSearchParams(window.location.search);
  const view = query.get('view') === 'connections' ? 'connections' : 'figures';
  showView(view);
  if (view === 'connections') {
    consentResult(query);
    // The consent flow's answer is shown once: a reload does not show it again.
    window.history.replaceState(null, '', `${window.location.pathname}?view=connections`);
    $('controls').addEventListener('submit', (event) => {
      event.preventDefault();
      run(loadConnections)();
    });
    $('api-key').addEventListener('change', run(loadConnections));
    $('connect-ads').addEventListener('click', run(() => connect('AMAZON_ADS', $('connect-region').value)));
    $('connect-seller').addEventListener('click', run(() => connect('SELLING_PARTNER', $('connect-region').value)));
    $('connect-vendor').addEventListener('click', run(() => connect('VENDOR_CENTRAL', $('connect-region').value)));
    if ($('api-key').value.trim() !== '') {
      run(loadConnections)();
    } else {
      status('Enter an API key to start.');
    }
    return;
  }
  const reload = async () => {
    showErrors([]);
    if ($('api-key').value.trim() !== loadedKey && !(await loadProfiles())) {
      return;
    }
    await loadProducts();
  };
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    run(reload)();
  });
  $('api-key').addEventListener('change', run(reload));
  $('profile').addEventListener('change', run(reload));
  $('start').addEventListener('change', run(reload));
  $('end').addEventListener('change', run(reload));
  $('more').addEventListener('click', run(loadMore));
  if ($('api-key').value.trim() !== '') {
    run(reload)();
  } else {
    status('Enter an API key to start.');
  }
}

if (typeof window.Chart === 'undefined') {
  failed(new Error('Chart.js did not load.'));
} else {
  start();
}
