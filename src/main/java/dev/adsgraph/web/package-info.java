/**
 * The HTTP filters in front of the GraphQL endpoint, in the order a request meets them:
 * CORS ({@code CorsFilterConfiguration} from {@code CorsProperties},
 * {@code HIGHEST_PRECEDENCE + 5}: a preflight carries no key, and the refusals after it
 * must carry CORS headers), the API key ({@code ApiKeyWebFilter}, {@code + 10}: resolves
 * the tenant), the request rate per API key ({@code RequestRateLimitWebFilter},
 * {@code + 15}, with its {@code RequestBucketStore} and {@code RequestRateProperties}),
 * HTTP errors ({@code HttpErrorsWebFilter}, {@code + 17}: a GraphQL-shaped answer to
 * requests that are not GraphQL requests) and the body size
 * ({@code RequestBodyLimitWebFilter}, {@code + 20}: 413 for bodies over
 * {@code adsgraph.limits.max-body-size}). A stranger learns nothing but 401, and a
 * throttled caller's body is never read. Behind them, {@code GraphQlHttpHandler} serves
 * GraphQL over HTTP, POST and GET (for queries, with {@code ETag} and 304), and every
 * refusal of the filters is a GraphQL error body in the media type the caller accepts
 * ({@code ErrorResponses}).
 */
package dev.adsgraph.web;
