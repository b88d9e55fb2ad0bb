import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

const contracts = '../../src/test/resources/contracts/ads-api';
const endpoint = process.env.ADS_API_URL;
if (!endpoint) throw new Error('ADS_API_URL is not set');

const operationHeaders = {
  Authorization: '{context.headers.authorization}',
  'Amazon-Advertising-API-ClientId': '{context.headers.amazon-advertising-api-clientid}',
  'Amazon-Advertising-API-Scope': '{context.headers.amazon-advertising-api-scope}',
};

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Profiles', {
        source: `${contracts}/Profiles_prod_3p.yaml`,
        endpoint,
        operationHeaders,
      }),
    },
    {
      sourceHandler: loadOpenAPISubgraph('AdsAccounts', {
        source: `${contracts}/AdvertisingAccounts_prod_3p.json`,
        endpoint,
        operationHeaders,
        selectQueryOrMutationField: [{ type: 'query', fieldName: 'ListAdsAccounts' }],
      }),
    },
  ],
});
