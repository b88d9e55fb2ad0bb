// Apollo Client 4 for a plain browser page: `node tools/client/browser-bundle.mjs <out.js>` bundles
// it with esbuild into one script that sets window.adsgraphApollo. CorsBrowserTest loads it into
// a page on another origin and queries the gateway with Apollo's client awareness and a
// traceparent header (docs/client.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const entry = `import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
window.adsgraphApollo = { ApolloClient, HttpLink, InMemoryCache, gql };`;

await build({
  stdin: { contents: entry, resolveDir: path.dirname(fileURLToPath(import.meta.url)), loader: 'js' },
  bundle: true,
  format: 'iife',
  target: 'es2022',
  outfile: process.argv[2],
  logLevel: 'warning',
});
