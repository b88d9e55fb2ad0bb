/**
 * The GraphiQL page, served from the jar with no request leaving the gateway: GraphiQL
 * and React come from webjars on the classpath ({@link dev.adsgraph.pages.PageAssets}),
 * the page opens with one tab per GraphQL example of the README
 * ({@link dev.adsgraph.graphiql.ReadmeExamples}) and, in sandbox mode only, with the demo
 * tenant's API key in the headers ({@link dev.adsgraph.graphiql.GraphiQlPage}).
 */
package dev.adsgraph.graphiql;
