// Composes the peer's supergraph from the Ads API contract files the repository carries
// (src/test/resources/contracts/ads-api, trimmed copies of Amazon's OpenAPI files).
// ADS_API_URL is the Ads API host both sources call, e.g. http://127.0.0.1:9090/ads/na for the
// sandbox's NA host. run.sh sets it and runs mesh-compose from this directory.
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

const contracts = '../../src/test/resources/contracts/ads-api';

function adsApiUrl(): string {
  const value = process.env.ADS_API_URL;
  if (!value) {
    throw new Error('ADS_API_URL is not set; it must be the Ads API host, e.g. http://127.0.0.1:9090/ads/na');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADS_API_URL is not a URL: '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`ADS_API_URL must be an http or https URL, was '${value}'`);
  }
  return value.replace(/\/+$/, '');
}

const endpoint = adsApiUrl();

// The load generator sends the Ads API headers with its GraphQL request; the REST transport
// copies them upstream per call. A header the request lacks is not sent (empty values are
// dropped), so the profile scope goes out only when the client gave one. These also make the
// spec's Amazon-Advertising-API-ClientId header parameter optional in the GraphQL schema.
const operationHeaders = {
  Authorization: '{context.headers.authorization}',
  'Amazon-Advertising-API-ClientId': '{context.headers.amazon-advertising-api-clientid}',
  'Amazon-Advertising-API-Scope': '{context.headers.amazon-advertising-api-scope}',
};

export const composeConfig = defineConfig({
  subgraphs: [
    {
      // GET /v2/profiles (listProfiles), GET /v2/profiles/{profileId} (getProfileById)
      sourceHandler: loadOpenAPISubgraph('Profiles', {
        source: `${contracts}/Profiles_prod_3p.yaml`,
        endpoint,
        operationHeaders,
      }),
    },
    {
      // POST /adsAccounts/list is a read; exposing it as a Query lets one request ask for
      // profiles and ads accounts together (a mutation could not select listProfiles).
      sourceHandler: loadOpenAPISubgraph('AdsAccounts', {
        source: `${contracts}/AdvertisingAccounts_prod_3p.json`,
        endpoint,
        operationHeaders,
        selectQueryOrMutationField: [{ type: 'query', fieldName: 'ListAdsAccounts' }],
      }),
    },
  ],
});
