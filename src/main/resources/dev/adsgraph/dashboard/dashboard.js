// The example dashboard. It knows the gateway only through its public GraphQL endpoint and the
// settings block the page carries (DashboardPage): the endpoint, the API key header, and the
// demo key in sandbox mode only. Chart.js is the global the webjar's UMD bundle defines.

const settings = JSON.parse(document.getElementById('adsgraph-dashboard-settings').textContent);

// Report-based figures may answer PENDING first; ask again, waiting longer each time, this often.
const MAX_TRIES = 20;
const PAGE_SIZE = 50;
// Ad groups of an opened campaign, and ads of each of them, asked for at once (the query's cost
// stays under the gateway's complexity limit).
const TREE_PAGE = 20;
// How often the alerts are asked again while the page is open (the dashboard does not subscribe).
const ALERTS_EVERY_MS = 60_000;
// Featured Offers the gateway has not read yet are asked for in the background (Product Pricing
// reads 20 ASINs every 30 seconds) and their alerts come in a later answer: while an answer says
// pricing was not checked, the alerts are asked again this much later, at most this many times.
const PRICING_AGAIN_MS = 30_000;
const PRICING_TRIES = 10;

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

// The profile's alerts: what the ads affected spent over the last 7 days is the spend at risk.
const ALERTS = `query DashboardAlerts($profileId: ID!) {
  alerts(profileId: $profileId) {
    spendAtRisk { amount currencyCode }
    checkedAt
    freshness { status message }
    unavailable { source message }
    nodes {
      id kind severity asin marketplaceId sku since message
      spendAtRisk { amount currencyCode }
      ads { campaignId campaignName adGroupId adId spendLast7Days { amount currencyCode } }
    }
  }
}`;

// The catalog titles of the alerts' ASINs (the gateway's cached catalog reads; no report is asked for).
const ALERT_TITLES = `query DashboardAlertTitles($marketplaceId: String!, $asins: [String!]!, $range: DateRangeInput!) {
  products(marketplaceId: $marketplaceId, asins: $asins, dateRange: $range) { nodes { asin catalog { title } } }
}`;

const CAMPAIGN_FIELDS = `id campaignId name adProduct state deliveryStatus budget { amount currencyCode }
        performance(dateRange: $range) { spend { amount } sales { amount } acos roas freshness { status message } }`;

const CAMPAIGNS = `query DashboardCampaigns($id: ID!, $range: DateRangeInput!, $first: Int!, $after: String) {
  profile(id: $id) {
    id
    campaigns(first: $first, after: $after) {
      edges { cursor node { ${CAMPAIGN_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

// One campaign (the one after the cursor of the campaign before it) with its ad groups, their ads and
// the product each ad advertises: one request when a campaign is opened, however many ad groups it has.
const CAMPAIGN_TREE = `query DashboardCampaignTree($id: ID!, $range: DateRangeInput!, $after: String) {
  profile(id: $id) {
    id
    campaigns(first: 1, after: $after) {
      nodes {
        id campaignId
        adGroups(first: ${TREE_PAGE}) {
          nodes {
            id adGroupId name state defaultBid { amount currencyCode }
            ads(first: ${TREE_PAGE}) {
              nodes {
                id adId state asin sku
                product(dateRange: $range) { id asin catalog { title } inventory { fulfillable inboundShipped reserved } }
              }
              pageInfo { hasNextPage }
            }
          }
          pageInfo { hasNextPage }
        }
      }
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
// The campaigns' page cursor, and the cursor before each campaign shown (an opened campaign is asked
// for as the one page of one campaign after it).
let nextCampaigns = null;
let campaignCursors = new Map();
// The names of the campaigns shown, for the alerts' ads whose campaign the alerts do not name.
let campaignNames = new Map();
// The alerts' own numbering: they follow the profile, not the dates, and are asked again on a timer.
let alertsGeneration = 0;

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
    extensions: e.extensions || {},
  }));
  if (!body || !body.data) {
    throw new GatewayError(errors.length > 0 ? errors
      : [{ code: `HTTP ${response.status}`, message: 'The gateway answered without data.' }]);
  }
  return { data: body.data, errors };
}

