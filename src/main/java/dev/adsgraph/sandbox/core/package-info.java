/**
 * Shared by every simulated API: {@code Reply} (an answer as Amazon sends it),
 * {@code SandboxJson}, {@code ApiException} (an expected error answer),
 * {@code PageTokens}, {@code Faults} (the injected failures that
 * {@code PUT /sandbox/faults} sets), {@code Stats} (call counts per operation),
 * {@code ReportDocuments} (the download links that Ads and SP-API reports hand out) and
 * {@code ReportHold} (reports kept in progress until a test releases them).
 */
package dev.adsgraph.sandbox.core;
