package dev.adsgraph.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example operation of {@code examples/} runs green against the sandbox, in file
 * order, as a reader would run them: the values a step needs from an earlier one (the
 * terms token for Register, the new account's id for Status, the link and address tokens
 * for CreateAdvertiserAccounts) are taken from that step's answer, everything else is the
 * example's own variables file with its dates moved to end yesterday.
 * <p>
 * The class has an application and a sandbox of its own: Register registers seller
 * {@code A17CEDARLN4PTS}, which a sandbox lets back one ads account only, and other
 * classes register it too. In it terms tokens accept themselves (the reader's click on
 * {@code acceptanceUrl}).
 */
@TestPropertySource(properties = "adsgraph.sandbox.terms-acceptance-delay=1ms")
class ExampleOperationsTest extends SandboxGatewayTest {

	private static final Path EXAMPLES = Path.of("examples");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	@Test
	void everyExampleRunsWithoutErrorsTakingWhatItNeedsFromTheStepsBeforeIt() throws IOException {
		Map<String, Map<String, Object>> answers = new LinkedHashMap<>();
		for (Path file : files()) {
			String query = Files.readString(file);
			String name = operationName(query);
			Map<String, Object> variables = variables(file);
			variables.putAll(fromEarlierSteps(name, answers));
			variables.forEach(
					(variable, value) -> assertThat(value).as("%s: a value for $%s", file, variable).isNotEqualTo(""));
			Map<String, Object> answer = this.client.graphql(query, variables);
			assertNoErrors(answer);
			assertThat(answer.get("data")).as(file.toString()).isNotNull();
			assertNoBusinessErrors(file, answer.get("data"));
			answers.put(name, answer);
		}
		assertThat(answers.keySet()).as("operations run")
			.contains("Profiles", "CreateTermsToken", "Register", "Status", "SellingAccounts",
					"CreateAdvertiserAccounts", "Products")
			.hasSize(files().size());
		assertThat(GatewayClient.<String>at(answers.get("Status"), "data.adsAccount.id"))
			.isEqualTo(at(answers.get("Register"), "data.registerAdsAccount.adsAccount.id"));
	}

	/** The values the examples that continue a flow take from its earlier steps. */
	private static Map<String, Object> fromEarlierSteps(String name, Map<String, Map<String, Object>> answers) {
		return switch (name) {
			case "Register" ->
				Map.of("token", at(answers.get("CreateTermsToken"), "data.createTermsToken.termsToken.token"));
			case "Status" -> Map.of("id", at(answers.get("Register"), "data.registerAdsAccount.adsAccount.id"));
			case "CreateAdvertiserAccounts" -> {
				// A selling account backs one advertiser account; Lumen Electronics has
				// none
				// yet in a new sandbox.
				List<Map<String, Object>> accounts = at(answers.get("SellingAccounts"), "data.sellingAccounts");
				Map<String, Object> lumen = accounts.stream()
					.filter((account) -> "Lumen Electronics".equals(account.get("displayName")))
					.findFirst()
					.orElseThrow();
				yield Map.of("token", lumen.get("sellingAccountLinkToken"), "address",
						at(lumen, "addresses.0.addressToken"));
			}
			case "PauseAndBudget" -> Map.of("profileId", at(answers.get("Campaigns"), "data.profiles.0.id"),
					"campaignId", at(answers.get("Campaigns"), "data.profiles.0.campaigns.nodes.0.campaignId"));
			default -> Map.of();
		};
	}

	/**
	 * Business errors are data: every {@code userErrors}, and every {@code errors} list
	 * of a payload (a batch result's, an account's per country), is empty.
	 */
	private static void assertNoBusinessErrors(Path file, Object data) {
		if (data instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ((key.equals("userErrors") || key.equals("errors")) && value instanceof List<?> list) {
					assertThat(list).as("%s: %s", file, key).isEmpty();
				}
				assertNoBusinessErrors(file, value);
			});
		}
		else if (data instanceof List<?> list) {
			list.forEach((item) -> assertNoBusinessErrors(file, item));
		}
	}

	static List<Path> files() throws IOException {
		try (Stream<Path> files = Files.list(EXAMPLES)) {
			return files.filter((file) -> file.toString().endsWith(".graphql")).sorted().toList();
		}
	}

	static String operationName(String query) {
		Matcher name = Pattern.compile("^(?:query|mutation|subscription)\\s+(\\w+)", Pattern.MULTILINE).matcher(query);
		assertThat(name.find()).as("a named operation in %s", query).isTrue();
		return name.group(1);
	}

	/**
	 * The example's variables file, if any, with every date moved by the same number of
	 * days so that the latest is yesterday (the files' dates are placeholders).
	 */
	static Map<String, Object> variables(Path file) throws IOException {
		Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.graphql$", ".json"));
		Map<String, Object> variables = Files.exists(json) ? GatewayClient.parse(Files.readString(json))
				: new LinkedHashMap<>();
		List<LocalDate> dates = new ArrayList<>();
		variables.values().forEach((value) -> {
			if (value instanceof String text && DATE.matcher(text).matches()) {
				dates.add(LocalDate.parse(text));
			}
		});
		if (!dates.isEmpty()) {
			LocalDate latest = dates.stream().max(LocalDate::compareTo).orElseThrow();
			long shift = ChronoUnit.DAYS.between(latest, LocalDate.now(ZoneOffset.UTC).minusDays(1));
			variables.replaceAll((name, value) -> (value instanceof String text && DATE.matcher(text).matches())
					? LocalDate.parse(text).plusDays(shift).toString() : value);
		}
		return variables;
	}

}
