package dev.adsgraph.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifier formats as Amazon shows them. Fixtures draw from a seeded {@link Random} so
 * their ids are the same on every run; runtime ids come from {@link SecureRandom}.
 */
final class Ids {

	private static final String LOWER36 = "0123456789abcdefghijklmnopqrstuvwxyz";

	private static final String UPPER36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	// Profile ids are int64: all of them exceed 2^31 (and EU/FE ones 2^32) so a client
	// that
	// squeezes them into an int breaks at once, yet stay below 2^53 so JSON doubles keep
	// them exact.
	private static final Map<AdsRegion, long[]> PROFILE_ID_BASE_AND_STEP = Map.of(AdsRegion.NA,
			new long[] { 3_162_450_117L, 1_048_583L }, AdsRegion.EU, new long[] { 4_301_822_093L, 2_097_169L },
			AdsRegion.FE, new long[] { 1_148_302_799_624_011L, 7_340_033L });

	private final Random random;

	private final Map<AdsRegion, AtomicLong> profileSequence = new EnumMap<>(AdsRegion.class);

	private Ids(Random random) {
		this.random = random;
		for (AdsRegion region : AdsRegion.values()) {
			this.profileSequence.put(region, new AtomicLong());
		}
	}

	static Ids seeded(long seed) {
		return new Ids(new Random(seed));
	}

	static Ids secure() {
		return new Ids(new SecureRandom());
	}

	/**
	 * Continues another sequence's profile ids so runtime profiles never collide with
	 * fixtures.
	 */
	Ids continuing(Ids other) {
		other.profileSequence.forEach((region, next) -> this.profileSequence.get(region).set(next.get()));
		return this;
	}

	/**
	 * {@code amzn1.ads-account.g.} followed by 25 base-36 characters, as in Amazon's
	 * samples.
	 */
	String adsAccountId() {
		return "amzn1.ads-account.g." + chars(LOWER36, 25);
	}

	String entityId() {
		return "ENTITY" + chars(UPPER36, 13);
	}

	/** A merchant id in Seller Central's style (A + 13 characters). */
	String sellerId() {
		return "A" + chars(UPPER36, 13);
	}

	String accessToken() {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		return "Atza|IwEB" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	String token(String prefix) {
		return prefix + chars(LOWER36, 28);
	}

	long profileId(AdsRegion region) {
		long[] baseAndStep = PROFILE_ID_BASE_AND_STEP.get(region);
		return baseAndStep[0] + this.profileSequence.get(region).getAndIncrement() * baseAndStep[1];
	}

	private String chars(String alphabet, int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return out.toString();
	}

}
