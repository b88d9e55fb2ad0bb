// Amazon's own JavaScript SP-API SDK (@amazon-sp-api-release/amazon-sp-api-sdk-js, pinned in
// package.json) against a standalone sandbox, configured only as its README says: an endpoint
// per API client and LWA credentials (enableAutoRetrievalAccessToken). Runs every SP-API
// operation the sandbox serves, including a report from creation to its downloaded document and
// a 429 the caller recovers from.
//
//   SANDBOX_URL=http://127.0.0.1:9090 node --test conformance/sp-api-sdk.test.mjs
//
// against a sandbox started with --report-processing-time=10s (a report stays IN_QUEUE for half
// of it, while the test cancels one). SandboxConformanceIT runs it against the jar's SandboxMain
// and then checks the sandbox's counters: every SP-API operation of the sandbox's table must have
// been called.
//
// The one thing the SDK does not let a caller configure is its LWA token URL: each API's
// ApiClient posts to https://api.amazon.com/auth/o2/token through superagent. The narrowest
// redirection: superagent.post (the SDK's own superagent module instance) is wrapped so that a
// request to exactly that URL goes to the sandbox's LWA instead; every other request, and all of
// the SDK's code, run unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

import {
  CatalogitemsSpApi,
  FbainventorySpApi,
  ListingsitemsSpApi,
  PricingSpApi,
  ReportsSpApi,
  SalesSpApi,
  SellersSpApi,
} from '@amazon-sp-api-release/amazon-sp-api-sdk-js';

const SANDBOX = (process.env.SANDBOX_URL ?? 'http://127.0.0.1:9090').replace(/\/+$/, '');
const AMAZON_LWA = 'https://api.amazon.com/auth/o2/token';
const US = 'ATVPDKIKX0DER';
const SDK_USER_AGENT = 'amazon-selling-partner-api-sdk/1.12.0/JavaScript';

const info = await json('GET', '/sandbox');
// The SP-API NA host as GET /sandbox lists it: the one place this test names an endpoint.
const SP_ENDPOINT = info.spHosts.NA;
// The demo SP application, authorized by Northwind Outdoor Co. (NA).
const demo = info.spAuthorizations.find((a) => a.userId === info.users[0].userId);
const SELLER = demo.sellingPartnerId;

const superagent = createRequire(import.meta.resolve('@amazon-sp-api-release/amazon-sp-api-sdk-js'))('superagent');
const post = superagent.post;
let lwaRedirects = 0;
superagent.post = (url, ...rest) => {
  if (url === AMAZON_LWA) {
    lwaRedirects++;
    return post(info.lwaTokenUrl, ...rest);
  }
  return post(url, ...rest);
};

/** An API of the SDK on its own ApiClient, as the SDK's README builds one. */
function api(module, name) {
  const client = new module.ApiClient(SP_ENDPOINT);
  client.enableAutoRetrievalAccessToken(demo.clientId, demo.clientSecret, demo.refreshToken, null);
  return new module[name](client);
}

