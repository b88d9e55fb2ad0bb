// graphql-schema-linter's rules for schema/*.graphqls, run by SchemaLintTest in `mvn verify`
// (from the repository root: graphql-schema-linter --config-directory tools) and by
// `npm run lint:schema` here. The lint must find nothing.
//
// - Every type, field, argument, input field and enum value has a description: front-end
//   tools (GraphiQL, GraphQL Code Generator's comments, editors) show them, and the README
//   promises them.
// - Every type is used somewhere (defined-types-are-used).
// - Relay: only relay-connection-arguments-spec (every field returning a *Connection takes
//   `first` and `after`). relay-connection-types-spec and relay-page-info-spec are left out
//   until the connections are Relay-complete (issue 13, item 6): ProductConnection has no
//   `edges`, and PageInfo has no `hasPreviousPage` or `startCursor`, so both fail today.
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
    'relay-connection-arguments-spec',
  ],
};
