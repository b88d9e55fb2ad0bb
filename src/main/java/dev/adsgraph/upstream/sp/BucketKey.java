package dev.adsgraph.upstream.sp;

import dev.adsgraph.upstream.Region;

/**
 * Whose bucket a call draws from. Amazon meters per selling partner and application pair
 * and per operation, and every region is a separate deployment with its own buckets.
 *
 * @param region the SP-API region called
 * @param applicationId the LWA client id of the SP-API application
 * @param sellingPartner the selling partner id, or a digest standing for it (never a
 * secret)
 * @param operation the catalogue entry called, whose usage plan the bucket follows
 */
public record BucketKey(Region region, String applicationId, String sellingPartner, SpOperation operation) {

	/** A stable text form, for stores that key by string (Redis). */
	public String asString() {
		return "sp:" + this.region + ":" + this.applicationId + ":" + this.sellingPartner + ":" + this.operation.id();
	}

}
