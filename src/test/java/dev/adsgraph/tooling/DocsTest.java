package dev.adsgraph.tooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README stays a front door and the docs stay true to the repository: their example
 * blocks are the files of {@code examples/} word for word, and their relative links lead
 * somewhere. Markdown is read here, by the tests, and nowhere at run time.
 */
class DocsTest {

	/**
	 * An example block: {@code <!-- example: examples/05-register.graphql -->} on the
	 * line before a fenced block.
	 */
	private static final Pattern EXAMPLE_BLOCK = Pattern.compile(
			"^<!-- example: (examples/[\\w.-]+) -->\\R```(\\w*)\\R(.*?)\\R```", Pattern.MULTILINE | Pattern.DOTALL);

	private static final Pattern GRAPHQL_BLOCK = Pattern.compile("^```graphql\\R", Pattern.MULTILINE);

	private static final Pattern CURL_BODY = Pattern.compile("-d '(\\{.*?\\})'", Pattern.DOTALL);

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theReadmeIsAFrontDoorOfAtMost250Lines() throws IOException {
		assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThanOrEqualTo(250);
	}

	@Test
	void everyExampleBlockOfTheDocsIsItsFileWordForWord() throws IOException {
		int blocks = 0;
		for (Path page : pages()) {
			String text = Files.readString(page);
			Matcher block = EXAMPLE_BLOCK.matcher(text);
			while (block.find()) {
				blocks++;
				Path file = Path.of(block.group(1));
				assertThat(file).as("%s names %s", page, file).exists();
				String expected = Files.readString(file).strip();
				String language = block.group(2);
				String content = block.group(3);
				if (language.equals("graphql") || language.equals("json")) {
					assertThat(content).as("%s: the block of %s", page, file).isEqualTo(expected);
				}
				else {
					Matcher body = CURL_BODY.matcher(content);
					assertThat(body.find()).as("%s: a request body (-d '...') in the block of %s", page, file).isTrue();
					assertThat(JSON.readTree(body.group(1)).path("query").asString())
						.as("%s: the query of the block of %s", page, file)
						.isEqualTo(oneLine(expected));
				}
			}
		}
		assertThat(blocks).isGreaterThanOrEqualTo(10);
	}

	@Test
	void everyGraphqlBlockOfTheDocsIsAnExampleFile() throws IOException {
		List<String> unmarked = new ArrayList<>();
		for (Path page : pages()) {
			String text = Files.readString(page);
			Matcher block = GRAPHQL_BLOCK.matcher(text);
			while (block.find()) {
				String before = text.substring(0, block.start()).stripTrailing();
				if (!before.substring(before.lastIndexOf('\n') + 1).startsWith("<!-- example: ")) {
					unmarked.add(page + " at offset " + block.start());
				}
			}
		}
		assertThat(unmarked).as("graphql blocks that are not a file of examples/ (mark them, or use text)").isEmpty();
	}

	@Test
	void theExamplesPageShowsEveryExample() throws IOException {
		String page = Files.readString(Path.of("docs", "examples.md"));
		Set<String> shown = new TreeSet<>();
		Matcher block = EXAMPLE_BLOCK.matcher(page);
		while (block.find()) {
			shown.add(block.group(1));
		}
		try (Stream<Path> files = Files.list(Path.of("examples"))) {
			assertThat(shown).containsAll(files.filter((file) -> file.toString().endsWith(".graphql"))
				.map((file) -> "examples/" + file.getFileName())
				.toList());
		}
	}

	@Test
	void everyRelativeLinkLeadsToAFileOfTheRepository() throws IOException {
		List<String> broken = new ArrayList<>();
		List<Path> pages = new ArrayList<>(pages());
		pages.add(Path.of("postman", "README.md"));
		for (Path page : pages) {
			Matcher link = LINK.matcher(Files.readString(page));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
					continue;
				}
				Path resolved = page.resolveSibling(target.replaceFirst("#.*$", "")).normalize();
				if (!Files.exists(resolved)) {
					broken.add(page + ": " + target);
				}
			}
		}
		assertThat(broken).as("links to nothing").isEmpty();
	}

	/** An operation as it fits in a JSON string: without comments, on one line. */
	private static String oneLine(String operation) {
		return operation.lines()
			.filter((line) -> !line.strip().startsWith("#"))
			.reduce("", (a, b) -> a + " " + b)
			.replaceAll("\\s+", " ")
			.strip();
	}

	/** The README and every page of docs/. */
	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(Path.of("README.md"));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

}