async function json(method, path, body) {
  const response = await fetch(SANDBOX + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** yyyy-mm-dd of today minus some days, UTC. */
function daysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

const sellers = api(SellersSpApi, 'SellersApi');
const catalog = api(CatalogitemsSpApi, 'CatalogApi');
const listings = api(ListingsitemsSpApi, 'ListingsApi');
const inventory = api(FbainventorySpApi, 'FbaInventoryApi');
const sales = api(SalesSpApi, 'SalesApi');
const reports = api(ReportsSpApi, 'ReportsApi');
const pricing = api(PricingSpApi, 'ProductPricingApi');

before(async () => {
  await json('POST', '/sandbox/reset');
  await json('POST', '/sandbox/stats/reset');
});

after(async () => {
  superagent.post = post;
  await fetch(SANDBOX + '/sandbox/faults', { method: 'DELETE' });
});

test('sellers: getMarketplaceParticipations', async () => {
  const participations = await sellers.getMarketplaceParticipations();
  const countries = participations.payload.map((p) => p.marketplace.countryCode).sort();
  assert.deepEqual(countries, ['CA', 'MX', 'US']);
  assert.equal(participations.payload[0].storeName, 'Northwind Outdoor Co.');
  assert.ok(lwaRedirects >= 1, 'the SDK fetched its access token from the sandbox LWA');
});

test('listings and catalog: searchListingsItems, getListingsItem, searchCatalogItems, getCatalogItem', async () => {
  const page = await listings.searchListingsItems(SELLER, [US], { pageSize: 5, includedData: ['summaries'] });
  assert.equal(page.items.length, 5);
  assert.ok(page.numberOfResults > 5);
  const [first, second] = page.items;
  const asin = first.summaries[0].asin;

  const item = await listings.getListingsItem(SELLER, first.sku, [US], { includedData: ['summaries', 'offers'] });
  assert.equal(item.sku, first.sku);
  assert.equal(item.summaries[0].asin, asin);
  assert.equal(item.offers[0].price.currencyCode, 'USD');

  const found = await catalog.searchCatalogItems([US], {
    identifiers: [asin, second.summaries[0].asin],
    identifiersType: 'ASIN',
    includedData: ['summaries'],
  });
  assert.equal(found.numberOfResults, 2);
  assert.deepEqual(found.items.map((i) => i.asin).sort(), [asin, second.summaries[0].asin].sort());

  const catalogItem = await catalog.getCatalogItem(asin, [US], { includedData: ['summaries', 'salesRanks'] });
  assert.equal(catalogItem.asin, asin);
  assert.equal(catalogItem.summaries[0].marketplaceId, US);
});

test('product pricing: getCompetitiveSummary, the Featured Offer per ASIN', async () => {
  const truth = await json('GET', `/sandbox/products?sellerId=${SELLER}&marketplaceId=${US}`
    + `&startDate=${daysAgo(8)}&endDate=${daysAgo(2)}`);
  // Position 0 is the seller's; position 5 is a fixture whose Featured Offer another seller holds.
  const asins = [truth.products[0].asin, truth.products[5].asin];
  const summary = await pricing.getCompetitiveSummary({
    requests: asins.map((asin) => ({
      asin, marketplaceId: US, includedData: ['featuredBuyingOptions'], method: 'GET',
      uri: '/products/pricing/2022-05-01/items/competitiveSummary',
    })),
  });
  assert.equal(summary.responses.length, 2);
  const featured = (response) => response.body.featuredBuyingOptions[0].segmentedFeaturedOffers[0].sellerId;
  assert.equal(summary.responses[0].status.statusCode, 200);
  assert.equal(summary.responses[0].body.asin, asins[0]);
  assert.equal(featured(summary.responses[0]), SELLER);
  assert.equal(featured(summary.responses[1]), truth.products[5].featuredOfferSellerId);
  assert.notEqual(featured(summary.responses[1]), SELLER);
});

test('FBA inventory: getInventorySummaries with its next page', async () => {
  const first = await inventory.getInventorySummaries('Marketplace', US, [US], { details: true });
  assert.ok(first.payload.inventorySummaries.length > 0);
  assert.equal(typeof first.payload.inventorySummaries[0].inventoryDetails.fulfillableQuantity, 'number');
  assert.ok(first.pagination.nextToken, 'a first page of a large inventory has a next token');
  const second = await inventory.getInventorySummaries('Marketplace', US, [US], {
    details: true,
    nextToken: first.pagination.nextToken,
  });
  assert.notEqual(second.payload.inventorySummaries[0].sellerSku, first.payload.inventorySummaries[0].sellerSku);
});

test('sales: getOrderMetrics by day', async () => {
  const interval = `${daysAgo(8)}T00:00:00Z--${daysAgo(1)}T00:00:00Z`;
  const metrics = await sales.getOrderMetrics([US], interval, 'Day', { granularityTimeZone: 'UTC' });
  assert.equal(metrics.payload.length, 7);
  assert.equal(metrics.payload[0].totalSales.currencyCode, 'USD');
  assert.equal(typeof metrics.payload[0].unitCount, 'number');
});

test('reports: createReport, getReport until DONE, getReports, getReportDocument, download; cancelReport', async () => {
  const specification = {
    reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
    marketplaceIds: [US],
    dataStartTime: `${daysAgo(7)}T00:00:00Z`,
    dataEndTime: `${daysAgo(1)}T23:59:59Z`,
    reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
  };
  // A second report, cancelled while still in the queue.
  const { reportId: cancelled } = await reports.createReport(
    ReportsSpApi.CreateReportSpecification.constructFromObject({ ...specification }),
  );
  await reports.cancelReport(cancelled);
  assert.equal((await reports.getReport(cancelled)).processingStatus, 'CANCELLED');

  const { reportId } = await reports.createReport(
    ReportsSpApi.CreateReportSpecification.constructFromObject(specification),
  );
  let report = await reports.getReport(reportId);
  const deadline = Date.now() + 30_000;
  while (!['DONE', 'FATAL', 'CANCELLED'].includes(report.processingStatus) && Date.now() < deadline) {
    await sleep(1000);
    report = await reports.getReport(reportId);
  }
  assert.equal(report.processingStatus, 'DONE');
  assert.ok(report.createdTime instanceof Date && !Number.isNaN(report.createdTime.getTime()));

  const listed = await reports.getReports({ reportTypes: ['GET_SALES_AND_TRAFFIC_REPORT'] });
  const statuses = Object.fromEntries(listed.reports.map((r) => [r.reportId, r.processingStatus]));
  assert.equal(statuses[reportId], 'DONE');
  assert.equal(statuses[cancelled], 'CANCELLED');

  const document = await reports.getReportDocument(report.reportDocumentId);
  assert.equal(document.reportDocumentId, report.reportDocumentId);
  assert.equal(document.compressionAlgorithm, 'GZIP');
  // A presigned link: fetched with no header of the API at all.
  const download = await fetch(document.url);
  assert.equal(download.status, 200);
  const content = JSON.parse(gunzipSync(Buffer.from(await download.arrayBuffer())).toString('utf8'));
  assert.equal(content.reportSpecification.reportType, 'GET_SALES_AND_TRAFFIC_REPORT');
  assert.ok(content.salesAndTrafficByAsin.length > 0);
  assert.equal(content.salesAndTrafficByDate.length, 7);
});

test('a 429 with Amazon\'s error body, and the retry after it succeeds', async () => {
  // Every second getCatalogItem call (the first among them) answers 429, as a throttled
  // Amazon does; the SDK leaves retrying to the caller, as its sample app shows.
  await json('PUT', '/sandbox/faults', {
    rules: [{ upstream: 'sp', operation: 'getCatalogItem', tooManyRequests: 0.5 }],
  });
  const asin = (await listings.searchListingsItems(SELLER, [US], { pageSize: 1, includedData: ['summaries'] }))
    .items[0].summaries[0].asin;
  await assert.rejects(catalog.getCatalogItem(asin, [US]), (error) => {
    assert.equal(error.status, 429);
    assert.equal(error.response.body.errors[0].code, 'QuotaExceeded');
    assert.ok(error.response.headers['x-amzn-requestid']);
    return true;
  });
  await sleep(500);
  const item = await catalog.getCatalogItem(asin, [US]);
  assert.equal(item.asin, asin);
  await fetch(SANDBOX + '/sandbox/faults', { method: 'DELETE' });
  const stats = await json('GET', '/sandbox/stats');
  assert.equal(stats['sp.na.getCatalogItem.fault.429'], 1);
});

test('the SDK\'s user-agent, which has no Language=, is served and recorded as a warning', async () => {
  const stats = await json('GET', '/sandbox/stats');
  const userAgents = stats.warnings.filter((w) => w.header === 'user-agent');
  assert.ok(userAgents.length > 0);
  for (const warning of userAgents) {
    assert.equal(warning.value, SDK_USER_AGENT);
    assert.match(warning.operation, /^sp\.na\./);
  }
  assert.deepEqual(stats.warnings.filter((w) => w.header !== 'user-agent'), [],
    'the SDK sends the spec\'s Accept and Content-Type');
});
