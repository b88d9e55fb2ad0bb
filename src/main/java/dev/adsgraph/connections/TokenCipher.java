package dev.adsgraph.connections;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts refresh tokens for the database with AES-256-GCM: a random 96-bit nonce, then
 * the ciphertext and its 128-bit tag. The associated data names the row the token belongs
 * to, so a ciphertext copied to another row does not decrypt. Each ciphertext is stored
 * with the id of the key that made it; new ones use the primary key, and every key given
 * can still decrypt, so keys can be rotated ({@link ConnectionStore#reencrypt()}).
 */
public final class TokenCipher {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretKey> keys;

	private final String primaryKeyId;

	/**
	 * @param keys the keys by id, each 32 bytes
	 * @param primaryKeyId the key new ciphertexts use; one of {@code keys}
	 */
	public TokenCipher(Map<String, byte[]> keys, String primaryKeyId) {
		if (!keys.containsKey(primaryKeyId)) {
			throw new IllegalArgumentException(
					"The primary key '" + primaryKeyId + "' is not among the keys " + keys.keySet());
		}
		Map<String, SecretKey> copy = new LinkedHashMap<>();
		keys.forEach((id, key) -> {
			if (key.length != 32) {
				throw new IllegalArgumentException(
						"The key '" + id + "' has " + key.length + " bytes; AES-256 needs 32");
			}
			copy.put(id, new SecretKeySpec(key.clone(), "AES"));
		});
		this.keys = Map.copyOf(copy);
		this.primaryKeyId = primaryKeyId;
	}

	public String primaryKeyId() {
		return this.primaryKeyId;
	}

	public Set<String> keyIds() {
		return this.keys.keySet();
	}

	/** The token encrypted under the primary key, bound to {@code context}. */
	public byte[] encrypt(String token, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.primaryKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is required by every Java platform", ex);
		}
	}

	/**
	 * The token {@code ciphertext} holds.
	 * @throws UndecryptableTokenException when the key is unknown or the ciphertext was
	 * not made for {@code context} under that key
	 */
	public String decrypt(byte[] ciphertext, String keyId, String context) {
		SecretKey key = this.keys.get(keyId);
		if (key == null) {
			throw new UndecryptableTokenException("the key '" + keyId + "' it was encrypted with is not configured");
		}
		if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new UndecryptableTokenException("the ciphertext is too short");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new UndecryptableTokenException(
					"the ciphertext does not verify under the key '" + keyId + "' (another key, or another row's)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is required by every Java platform", ex);
		}
	}

	/** A stored token that cannot be decrypted with the configured keys. */
	public static final class UndecryptableTokenException extends RuntimeException {

		UndecryptableTokenException(String reason) {
			super("The refresh token cannot be decrypted: " + reason);
		}

	}

}
