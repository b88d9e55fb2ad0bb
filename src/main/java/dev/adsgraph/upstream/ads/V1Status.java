package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The v1 {@code Status} of a campaign, ad group, ad or target: {@code deliveryStatus}
 * DELIVERING, LIMITED, NOT_DELIVERING or UNAVAILABLE, and the reasons (codes such as
 * CAMPAIGN_PAUSED) when it is not delivering.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V1Status(String deliveryStatus, List<String> deliveryReasons) {
}
