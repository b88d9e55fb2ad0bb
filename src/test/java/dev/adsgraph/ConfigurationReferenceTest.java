package dev.adsgraph;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The configuration metadata the build writes into the jar
 * ({@code META-INF/spring-configuration-metadata.json}, from the
 * {@code @ConfigurationProperties} records' Javadoc and
 * {@code additional-spring-configuration-metadata.json}) describes every
 * {@code adsgraph.*} setting, and {@code docs/configuration.md} is generated from it.
 * When a setting changes, this test fails and writes the new reference to
 * {@code target/configuration.md}; copy it over {@code docs/configuration.md}.
 */
class ConfigurationReferenceTest {

	static final Path REFERENCE = Path.of("docs/configuration.md");

	static final Path GENERATED = Path.of("target/configuration.md");

	/**
	 * The line after which docs/configuration.md is generated; the prose above it is
	 * kept.
	 */
	static final String MARKER = "<!-- Generated from the configuration metadata below this line. -->";

	private static final Pattern INLINE_TAG = Pattern.compile("\\{@(code|link|linkplain|literal) ([^}]*)}");

	private static final Pattern PACKAGE = Pattern.compile("\\b[a-z][a-z0-9_]*\\.(?=[a-zA-Z])");

	@Test
	void everyAdsgraphSettingHasADescription() throws IOException {
		List<JsonNode> properties = adsgraphProperties();
		assertThat(properties).hasSizeGreaterThan(80);
		assertThat(properties).filteredOn((property) -> property.path("description").asString("").isBlank())
			.extracting((property) -> property.get("name").asString())
			.as("settings without a description: give their record component a Javadoc @param")
			.isEmpty();
	}

	@Test
	void theConfigurationReferenceIsGeneratedFromTheMetadata() throws IOException {
		String current = Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "";
		String expected = render(current, adsgraphGroups(), adsgraphProperties());
		if (!expected.equals(current)) {
			Files.writeString(GENERATED, expected);
			fail("docs/configuration.md differs from the configuration metadata (first at line "
					+ firstDifference(current, expected) + "); this test wrote the expected file: "
					+ "cp target/configuration.md docs/configuration.md, and review the diff");
		}
	}

	private static int firstDifference(String current, String expected) {
		String[] have = current.split("\n", -1);
		String[] want = expected.split("\n", -1);
		int line = 0;
		while (line < have.length && line < want.length && have[line].equals(want[line])) {
			line++;
		}
		return line + 1;
	}

	/** The prose above the marker, then one table per configuration class. */
	static String render(String current, List<String> groups, List<JsonNode> properties) {
		int marker = current.indexOf(MARKER);
		StringBuilder out = new StringBuilder((marker >= 0) ? current.substring(0, marker) : "# Configuration\n\n");
		out.append(MARKER).append('\n');
		Map<String, List<JsonNode>> sections = new TreeMap<>();
		for (JsonNode property : properties) {
			String name = property.get("name").asString();
			String section = groups.stream()
				.filter((group) -> name.startsWith(group + "."))
				.max(Comparator.comparingInt(String::length))
				.orElse("adsgraph");
			sections.computeIfAbsent(section, (key) -> new ArrayList<>()).add(property);
		}
		sections.forEach((section, entries) -> {
			out.append("\n## `").append(section).append("`\n\n");
			out.append("| Property | Type | Default | Description |\n|---|---|---|---|\n");
			for (JsonNode property : entries) {
				out.append("| `")
					.append(property.get("name").asString())
					.append("` | ")
					.append(code(type(property.path("type").asString(""))))
					.append(" | ")
					.append(code(defaultValue(property.get("defaultValue"))))
					.append(" | ")
					.append(description(property.path("description").asString("")))
					.append(" |\n");
			}
		});
		return out.toString();
	}

	private static String code(String value) {
		return value.isEmpty() ? "" : "`" + value + "`";
	}

	/**
	 * {@code java.util.Map<dev.adsgraph.upstream.Region,java.net.URI>} reads Map<Region,
	 * URI>.
	 */
	static String type(String type) {
		return PACKAGE.matcher(type).replaceAll("").replace('$', '.').replace(",", ", ").replace("|", "\\|");
	}

	static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return String.join(",", items);
		}
		return value.asString();
	}

	/**
	 * Javadoc prose as Markdown: inline tags as code, one line, a capital and a full
	 * stop.
	 */
	static String description(String javadoc) {
		Matcher tags = INLINE_TAG.matcher(javadoc);
		StringBuilder text = new StringBuilder();
		while (tags.find()) {
			String content = tags.group(2).trim();
			tags.appendReplacement(text,
					Matcher.quoteReplacement(tags.group(1).equals("code") ? "`" + content + "`" : content));
		}
		tags.appendTail(text);
		String line = text.toString().replaceAll("\\s+", " ").trim().replace("|", "\\|");
		if (line.isEmpty()) {
			return line;
		}
		line = Character.toUpperCase(line.charAt(0)) + line.substring(1);
		return line.endsWith(".") ? line : line + ".";
	}

	private static List<JsonNode> metadata(String section) throws IOException {
		List<JsonNode> entries = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		Enumeration<URL> files = ConfigurationReferenceTest.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (files.hasMoreElements()) {
			try (InputStream in = files.nextElement().openStream()) {
				json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).path(section).forEach((entry) -> {
					String name = entry.get("name").asString();
					if (name.equals("adsgraph") || name.startsWith("adsgraph.")) {
						entries.add(entry);
					}
				});
			}
		}
		entries.sort(Comparator.comparing((entry) -> entry.get("name").asString()));
		return entries;
	}

	static List<JsonNode> adsgraphProperties() throws IOException {
		return metadata("properties");
	}

	/** The groups of whole configuration classes, not of records nested in them. */
	static List<String> adsgraphGroups() throws IOException {
		return metadata("groups").stream()
			.filter((group) -> !group.has("sourceMethod"))
			.map((group) -> group.get("name").asString())
			.toList();
	}

}
