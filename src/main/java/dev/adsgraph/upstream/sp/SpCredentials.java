package dev.adsgraph.upstream.sp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import dev.adsgraph.upstream.lwa.LwaCredentials;

/**
 * What an SP-API call is made with: the SP-API LWA application with the seller's refresh
 * token (a separate application from the Ads API one; shared/reference/amazon-apis.md
 * section 2), and the selling partner id the refresh token belongs to.
 * {@link #toString()} never prints secrets.
 *
 * @param lwa LWA application credentials and the seller's refresh token
 * @param sellingPartnerId the seller's merchant id, may be null when it is not known yet
 * (the refresh token then stands for the seller in rate-limit keys)
 */
public record SpCredentials(LwaCredentials lwa, String sellingPartnerId) {

	public SpCredentials {
		Objects.requireNonNull(lwa, "lwa");
	}

	/**
	 * Who Amazon counts a call against: rate limits apply per selling partner and
	 * application pair. Without a selling partner id, a digest of the refresh token (one
	 * seller's grant to one application) partitions as well and never exposes the secret.
	 */
	String rateLimitPartition() {
		if (this.sellingPartnerId != null && !this.sellingPartnerId.isBlank()) {
			return this.sellingPartnerId;
		}
		return "refresh-token:" + sha256(Objects.requireNonNull(this.lwa.refreshToken(), "lwa.refreshToken"));
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

	@Override
	public String toString() {
		return "SpCredentials[lwa=" + this.lwa + ", sellingPartnerId=" + this.sellingPartnerId + "]";
	}

}
