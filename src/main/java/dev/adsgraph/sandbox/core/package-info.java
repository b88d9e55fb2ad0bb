/**
 * Shared by every simulated API: {@code Reply} (an answer as Amazon sends it),
 * {@code SandboxJson}, {@code ApiException} (an expected error answer),
 * {@code PageTokens}, {@code Faults} (the injected failures that
 * {@code PUT /sandbox/faults} sets), {@code Stats} (call counts per operation),
 * {@code ReportDocuments} (the report files Ads and SP-API reports hand out, behind
 * {@code PresignedUrls}, answered as S3 answers, {@code S3Error}) and {@code ReportHold}
 * (reports kept in progress until a test releases them).
 */
package dev.adsgraph.sandbox.core;
