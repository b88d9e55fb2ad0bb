// A GraphQL Code Generator plugin (tools/codegen.ts runs it into client/gql/type-policies.ts): the
// InMemoryCache type policies derived from schema/*.graphqls, so no list is kept by hand and a new
// type gets its policy from the next `npm run codegen` (docs/client.md, "The cache").
//
// - `merge: true` for every object type without an `id` that a query can reach (AccountInfo,
//   AdPerformance, Money, Freshness, addresses, ...). Such an object has no identity of its own:
//   the cache stores it inside the field of its parent, and it is a value of that parent (the
//   parent's id says whose figures or whose account info it is; docs/schema.md, "Ids, and
//   normalised caches"). Two operations that select different fields of it on the same parent
//   then read the same value, so their answers are merged field by field instead of the later one
//   replacing the earlier and losing its fields (Apollo's "Cache data may be lost" warning).
// - `relayStylePagination(keyArgs)` for every field that returns a Relay connection, keyed by its
//   arguments other than first, after, last and before: the pages of one list are one entry.
//
// Object types without an `id` left out, each with its reason (the generated file lists them):
// - the root types;
// - what a mutation or a subscription field returns (payloads, events), and what only they reach
//   (UserError, a batch's per-item results): each is the answer of one request or one event,
//   never a later view of the same value, so merging two of them would mix two answers;
// - connections, their edges and PageInfo: a page belongs to its request; how pages combine is
//   the connection field's relayStylePagination, which rebuilds `edges` and `pageInfo` itself.
//
// Nullability does not matter here: every field's type is unwrapped to its named type.
const { getNamedType, isInterfaceType, isObjectType, isUnionType } = require('graphql');

const PAGING_ARGUMENTS = new Set(['first', 'after', 'last', 'before']);

/** A Relay connection: `edges` and `pageInfo`. */
function isConnection(type) {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return fields.edges !== undefined && fields.pageInfo !== undefined;
}

/** The object types a type leads to through its fields (interfaces and unions: their members). */
function objectTypesOf(schema, type) {
  if (isObjectType(type)) return [type];
  if (isInterfaceType(type) || isUnionType(type)) return schema.getPossibleTypes(type);
  return [];
}

/** Every object type reachable from `roots` through fields, the roots included. */
function reachable(schema, roots) {
  const seen = new Set();
  const queue = roots.filter(Boolean).flatMap((root) => objectTypesOf(schema, root));
  while (queue.length > 0) {
    const type = queue.shift();
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      queue.push(...objectTypesOf(schema, getNamedType(field.type)));
    }
  }
  return seen;
}

/** What to do with each object type without an `id`, and the connection fields. */
function derive(schema) {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean);
  const rootNames = new Set(roots.map((root) => root.name));
  // What a mutation answers and what a subscription sends, by type name.
  const answers = new Map();
  for (const [root, reason] of [
    [schema.getMutationType(), "what a mutation answers: one request's result, never merged with another's"],
    [schema.getSubscriptionType(), 'what a subscription sends: one event, never merged with the one before'],
  ]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      for (const type of objectTypesOf(schema, getNamedType(field.type))) answers.set(type.name, reason);
    }
  }
  // What a query reaches without going through a mutation's or a subscription's answer.
  const queried = reachable(schema, [schema.getQueryType()]);
  const pages = new Set();
  const connectionFields = [];
  const objectTypes = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of objectTypes) {
    if (isConnection(type)) {
      pages.add(type.name);
      const fields = type.getFields();
      pages.add(getNamedType(fields.pageInfo.type).name);
      for (const edge of objectTypesOf(schema, getNamedType(fields.edges.type))) pages.add(edge.name);
    }
    for (const field of Object.values(type.getFields())) {
      if (isConnection(getNamedType(field.type)) && queried.has(type.name)) {
        const keyArgs = field.args.map((arg) => arg.name).filter((name) => !PAGING_ARGUMENTS.has(name));
        connectionFields.push({ type: type.name, field: field.name, keyArgs });
      }
    }
  }
  const merged = [];
  const unmerged = [];
  for (const type of objectTypes) {
    if (type.getFields().id !== undefined) continue;
    if (rootNames.has(type.name)) {
      unmerged.push([type.name, 'a root type']);
    } else if (answers.has(type.name)) {
      unmerged.push([type.name, answers.get(type.name)]);
    } else if (!queried.has(type.name)) {
      unmerged.push([type.name, "only inside a mutation's answer or a subscription's event"]);
    } else if (pages.has(type.name)) {
      unmerged.push([type.name, "part of a connection's page: the connection field's relayStylePagination combines the pages"]);
    } else {
      merged.push(type.name);
    }
  }
  return { merged, unmerged, connectionFields };
}

const quote = (text) => JSON.stringify(text);

/** The TypeScript module. `config.helpersImport`: the module of typescript-apollo-client-helpers' types. */
function plugin(schema, _documents, config) {
  const { merged, unmerged, connectionFields } = derive(schema);
  const byType = new Map();
  for (const name of merged) byType.set(name, ['merge: true']);
  for (const { type, field, keyArgs } of connectionFields) {
    const keys = keyArgs.length === 0 ? 'false' : `[${keyArgs.map(quote).join(', ')}]`;
    const entry = byType.get(type) ?? [];
    const fields = `${field}: relayStylePagination(${keys})`;
    const existing = entry.findIndex((part) => part.startsWith('fields: '));
    if (existing >= 0) {
      entry[existing] = entry[existing].replace(/ }$/, `, ${fields} }`);
    } else {
      entry.push(`fields: { ${fields} }`);
    }
    byType.set(type, entry);
  }
  const policies = [...byType.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => `  ${name}: { ${byType.get(name).join(', ')} },`);
  return [
    '// Generated by tools/codegen-type-policies.cjs from schema/*.graphqls (npm run codegen): do not edit.',
    "import { relayStylePagination } from '@apollo/client/utilities';",
    '',
    `import type { StrictTypedTypePolicies } from '${config.helpersImport ?? './apollo-helpers'}';`,
    '',
    '/** The object types without an `id` that a query reaches: each is a value of its parent, merged field by field. */',
    `export const mergedTypes = [${merged.map(quote).join(', ')}] as const;`,
    '',
    '/** The object types without an `id` that are not merged, and why. */',
    'export const unmergedTypes = {',
    ...unmerged.map(([name, reason]) => `  ${name}: ${quote(reason)},`),
    '} as const;',
    '',
    '/**',
    " * InMemoryCache's typePolicies for this schema: `merge: true` on `mergedTypes`, and",
    ' * `relayStylePagination` on every connection field, keyed by its arguments other than the paging ones.',
    ' */',
    'export const typePolicies = {',
    ...policies,
    '} satisfies StrictTypedTypePolicies;',
    '',
  ].join('\n');
}

module.exports = { plugin, derive };
