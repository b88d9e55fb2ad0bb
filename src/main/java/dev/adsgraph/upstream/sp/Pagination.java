package dev.adsgraph.upstream.sp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Catalog and listings searches: an absent {@code nextToken} marks the last page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pagination(String nextToken, String previousToken) {
}
