package dev.adsgraph.connections;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.connections.*}: how the connections' refresh tokens are encrypted at
 * rest (docs/connections.md).
 *
 * @param encryptionKeys the AES-256 keys by id, each 32 random bytes in base64 (e.g.
 * {@code ADSGRAPH_CONNECTIONS_ENCRYPTIONKEYS_K2026=$(openssl rand -base64 32)}); tokens
 * encrypted under any of them can be read, new ones use {@code primary-key-id}. When none
 * is set, the key in {@code key-file} is used, and made on first start.
 * @param primaryKeyId the key new tokens are encrypted under; required when more than one
 * key is set
 * @param keyFile where the gateway keeps the key it made itself when no key is configured
 * (one line, {@code id=base64}, readable by the owner only), next to the embedded
 * database's data by default; fine for a laptop, not for a deployment
 */
@Validated
@ConfigurationProperties("adsgraph.connections")
public record ConnectionsProperties(@NotNull @DefaultValue Map<String, String> encryptionKeys, String primaryKeyId,
		@NotBlank @DefaultValue("./data/connection-key") String keyFile) {

}
