package dev.adsgraph.sandbox;

/** The three Ads API hosts; the sandbox serves each under {@code /ads/<path>}. */
enum AdsRegion {

	NA("na"), EU("eu"), FE("fe");

	private final String path;

	AdsRegion(String path) {
		this.path = path;
	}

	String path() {
		return this.path;
	}

}