/** Shows the errors in the page's list, or in a panel's own list (`listId`), replacing what it showed. */
function showErrors(errors, listId = 'errors') {
  const list = $(listId);
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
  clearAlerts();
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

/** The range a VENDOR_REPORT_RANGE error's extensions point to, or null when they point to none. */
function vendorRange(extensions, dates) {
  if (extensions.suggestedStart && extensions.suggestedEnd) {
    return { start: extensions.suggestedStart, end: extensions.suggestedEnd };
  }
  if (extensions.latestEnd && extensions.latestEnd < dates.end) {
    // As many days as asked for, ending on the last day the reports have.
    const day = 24 * 60 * 60 * 1000;
    const length = Math.round((Date.parse(dates.end) - Date.parse(dates.start)) / day);
    const start = new Date(Date.parse(extensions.latestEnd) - length * day).toISOString().slice(0, 10);
    return { start, end: extensions.latestEnd };
  }
  return null;
}

function pendingSources(freshness) {
  return ['advertising', 'retail'].filter((source) => freshness[source].status === 'PENDING');
}

function sleep(millis) {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

/** Asks for the profile's totals and first page, again while a report is still being prepared. */
async function loadProducts(moved = 0, rangeNote = '') {
  const run = ++generation;
  const profile = selectedProfile();
  if (!profile) {
    return;
  }
  storage.set('profile', profile.id);
  const dates = range();
  clearFigures();
  $('range-note').textContent = rangeNote;
  $('range-note').hidden = rangeNote === '';
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
      // A vendor profile's range its retail reports cannot answer (not whole report periods, or
      // too recent): the gateway says which range would do; the page moves to it, and says so.
      const refusal = errors.find((e) => e.code === 'VENDOR_REPORT_RANGE');
      const better = refusal && moved < 2 ? vendorRange(refusal.extensions, dates) : null;
      if (better) {
        $('start').value = better.start;
        $('end').value = better.end;
        showErrors([]);
        return loadProducts(moved + 1, `${rangeNote ? `${rangeNote} ` : ''}The vendor retail reports cannot answer `
          + `${dates.start} to ${dates.end} (${refusal.message.replace(/\.$/, '')}); showing ${better.start} to ${better.end}.`);
      }
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
      // The campaigns' figures come from the advertising report that is ready now.
      await loadCampaigns(run, profile, dates);
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
  ['totals', 'notes', 'chart-panel', 'products-panel', 'more', 'campaigns-panel', 'more-campaigns']
    .forEach((id) => { $(id).hidden = true; });
  $('products').tBodies[0].replaceChildren();
  $('campaigns').tBodies[0].replaceChildren();
  showErrors([], 'campaigns-errors');
  nextPage = null;
  nextCampaigns = null;
  campaignCursors = new Map();
  campaignNames = new Map();
}

function clearAlerts() {
  alertsGeneration++;
  $('alerts-panel').hidden = true;
  $('alerts').tBodies[0].replaceChildren();
  delete $('alerts').dataset.profile;
  showErrors([], 'alerts-errors');
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

// ---- Campaigns: the profile's campaigns, opened to their ad groups and ads --------------------------

const AD_PRODUCT_LABELS = {
  SPONSORED_PRODUCTS: 'Sponsored Products',
  SPONSORED_BRANDS: 'Sponsored Brands',
  SPONSORED_DISPLAY: 'Sponsored Display',
  SPONSORED_TELEVISION: 'Sponsored TV',
  AMAZON_DSP: 'Amazon DSP',
};

const words = (value) => (value ? value.replaceAll('_', ' ').toLowerCase() : '—');

/** The campaigns' first page, asked again while their advertising figures are still being prepared. */
async function loadCampaigns(run, profile, dates) {
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const { data, errors } = await graphql(CAMPAIGNS, { id: profile.id, range: dates, first: PAGE_SIZE, after: null });
    if (run !== generation) {
      return;
    }
    showErrors(errors, 'campaigns-errors');
    $('campaigns-panel').hidden = false;
    const campaigns = data.profile && data.profile.campaigns;
    if (!campaigns) {
      return;
    }
    const pending = campaigns.edges.some((edge) => edge.node.performance && edge.node.performance.freshness.status === 'PENDING');
    if (!pending || attempt === MAX_TRIES) {
      $('campaigns').tBodies[0].replaceChildren();
      campaignCursors = new Map();
      appendCampaigns(profile, campaigns.edges, null);
      setNextCampaigns(campaigns.pageInfo);
      nameAlertCampaigns();
      $('campaigns-none').hidden = campaigns.edges.length > 0;
      return;
    }
    await sleep(Math.min(1000 * attempt, 5000));
    if (run !== generation) {
      return;
    }
  }
}

async function loadMoreCampaigns() {
  const run = generation;
  const profile = selectedProfile();
  const after = nextCampaigns;
  const { data, errors } = await graphql(CAMPAIGNS, { id: profile.id, range: range(), first: PAGE_SIZE, after });
  if (run !== generation) {
    return;
  }
  showErrors(errors, 'campaigns-errors');
  if (data.profile && data.profile.campaigns) {
    appendCampaigns(profile, data.profile.campaigns.edges, after);
    setNextCampaigns(data.profile.campaigns.pageInfo);
    nameAlertCampaigns();
  }
}

function setNextCampaigns(pageInfo) {
  nextCampaigns = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  $('more-campaigns').hidden = nextCampaigns === null;
}

/** A button that opens and closes the rows under the row it is in. */
function toggle(label, onOpen) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'toggle';
  element.dataset.action = 'expand';
  element.setAttribute('aria-expanded', 'false');
  element.textContent = label;
  let detail = null;
  element.addEventListener('click', () => {
    const open = element.getAttribute('aria-expanded') !== 'true';
    element.setAttribute('aria-expanded', String(open));
    if (!open) {
      detail.hidden = true;
      return;
    }
    if (detail) {
      detail.hidden = false;
      return;
    }
    const row = element.closest('tr');
    detail = row.parentElement.insertRow(row.sectionRowIndex + 1);
    detail.className = 'detail';
    const holder = detail.insertCell();
    holder.colSpan = row.cells.length;
    onOpen(holder).catch((error) => {
      holder.replaceChildren(errorList(error instanceof GatewayError ? error.errors
        : [{ code: 'PAGE', message: error && error.message ? error.message : String(error) }]));
    });
  });
  return element;
}

function errorList(errors) {
  const list = document.createElement('ul');
  list.className = 'errors';
  list.setAttribute('role', 'alert');
  list.replaceChildren(...errors.map((e) => {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = e.code;
    item.append(code, `: ${e.message}`);
    return item;
  }));
  return list;
}

/** Campaign rows; `after` is the cursor the page was asked after (null for the first page). */
function appendCampaigns(profile, edges, after) {
  const body = $('campaigns').tBodies[0];
  const currency = profile.currencyCode;
  let before = after;
  for (const edge of edges) {
    const campaign = edge.node;
    campaignCursors.set(campaign.campaignId, before);
    campaignNames.set(campaign.campaignId, campaign.name);
    before = edge.cursor;
    const row = body.insertRow();
    row.className = 'campaign';
    row.dataset.campaignId = campaign.campaignId;
    const name = row.insertCell();
    name.dataset.column = 'name';
    name.dataset.value = campaign.name;
    name.append(toggle(campaign.name, (holder) => openCampaign(profile, campaign, holder)));
    cell(row, 'adProduct', AD_PRODUCT_LABELS[campaign.adProduct] || words(campaign.adProduct), campaign.adProduct, false);
    const state = cell(row, 'state', words(campaign.state), campaign.state, false);
    if (campaign.deliveryStatus) {
      state.title = `Delivery: ${words(campaign.deliveryStatus)}`;
    }
    const budget = amountOf(campaign.budget);
    cell(row, 'budget', money(budget, (campaign.budget && campaign.budget.currencyCode) || currency), budget, true);
    const figures = campaign.performance || {};
    const spend = amountOf(figures.spend);
    const sales = amountOf(figures.sales);
    const spendCell = cell(row, 'spend', money(spend, currency), spend, true);
    cell(row, 'sales', money(sales, currency), sales, true);
    cell(row, 'acos', percent(figures.acos), figures.acos, true);
    // Figures the gateway has not (another ad product than sponsored products) say why.
    if (figures.freshness && figures.freshness.status === 'FAILED') {
      spendCell.title = figures.freshness.message || 'no figures';
    }
    cell(row, 'roas', ratio(figures.roas), figures.roas, true);
  }
}

function ratio(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

function nestedTable(className, headers) {
  const table = document.createElement('table');
  table.className = className;
  const head = table.createTHead().insertRow();
  for (const [text, numeric] of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (numeric) {
      th.className = 'num';
    }
    head.append(th);
  }
  table.createTBody();
  return table;
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'hint';
  p.textContent = text;
  return p;
}

/** Asks for one campaign's ad groups, their ads and products, and shows them under its row. */
async function openCampaign(profile, campaign, holder) {
  holder.replaceChildren(note('Loading ad groups…'));
  const { data, errors } = await graphql(CAMPAIGN_TREE,
    { id: profile.id, range: range(), after: campaignCursors.get(campaign.campaignId) });
  const nodes = (data.profile && data.profile.campaigns && data.profile.campaigns.nodes) || [];
  const found = nodes.find((node) => node.campaignId === campaign.campaignId);
  if (!found) {
    holder.replaceChildren(errorList(errors.length > 0 ? errors
      : [{ code: 'NOT_FOUND', message: `Campaign ${campaign.campaignId} is not there any more; press Show.` }]));
    return;
  }
  const parts = [];
  if (errors.length > 0) {
    parts.push(errorList(errors));
  }
  const groups = (found.adGroups && found.adGroups.nodes) || [];
  if (groups.length === 0) {
    parts.push(note('No ad groups.'));
    holder.replaceChildren(...parts);
    return;
  }
  const table = nestedTable('ad-groups', [['Ad group'], ['State'], ['Default bid', true], ['Ads', true]]);
  const body = table.tBodies[0];
  for (const group of groups) {
    const row = body.insertRow();
    row.className = 'ad-group';
    row.dataset.adGroupId = group.adGroupId;
    const ads = (group.ads && group.ads.nodes) || [];
    const name = row.insertCell();
    name.dataset.column = 'name';
    name.dataset.value = group.name;
    name.append(toggle(group.name, async (cellHolder) => showAds(profile, group, cellHolder)));
    cell(row, 'state', words(group.state), group.state, false);
    const bid = amountOf(group.defaultBid);
    cell(row, 'defaultBid', money(bid, (group.defaultBid && group.defaultBid.currencyCode) || profile.currencyCode), bid, true);
    const more = group.ads && group.ads.pageInfo.hasNextPage;
    cell(row, 'ads', more ? `${ads.length}+` : String(ads.length), ads.length, true);
  }
  parts.push(table);
  if (found.adGroups.pageInfo.hasNextPage) {
    parts.push(note(`The first ${TREE_PAGE} ad groups are shown.`));
  }
  holder.replaceChildren(...parts);
}

/** An ad group's ads, each beside the product it advertises (ASIN, title, stock). */
function showAds(profile, group, holder) {
  const ads = (group.ads && group.ads.nodes) || [];
  if (ads.length === 0) {
    holder.replaceChildren(note('No ads.'));
    return;
  }
  const table = nestedTable('ads', [['Ad'], ['State'], ['ASIN'], ['SKU'], ['Product'], ['In stock', true]]);
  const body = table.tBodies[0];
  for (const ad of ads) {
    const row = body.insertRow();
    row.className = 'ad';
    row.dataset.adId = ad.adId;
    const product = ad.product;
    const asin = (product && product.asin) || ad.asin;
    cell(row, 'adId', ad.adId, ad.adId, false);
    cell(row, 'state', words(ad.state), ad.state, false);
    cell(row, 'asin', asin || '—', asin, false);
    cell(row, 'sku', ad.sku || '—', ad.sku, false);
    const title = product && product.catalog && product.catalog.title;
    const titleCell = cell(row, 'title', title || '—', title, false);
    titleCell.className = 'title';
    titleCell.title = title || 'not in the catalog';
    const inventory = product && product.inventory;
    const stock = cell(row, 'stock', inventory ? String(inventory.fulfillable) : '—',
      inventory ? inventory.fulfillable : null, true);
    stock.title = inventory
      ? `${inventory.fulfillable} fulfillable, ${inventory.inboundShipped} inbound, ${inventory.reserved} reserved`
      : 'no FBA inventory';
    if (inventory && inventory.fulfillable === 0) {
      stock.classList.add('out-of-stock');
    }
  }
  const parts = [table];
  if (group.ads.pageInfo.hasNextPage) {
    parts.push(note(`The first ${TREE_PAGE} ads are shown.`));
  }
  holder.replaceChildren(...parts);
}

// ---- Alerts: the profile's alerts and their spend at risk -----------------------------------------

const ALERT_KIND_LABELS = {
  OUT_OF_STOCK: 'Out of stock',
  LOW_DAYS_OF_COVER: 'Low days of cover',
  LISTING_NOT_BUYABLE: 'Listing not buyable',
  FEATURED_OFFER_LOST: 'Featured Offer lost',
  NOT_RETAIL_READY: 'Not retail-ready',
};

const SEVERITY_ORDER = { CRITICAL: 0, WARNING: 1 };

/**
 * Asks for the selected profile's alerts and shows them, asking again while the ads report they
 * are checked against is still being prepared, and later while Featured Offers are being read;
 * an older answer is dropped.
 */
async function loadAlerts(pricingTry = 0) {
  const run = ++alertsGeneration;
  const profile = selectedProfile();
  if (!profile) {
    return;
  }
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    let answer;
    try {
      answer = await graphql(ALERTS, { profileId: profile.id });
    } catch (error) {
      if (run === alertsGeneration) {
        $('alerts-panel').hidden = false;
        showErrors(error instanceof GatewayError ? error.errors : [{ code: 'PAGE', message: String(error) }], 'alerts-errors');
      }
      return;
    }
    const { data, errors } = answer;
    if (run !== alertsGeneration) {
      return;
    }
    if ($('alerts').dataset.profile !== profile.id) {
      // Another profile's alerts never stay on screen while this one's are asked.
      $('alerts').tBodies[0].replaceChildren();
      $('alerts').dataset.profile = profile.id;
    }
    $('alerts-panel').hidden = false;
    showErrors(errors, 'alerts-errors');
    const result = data.alerts;
    if (!result) {
      return;
    }
    if (result.freshness.status !== 'PENDING') {
      const titles = await alertTitles(result.nodes);
      if (run !== alertsGeneration) {
        return;
      }
      renderAlerts(profile, result, titles);
      if (result.unavailable.some((problem) => problem.source === 'pricing') && pricingTry < PRICING_TRIES) {
        $('alerts-checked').textContent += ` Asking again in ${PRICING_AGAIN_MS / 1000} s for the Featured Offers being read.`;
        window.setTimeout(() => {
          if (run === alertsGeneration) {
            loadAlerts(pricingTry + 1);
          }
        }, PRICING_AGAIN_MS);
      }
      return;
    }
    $('alerts-checked').textContent = `Preparing the ads report the alerts are checked against… (asked ${attempt} of ${MAX_TRIES} times)`;
    await sleep(Math.min(1000 * attempt, 5000));
    if (run !== alertsGeneration) {
      return;
    }
  }
  $('alerts-checked').textContent = `The ads report is still being prepared after ${MAX_TRIES} tries: press Refresh alerts later.`;
}

/** The catalog titles of the alerts' ASINs, by ASIN; none when they cannot be had. */
async function alertTitles(alerts) {
  const titles = new Map();
  const byMarketplace = new Map();
  for (const alert of alerts) {
    const asins = byMarketplace.get(alert.marketplaceId) || new Set();
    asins.add(alert.asin);
    byMarketplace.set(alert.marketplaceId, asins);
  }
  let dates;
  try {
    dates = range();
  } catch (error) {
    return titles;
  }
  for (const [marketplaceId, asins] of byMarketplace) {
    try {
      const { data } = await graphql(ALERT_TITLES, { marketplaceId, asins: [...asins].slice(0, 100), range: dates });
      for (const product of (data.products && data.products.nodes) || []) {
        if (product.catalog && product.catalog.title) {
          titles.set(`${marketplaceId}/${product.asin}`, product.catalog.title);
        }
      }
    } catch (error) {
      // A title is a courtesy: the alert is shown without it.
    }
  }
  return titles;
}

/** Names the alerts' campaigns that the alerts left unnamed, from the campaigns shown. */
function nameAlertCampaigns() {
  for (const item of document.querySelectorAll('#alerts ul.affected li[data-named="false"]')) {
    const name = campaignNames.get(item.dataset.campaignId);
    if (name) {
      item.textContent = `${name}${item.dataset.rest}`;
    }
  }
}

function shortWhen(instant) {
  return instant ? new Date(instant).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '—';
}

function renderAlerts(profile, result, titles) {
  const total = result.spendAtRisk;
  $('alerts-spend-at-risk').textContent = money(amountOf(total), (total && total.currencyCode) || profile.currencyCode);
  $('alerts-spend-at-risk').dataset.value = total ? String(total.amount) : '';
  $('alerts-count').textContent = String(result.nodes.length);
  $('alerts-checked').textContent = `Checked ${when(result.checkedAt)}.`;
  // What could not be checked (a source that failed, the ads report) is said, not hidden.
  const notes = result.unavailable.map((problem) => `Not checked (${problem.source}): ${problem.message}`);
  if (result.freshness.status === 'FAILED') {
    notes.unshift(`Ads report: ${result.freshness.message}`);
  }
  $('alerts-notes').replaceChildren(...notes.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
  $('alerts-notes').hidden = notes.length === 0;
  // Each answer shown counts one, so a test can tell a refresh happened.
  $('alerts-panel').dataset.answers = String(Number($('alerts-panel').dataset.answers || '0') + 1);
  const alerts = [...result.nodes].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9)
    || Number(amountOf(b.spendAtRisk) || 0) - Number(amountOf(a.spendAtRisk) || 0));
  const body = $('alerts').tBodies[0];
  body.replaceChildren();
  for (const alert of alerts) {
    const row = body.insertRow();
    row.dataset.alertId = alert.id;
    row.dataset.kind = alert.kind;
    row.dataset.severity = alert.severity;
    row.dataset.asin = alert.asin;
    const severity = cell(row, 'severity', words(alert.severity), alert.severity, false);
    severity.className = `severity ${alert.severity.toLowerCase()}`;
    cell(row, 'kind', ALERT_KIND_LABELS[alert.kind] || words(alert.kind), alert.kind, false).title = alert.message;
    cell(row, 'asin', alert.asin, alert.asin, false).title = alert.sku ? `SKU ${alert.sku}` : '';
    const title = titles.get(`${alert.marketplaceId}/${alert.asin}`) || null;
    const titleCell = cell(row, 'title', title || '—', title, false);
    titleCell.className = 'title';
    titleCell.title = title || 'not in the catalog';
    const ads = row.insertCell();
    ads.dataset.column = 'ads';
    ads.dataset.value = alert.ads.map((ad) => ad.adId || ad.campaignId).join(',');
    const list = document.createElement('ul');
    list.className = 'affected';
    list.replaceChildren(...alert.ads.map((ad) => {
      const item = document.createElement('li');
      item.dataset.campaignId = ad.campaignId;
      if (ad.adId) {
        item.dataset.adId = ad.adId;
      }
      item.dataset.named = ad.campaignName ? 'true' : 'false';
      item.dataset.rest = `${ad.adId ? ` · ad ${ad.adId}` : ''}${ad.spendLast7Days ? `: ${money(ad.spendLast7Days.amount, ad.spendLast7Days.currencyCode)}` : ''}`;
      item.textContent = `${ad.campaignName || campaignNames.get(ad.campaignId) || `Campaign ${ad.campaignId}`}${item.dataset.rest}`;
      return item;
    }));
    ads.append(alert.ads.length > 0 ? list : '—');
    const spend = amountOf(alert.spendAtRisk);
    cell(row, 'spendAtRisk', money(spend, (alert.spendAtRisk && alert.spendAtRisk.currencyCode) || profile.currencyCode), spend, true);
    cell(row, 'since', shortWhen(alert.since), alert.since, false).title = when(alert.since);
  }
  $('alerts-none').hidden = alerts.length > 0;
}

