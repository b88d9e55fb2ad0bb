package dev.adsgraph.admin;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adsgraph.admin.*}: the credential of the admin API ({@code /admin/**}). Without
 * one the admin API is off and every {@code /admin} path answers 404. In sandbox mode a
 * demo token is configured unless one of these is set (docs/admin.md).
 *
 * @param token the admin token in plain text, at least 16 characters; accepted with a
 * start-up warning, prefer {@code token-sha256}
 * @param tokenSha256 the hex SHA-256 of the admin token (optionally prefixed
 * {@code sha256:}), so that the configuration holds no usable token; the token is sent as
 * {@code Authorization: Bearer <token>}
 */
@ConfigurationProperties("adsgraph.admin")
public record AdminProperties(String token, String tokenSha256) {

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

	public AdminProperties {
		boolean plain = token != null && !token.isBlank();
		boolean hashed = tokenSha256 != null && !tokenSha256.isBlank();
		// The messages never quote a value: a token pasted into the wrong setting must
		// not reach a log.
		if (plain && hashed) {
			throw new IllegalArgumentException(
					"adsgraph.admin.token and adsgraph.admin.token-sha256 are both set; keep only token-sha256");
		}
		if (plain && token.length() < 16) {
			throw new IllegalArgumentException("adsgraph.admin.token must be at least 16 characters long");
		}
		if (hashed && !SHA256_HEX.matcher(strip(tokenSha256)).matches()) {
			throw new IllegalArgumentException("adsgraph.admin.token-sha256 must be 64 hexadecimal characters, "
					+ "optionally prefixed 'sha256:' (printf %s \"$TOKEN\" | sha256sum)");
		}
	}

	/** Whether an admin token is configured, so the admin API is on. */
	public boolean enabled() {
		return digest() != null;
	}

	/** The SHA-256 of the admin token; null when none is configured. */
	byte[] digest() {
		if (this.tokenSha256 != null && !this.tokenSha256.isBlank()) {
			return HexFormat.of().parseHex(strip(this.tokenSha256).toLowerCase(Locale.ROOT));
		}
		if (this.token != null && !this.token.isBlank()) {
			return dev.adsgraph.tenancy.ApiKeyResolver.sha256(this.token);
		}
		return null;
	}

	private static String strip(String hex) {
		String stripped = hex.strip();
		return stripped.toLowerCase(Locale.ROOT).startsWith("sha256:") ? stripped.substring("sha256:".length())
				: stripped;
	}

	@Override
	public String toString() {
		return "AdminProperties[token=***, tokenSha256=***]";
	}

}
