package dev.adsgraph.upstream.sp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of an SP-API {@code errors} list, the same in both envelope families
 * (shared/reference/amazon-apis.md section 5). fbaInventory.json requires only
 * {@code code}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SpError(String code, String message, String details) {
}
