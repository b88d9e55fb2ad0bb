import { defineConfig } from '@graphql-hive/gateway';

// Production settings for the benchmark peer: no GraphiQL or landing page, nothing reported to
// any registry or tracing backend (none is configured). The Ads API headers are forwarded by the
// supergraph's transport (operationHeaders in mesh.config.ts), so no header plugin is needed here.
export const gatewayConfig = defineConfig({
  graphiql: false,
  landingPage: false,
});
