// GraphQL Code Generator over the example operations (examples/*.graphql) and the schema
// (schema/*.graphqls): typed documents (TypedDocumentNode) for Apollo Client in client/gql/, with
// every custom scalar mapped to its wire format (docs/schema.md) and strictScalars on, so a new
// scalar without a mapping stops the generation instead of becoming `any`. client/*.graphql adds the
// client's own operations (a subscription: examples/ holds what runs over POST). Run with
// `npm run codegen` in tools/ (ApolloClientIT does, then `tsc --strict`; docs/client.md).
//
// client/gql/type-policies.ts: InMemoryCache's typePolicies derived from the schema by
// codegen-type-policies.cjs (which types merge, which connection fields page, and why), typed
// with typescript-apollo-client-helpers' StrictTypedTypePolicies (client/gql/apollo-helpers.ts), so
// a policy a client adds for a type or field the schema does not have fails `tsc`.
import path from 'node:path';

import type { CodegenConfig } from '@graphql-codegen/cli';

const root = path.resolve(__dirname, '..');

const config: CodegenConfig = {
  schema: path.join(root, 'schema', '*.graphqls'),
  documents: [path.join(root, 'examples', '*.graphql'), path.join(__dirname, 'client', '*.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [path.join(__dirname, 'client', 'gql') + '/']: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          Date: 'string', // "2026-11-24"
          DateTime: 'string', // "2026-11-24T19:34:41.000Z"
          CountryCode: 'string', // "GB"
          Currency: 'string', // "USD"
          Url: 'string', // "https://…"
          Decimal: 'string', // "12.50": money amounts, exact decimal strings
        },
      },
    },
    [path.join(__dirname, 'client', 'gql', 'apollo-helpers.ts')]: {
      plugins: ['typescript-apollo-client-helpers'],
      config: { useTypeImports: true },
    },
    [path.join(__dirname, 'client', 'gql', 'type-policies.ts')]: {
      plugins: [path.join(__dirname, 'codegen-type-policies.cjs')],
      config: { helpersImport: './apollo-helpers' },
    },
  },
};

export default config;
