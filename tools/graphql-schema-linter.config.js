// graphql-schema-linter's rules for schema/*.graphqls, run by SchemaLintTest in `mvn verify`
// (from the repository root: graphql-schema-linter --config-directory tools) and by
// `npm run lint:schema` here. The lint must find nothing.
//
// - Every type, field, argument, input field and enum value has a description: front-end
//   tools (GraphiQL, GraphQL Code Generator's comments, editors) show them, and the README
//   promises them.
// - Every type is used somewhere (defined-types-are-used).
// - Relay (https://relay.dev/graphql/connections.htm): every *Connection type has `edges` of an
//   edge type with `cursor` and `node`, and `pageInfo: PageInfo!`; every field returning one
//   takes `first` and `after` or `last` and `before`; PageInfo has hasNextPage,
//   hasPreviousPage, startCursor and endCursor. Apollo's relayStylePagination and Relay page
//   the connections with these.
module.exports = {
  schemaPaths: ['../schema/*.graphqls'],
  rules: [
    'types-have-descriptions',
    'fields-have-descriptions',
    'arguments-have-descriptions',
    'input-object-values-have-descriptions',
    'enum-values-have-descriptions',
    'defined-types-are-used',
    'deprecations-have-a-reason',
    'relay-connection-types-spec',
    'relay-connection-arguments-spec',
    'relay-page-info-spec',
  ],
};
