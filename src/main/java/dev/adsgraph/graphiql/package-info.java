/**
 * The GraphiQL page, served from the jar with no request leaving the gateway: GraphiQL
 * and React come from webjars on the classpath ({@link dev.adsgraph.pages.PageAssets}),
 * the page opens with one tab per example operation of {@code examples/}
 * ({@link dev.adsgraph.graphiql.Examples}) and, in sandbox mode only, with the demo
 * tenant's API key in the headers ({@link dev.adsgraph.graphiql.GraphiQlPage}).
 */
package dev.adsgraph.graphiql;
