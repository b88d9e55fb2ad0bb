package dev.adsgraph.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The contract files in {@code src/test/resources/contracts/} (Amazon's OpenAPI files and
 * Swagger models, trimmed), read as plain trees: which operationId a file declares for a
 * method and path. YAML reads JSON too, so one parser serves both kinds of file.
 */
public final class ContractFiles {

	private static final Map<String, Map<String, Object>> FILES = new ConcurrentHashMap<>();

	private ContractFiles() {
	}

	/**
	 * The operationId that {@code file} (relative to {@code contracts/}) declares for
	 * this method and path template, or null when it declares no such operation.
	 */
	public static String operationId(String file, String method, String path) {
		Map<String, Object> paths = map(spec(file).get("paths"));
		Map<String, Object> operations = map(paths.get(path));
		Map<String, Object> operation = map(operations.get(method.toLowerCase(Locale.ROOT)));
		Object id = operation.get("operationId");
		return (id != null) ? id.toString() : null;
	}

	private static Map<String, Object> spec(String file) {
		return FILES.computeIfAbsent(file, ContractFiles::read);
	}

	private static Map<String, Object> read(String file) {
		String resource = "contracts/" + file;
		try (InputStream in = ContractFiles.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No contract file " + resource);
			}
			LoaderOptions options = new LoaderOptions();
			options.setCodePointLimit(16 * 1024 * 1024);
			return new Yaml(options).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		return (node instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
