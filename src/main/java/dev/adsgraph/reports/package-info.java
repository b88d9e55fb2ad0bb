/**
 * Upstream reports (Ads sponsored ads reporting v3 now, SP-API reports later) behind an
 * API that never makes a GraphQL request wait for minutes.
 * <ul>
 * <li>{@link dev.adsgraph.reports.ReportEngine} runs one upstream report per
 * {@link dev.adsgraph.reports.ReportKey} (tenant, upstream, scope, type, dates, options)
 * and answers READY, PENDING or FAILED at once; it polls in the background with capped
 * exponential backoff and stops at a terminal state or after the maximum wait.</li>
 * <li>{@link dev.adsgraph.reports.ReportFlow} is what an upstream contributes: create,
 * poll, download.</li>
 * <li>{@link dev.adsgraph.reports.ReportStore} keeps finished results in memory for their
 * time to live; in Redis mode {@code SharedReports} makes one upstream report per key
 * across replicas (a claim with expiry, the result stored once), see
 * docs/scale-out.md.</li>
 * <li>{@link dev.adsgraph.reports.AdsProductReports} is the sponsored products source the
 * products graph calls.</li>
 * </ul>
 * Depends on {@code upstream} only (and on the {@code redis} package for the connection
 * settings of Redis mode): tenants arrive as plain ids with their credentials.
 */
package dev.adsgraph.reports;
