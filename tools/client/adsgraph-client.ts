// A typed Adsgraph client with Apollo Client 4, as a dashboard would write it (docs/client.md).
// The documents come from GraphQL Code Generator (`npm run codegen`, into ./gql/): each is a
// TypedDocumentNode, so the result and the variables of every call below are checked by
// `tsc --strict` (`npm run typecheck`). The build compiles this file; it is not run as such
// (tools/apollo-client-test.mjs runs the same links against a gateway).
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

import {
  ProductsDocument,
  ProfilesDocument,
  RegisterDocument,
  RegistrationDocument,
  type AdsAccountStatus,
  type ProductsQuery,
} from './gql/graphql';
import { typePolicies } from './gql/type-policies';

export { mergedTypes, typePolicies, unmergedTypes } from './gql/type-policies';

export interface AdsgraphOptions {
  /** The gateway's endpoint, `https://adsgraph.example.com/graphql`. */
  readonly url: string;
  /** The API key, sent as `X-Api-Key` over HTTP and in `connection_init` over the WebSocket. */
  readonly apiKey: string;
  /** Sent as `apollographql-client-name` and `-version` (Apollo's client awareness). */
  readonly clientName: string;
  readonly clientVersion: string;
}

/** The SHA-256 of a document as lowercase hex, with Web Crypto (browsers, Node.js 20+). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The cache a client of this schema wants: `merge: true` on every object type without an `id`
 * (figures, money, addresses: each a value of the object that holds it, so two operations that
 * select different fields of it on the same parent are merged, not one lost), and
 * `relayStylePagination` on the connection fields. Both are derived from the schema by
 * `npm run codegen` (./gql/type-policies.ts; docs/client.md, "The cache"). Add your own policies
 * as `{ ...typePolicies, Product: { fields: { ... } } }`: `StrictTypedTypePolicies` from
 * ./gql/apollo-helpers checks their type and field names.
 */
export function createAdsgraphCache(): InMemoryCache {
  return new InMemoryCache({ typePolicies });
}

/**
 * Queries and mutations over HTTP, queries as hash-only GETs (automatic persisted queries:
 * the document is sent once per gateway replica, then only its hash); subscriptions over
 * `graphql-transport-ws` at `/graphql-ws`.
 */
export function createAdsgraphClient(options: AdsgraphOptions): ApolloClient {
  const http = new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
    new HttpLink({ uri: options.url, headers: { 'X-Api-Key': options.apiKey } }),
  );
  const ws = new GraphQLWsLink(
    createClient({
      url: options.url.replace(/^http/, 'ws').replace(/\/graphql$/, '/graphql-ws'),
      connectionParams: { 'X-Api-Key': options.apiKey },
    }),
  );
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return (
        definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION
      );
    },
    ws,
    http,
  );
  return new ApolloClient({
    link,
    cache: createAdsgraphCache(),
    clientAwareness: { name: options.clientName, version: options.clientVersion },
  });
}

/** The profiles' ids by country, from the example query `Profiles`. */
export async function profileIdsByCountry(client: ApolloClient): Promise<Map<string, string[]>> {
  const { data } = await client.query({ query: ProfilesDocument });
  const byCountry = new Map<string, string[]>();
  for (const profile of data?.profiles ?? []) {
    if (profile) {
      byCountry.set(profile.countryCode, [...(byCountry.get(profile.countryCode) ?? []), profile.id]);
    }
  }
  return byCountry;
}

/** One row of a product table. */
export type ProductRow = NonNullable<NonNullable<NonNullable<ProductsQuery['products']>['nodes']>[number]>;

/** A money amount as the codegen's scalar mapping types it (docs/schema.md). */
export type Amount = NonNullable<NonNullable<ProductRow['advertising']>['spend']>['amount'];

/** The ASIN join for a date range (`YYYY-MM-DD`, the `Date` scalar), with the spend per ASIN. */
export async function productSpend(
  client: ApolloClient,
  start: string,
  end: string,
): Promise<{ asin: string; spend: Amount | null }[]> {
  const { data } = await client.query({ query: ProductsDocument, variables: { start, end } });
  return (data?.products?.nodes ?? []).flatMap((row) =>
    row ? [{ asin: row.asin, spend: row.advertising?.spend?.amount ?? null }] : [],
  );
}

/** Registers seller A17CEDARLN4PTS with an accepted terms token; the new account's id. */
export async function register(client: ApolloClient, token: string): Promise<string | undefined> {
  const { data } = await client.mutate({
    mutation: RegisterDocument,
    variables: { token, key: crypto.randomUUID() },
  });
  return data?.registerAdsAccount?.adsAccount?.id;
}

/** Follows a registration until its terminal status; the statuses in order. */
export function followRegistration(client: ApolloClient, id: string): Promise<AdsAccountStatus[]> {
  return new Promise((resolve, reject) => {
    const statuses: AdsAccountStatus[] = [];
    client.subscribe({ query: RegistrationDocument, variables: { id } }).subscribe({
      next: ({ data, error }) => {
        if (error) {
          reject(error);
        } else if (data?.adsAccountStatus) {
          statuses.push(data.adsAccountStatus.status);
        }
      },
      error: reject,
      complete: () => resolve(statuses),
    });
  });
}
