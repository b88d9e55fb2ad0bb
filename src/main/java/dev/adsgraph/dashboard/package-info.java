/**
 * The example dashboard at {@code /dashboard}: a static page and a small script that use
 * nothing but the public GraphQL endpoint, with Chart.js from its webjar, so it works
 * with no network beyond the gateway. The gateway only serves it; everything it shows
 * comes from {@code /graphql}.
 */
package dev.adsgraph.dashboard;
