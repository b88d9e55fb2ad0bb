package dev.adsgraph.testing;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

import dev.adsgraph.database.EmbeddedPostgresServer;

/**
 * The data folder of an embedded PostgreSQL that a gateway started in another process
 * (the packaged jar in the integration tests, the benchmark's gateways and training
 * start) used: cleared for the next run.
 */
public final class GatewayDataFolder {

	private GatewayDataFolder() {
	}

	/**
	 * Stops a PostgreSQL server left running on the folder (a gateway killed before it
	 * could stop it, or a jar that does not stop it before its JVM halts), then deletes
	 * the folder.
	 * @param dataDirectory the folder; nothing happens when it does not exist
	 * @throws IOException when the server cannot be stopped or the folder deleted
	 * @throws IllegalStateException when a running gateway still holds the folder
	 */
	public static void stopAndDelete(Path dataDirectory) throws IOException {
		EmbeddedPostgresServer.stopLeftOver(dataDirectory);
		FileSystemUtils.deleteRecursively(dataDirectory);
	}

}