// ---- Accounts: the view at ?view=accounts (one account with &adsAccount=<id>) --------------------

// Ads accounts asked for at once, and how often the ones not ready yet are asked again.
const ACCOUNTS_PAGE = 20;
const READINESS_EVERY_MS = 3_000;

const ACCOUNT_FIELDS = `id name status countryCodes managerAccounts { id name }
      readiness { state summary nextStep { kind } steps { kind done status nextAction link } }`;

const ACCOUNTS = `query DashboardAccounts($first: Int!, $after: String) {
  adsAccounts(first: $first, after: $after) {
    nodes { ${ACCOUNT_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

const ACCOUNT = `query DashboardAccount($id: ID!) {
  adsAccount(id: $id) { ${ACCOUNT_FIELDS} }
}`;

const STEP_NAMES = { REGISTRATION: 'Registered', BILLING: 'Billing set up', ACCESS: 'Users and access' };
const STATE_NAMES = { READY_TO_ADVERTISE: 'Ready to advertise', ACTION_NEEDED: 'Action needed', WAITING: 'Waiting on Amazon' };

// What is shown: the one account asked for, or the pages of the list (each page's `after` cursor, so a
// refresh asks the same pages again), and each account's last answer (a card is redrawn only when it
// changed, so a form being filled in inside it stays).
let focusedAccount = null;
let accountPages = [];
let nextAccounts = null;
let shownAccounts = new Map();
let accountsGeneration = 0;

async function loadAccounts() {
  if ($('api-key').value.trim() === '') {
    showErrors([{ code: 'API_KEY', message: `Enter the API key the gateway gave you (it is sent as ${settings.apiKeyHeader}).` }]);
    return;
  }
  storage.set('apiKey', $('api-key').value.trim());
  accountsGeneration++;
  accountPages = [];
  nextAccounts = null;
  shownAccounts = new Map();
  $('accounts').replaceChildren();
  status('Loading accounts…');
  managerAccounts = null;
  await refreshAccounts(true);
}

/** Asks again for everything shown (`more`: and the next page of the list). */
async function refreshAccounts(more = false) {
  const mine = accountsGeneration;
  const errors = [];
  const accounts = [];
  if (focusedAccount !== null) {
    const answer = await graphql(ACCOUNT, { id: focusedAccount });
    errors.push(...answer.errors);
    if (answer.data.adsAccount) {
      accounts.push(answer.data.adsAccount);
    }
  } else {
    const pages = more ? accountPages.concat([nextAccounts]) : accountPages;
    let next = null;
    for (const after of (pages.length === 0 ? [null] : pages)) {
      const answer = await graphql(ACCOUNTS, { first: ACCOUNTS_PAGE, after });
      errors.push(...answer.errors);
      const page = answer.data.adsAccounts;
      if (!page) {
        break;
      }
      accounts.push(...page.nodes);
      next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    if (mine !== accountsGeneration) {
      return;
    }
    if (more || accountPages.length === 0) {
      accountPages = pages.length === 0 ? [null] : pages;
    }
    nextAccounts = next;
  }
  if (managerAccounts === null && accounts.some((a) => (a.managerAccounts || []).length === 0)) {
    const answer = await graphql(MANAGER_ACCOUNTS, {});
    errors.push(...answer.errors);
    managerAccounts = answer.data.managerAccounts || [];
  }
  if (mine !== accountsGeneration) {
    return;
  }
  showErrors(errors, 'accounts-errors');
  showAccounts(accounts);
  $('more-accounts').hidden = focusedAccount !== null || nextAccounts === null;
  $('accounts-none').hidden = accounts.length > 0 || errors.length > 0;
  const open = accounts.filter((a) => a.readiness.state !== 'READY_TO_ADVERTISE').length;
  status(accounts.length === 0 ? '' : open === 0 ? 'Every account shown is ready to advertise.'
    : `${open} of ${accounts.length} account${accounts.length === 1 ? '' : 's'} not ready yet; asked again every few seconds.`);
}

function showAccounts(accounts) {
  const list = $('accounts');
  const cards = [];
  for (const account of accounts) {
    const known = shownAccounts.get(account.id);
    const json = JSON.stringify(account);
    if (known && known.json === json) {
      cards.push(known.card);
      continue;
    }
    const card = accountCard(account);
    shownAccounts.set(account.id, { json, card, account });
    cards.push(card);
  }
  list.replaceChildren(...cards);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

function accountCard(account) {
  const card = element('article', 'account');
  card.dataset.id = account.id;
  card.dataset.state = account.readiness.state;
  const head = element('div', 'account-head');
  head.append(element('h3', null, account.name || account.id));
  head.append(element('span', 'account-id', [account.id, account.countryCodes.join(', ')].filter(Boolean).join(' · ')));
  const state = element('span', 'state', STATE_NAMES[account.readiness.state] || account.readiness.state);
  state.dataset.state = account.readiness.state;
  head.append(state);
  card.append(head, element('p', 'summary', account.readiness.summary));
  const checklist = element('ol', 'checklist');
  for (const step of account.readiness.steps) {
    checklist.append(stepItem(account, step));
  }
  card.append(checklist);
  return card;
}

function stepItem(account, step) {
  const item = element('li', 'step');
  item.dataset.kind = step.kind;
  item.dataset.done = String(step.done);
  // An open step that is not the next one the user can act on waits (on Amazon, or on an earlier step).
  const waiting = !step.done && account.readiness.state === 'WAITING';
  item.dataset.waiting = String(waiting);
  item.append(element('span', 'mark', step.done ? '✓' : waiting ? '…' : '○'));
  item.append(element('span', 'step-name', STEP_NAMES[step.kind] || step.kind));
  const detail = element('span', 'step-detail');
  detail.append(element('span', 'step-status', step.status));
  if (step.nextAction) {
    detail.append(element('span', 'step-action', step.nextAction));
  }
  if (step.link) {
    const link = element('a', 'step-link', 'Open');
    link.href = step.link;
    link.target = '_blank';
    link.rel = 'noopener';
    link.dataset.action = 'link';
    detail.append(link);
  }
  item.append(detail);
  const actions = element('div', 'step-actions');
  if (!step.done) {
    stepActions(account, step, actions);
  }
  item.append(actions);
  const result = stepResults.get(`${account.id} ${step.kind}`);
  if (result) {
    item.append(stepResult(result));
  }
  return item;
}

const INVITE_USERS = `mutation DashboardInviteUsers($account: ID!, $invitations: [UserInvitationInput!]!, $key: String) {
  inviteUsers(adsAccountId: $account, invitations: $invitations, idempotencyKey: $key) {
    results { index invitation { id emailAddress status } userErrors { code message field } }
    userErrors { code message }
  }
}`;

const MANAGER_ACCOUNTS = `query DashboardManagerAccounts { managerAccounts { id name } }`;

const LINK_TO_MANAGER = `mutation DashboardLinkToManagerAccount($manager: ID!, $accounts: [ID!]!, $key: String) {
  linkAdsAccountsToManagerAccount(managerAccountId: $manager, accounts: $accounts, idempotencyKey: $key) {
    results { index done userErrors { code message } }
    userErrors { code message }
  }
}`;

const CREATE_MANAGER = `mutation DashboardCreateManagerAccount($input: CreateManagerAccountInput!, $key: String) {
  createManagerAccount(input: $input, idempotencyKey: $key) { managerAccount { id name } userErrors { code message } }
}`;

// The user's manager accounts, asked for once per load of the view (the gateway caches them too).
let managerAccounts = null;

// What the last action of a step answered ("<account id> <kind>" → {text, status}), shown under it
// until the next action: a redraw of the card keeps it.
const stepResults = new Map();

/** A fresh idempotency key per action: a retry of the same click is the same key. */
function newKey() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    return window.crypto.randomUUID();
  }
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function field(tag, name, label, attributes = {}) {
  const wrapper = element('label', 'step-field');
  wrapper.append(label ? `${label} ` : '');
  const input = element(tag);
  input.name = name;
  Object.entries(attributes).forEach(([key, value]) => input.setAttribute(key, value));
  wrapper.append(input);
  return [wrapper, input];
}

function showStepResult(account, kind, text, state) {
  stepResults.set(`${account.id} ${kind}`, { text, status: state });
  const card = [...$('accounts').children].find((c) => c.dataset.id === account.id);
  const item = card && card.querySelector(`li.step[data-kind="${kind}"]`);
  if (item) {
    item.querySelector('.step-result')?.remove();
    item.append(stepResult(stepResults.get(`${account.id} ${kind}`)));
  }
}

function stepResult(result) {
  const node = element('p', 'step-result', result.text);
  node.dataset.status = result.status;
  node.setAttribute('role', 'status');
  return node;
}

/** The actions the dashboard can take itself for an open step (beyond following its link). */
function stepActions(account, step, actions) {
  const registered = account.status === 'CREATED' || account.status === 'PARTIALLY_CREATED';
  if (step.kind === 'ACCESS' && registered) {
    if ((account.managerAccounts || []).length === 0) {
      managerAction(account, actions);
    }
    inviteAction(account, actions);
  }
}

function problemsOf(errors, payload, results) {
  return errors.concat((payload && payload.userErrors) || [], ...(results || []).map((r) => r.userErrors || []));
}

/** Link the account to one of the user's manager accounts, or create one to link it to. */
function managerAction(account, actions) {
  const [label, select] = field('select', 'managerAccountId', 'Manager account');
  const accounts = managerAccounts || [];
  select.append(...accounts.map((m) => new Option(m.name || m.id, m.id)));
  select.append(new Option('New manager account…', ''));
  const [nameLabel, name] = field('input', 'managerAccountName', 'Name', { size: '16' });
  const showName = () => { nameLabel.hidden = select.value !== ''; };
  select.addEventListener('change', showName);
  showName();
  actions.append(label, nameLabel, button('Link to manager account', 'link-manager', async () => {
    let manager = select.value;
    if (manager === '') {
      const { data, errors } = await graphql(CREATE_MANAGER,
        { input: { name: name.value.trim() || account.name || account.id, type: 'ADVERTISER' }, key: newKey() });
      const payload = data.createManagerAccount;
      const problems = problemsOf(errors, payload, []);
      if (!payload || !payload.managerAccount) {
        showStepResult(account, 'ACCESS', problems.map((e) => `${e.code}: ${e.message}`).join('; ') || 'Not created.', 'error');
        return;
      }
      manager = payload.managerAccount.id;
      managerAccounts = null;
    }
    const { data, errors } = await graphql(LINK_TO_MANAGER, { manager, accounts: [account.id], key: newKey() });
    const payload = data.linkAdsAccountsToManagerAccount;
    const problems = problemsOf(errors, payload, payload && payload.results);
    if (!payload || problems.length > 0 || !payload.results.every((r) => r.done)) {
      showStepResult(account, 'ACCESS', problems.map((e) => `${e.code}: ${e.message}`).join('; ') || 'Not linked.', 'error');
      return;
    }
    showStepResult(account, 'ACCESS', `Linked to ${select.value === '' ? 'the new manager account' : select.selectedOptions[0].textContent}.`, 'done');
    await refreshAccounts();
  }));
}

/** Invite a user by e-mail with a level (inviteUsers); Amazon e-mails them a link to accept. */
function inviteAction(account, actions) {
  const [emailLabel, email] = field('input', 'emailAddress', 'E-mail', { type: 'email', size: '24' });
  const [nameLabel, name] = field('input', 'userName', 'Name', { size: '14' });
  const [roleLabel, role] = field('select', 'role', 'Level');
  role.append(new Option('Editor', 'EDITOR'), new Option('Admin', 'ADMIN'), new Option('Viewer', 'VIEWER'));
  actions.append(emailLabel, nameLabel, roleLabel, button('Invite user', 'invite', async () => {
    const invitation = { emailAddress: email.value.trim(), userName: name.value.trim(), role: role.value };
    const { data, errors } = await graphql(INVITE_USERS, { account: account.id, invitations: [invitation], key: newKey() });
    const payload = data.inviteUsers;
    const problems = problemsOf(errors, payload, payload && payload.results);
    if (problems.length > 0 || !payload) {
      showStepResult(account, 'ACCESS', problems.map((e) => `${e.code}: ${e.message}`).join('; ') || 'Not invited.', 'error');
      return;
    }
    const invited = payload.results[0].invitation;
    showStepResult(account, 'ACCESS', `Invited ${invited.emailAddress} (${invited.status.toLowerCase()}).`, 'done');
    await refreshAccounts();
  }));
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
  const figures = view === 'figures';
  $('connections-panel').hidden = view !== 'connections';
  $('accounts-panel').hidden = view !== 'accounts';
  $('figures-view').hidden = !figures;
  ['profile', 'start', 'end', 'show'].forEach((id) => { $(id).closest('label, button').hidden = !figures; });
  for (const name of ['figures', 'accounts', 'connections']) {
    $(`view-${name}`).setAttribute('aria-current', view === name ? 'page' : 'false');
  }
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
  const view = ['connections', 'accounts'].includes(query.get('view')) ? query.get('view') : 'figures';
  showView(view);
  if (view === 'accounts') {
    focusedAccount = query.get('adsAccount');
    $('accounts-focus').hidden = focusedAccount === null;
    $('controls').addEventListener('submit', (event) => {
      event.preventDefault();
      run(loadAccounts)();
    });
    $('api-key').addEventListener('change', run(loadAccounts));
    $('more-accounts').addEventListener('click', run(() => refreshAccounts(true)));
    // No subscription (the page uses no WebSocket): the accounts not ready yet are asked again.
    let refreshing = false;
    window.setInterval(() => {
      const open = [...shownAccounts.values()].some((a) => a.account.readiness.state !== 'READY_TO_ADVERTISE');
      if (refreshing || !open || document.visibilityState !== 'visible') {
        return;
      }
      refreshing = true;
      refreshAccounts().catch(failed).finally(() => { refreshing = false; });
    }, READINESS_EVERY_MS);
    if ($('api-key').value.trim() !== '') {
      run(loadAccounts)();
    } else {
      status('Enter an API key to start.');
    }
    return;
  }
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
    // The alerts follow the profile, the figures and campaigns the profile and dates.
    await Promise.all([loadProducts(), loadAlerts()]);
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
  $('more-campaigns').addEventListener('click', run(loadMoreCampaigns));
  $('alerts-refresh').addEventListener('click', () => loadAlerts());
  // No subscription: the alerts are asked again every minute while the tab is visible.
  window.setInterval(() => {
    if (document.visibilityState === 'visible' && loadedKey !== null && selectedProfile()) {
      loadAlerts();
    }
  }, ALERTS_EVERY_MS);
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
