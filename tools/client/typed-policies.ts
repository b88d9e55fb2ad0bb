// Compile-time checks of the typed cache policies (`tsc --strict`; never run): the generated
// typePolicies fit typescript-apollo-client-helpers' types, and a policy a client adds for a type
// or field the schema does not have fails the build.
import type { StrictTypedTypePolicies } from './gql/apollo-helpers';
import { typePolicies } from './gql/type-policies';

/** The generated policies, extended as a dashboard would: a read function on a field. */
export const extended: StrictTypedTypePolicies = {
  ...typePolicies,
  Product: { fields: { asin: { read: (asin: string | undefined) => asin?.toUpperCase() } } },
};

export const misspelledType: StrictTypedTypePolicies = {
  // @ts-expect-error the schema has no type Prodcut
  Prodcut: { merge: true },
};

export const misspelledField: StrictTypedTypePolicies = {
  // @ts-expect-error Product has no field asn
  Product: { fields: { asn: { read: () => 'B07N4M94X4' } } },
};
