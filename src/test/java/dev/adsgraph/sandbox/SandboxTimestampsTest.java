package dev.adsgraph.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.fixtures.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every date-time the sandbox answers is written as Amazon writes them
 * ({@code 2022-07-25T22:44:51.223Z}: UTC, three fractional digits), whatever the clock's
 * precision, since common client code parses them with a fixed pattern.
 */
class SandboxTimestampsTest {

	private static final Pattern DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

	private static final Pattern AMAZON = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");

	private static final String US = "ATVPDKIKX0DER";

	// The default clock, as a standalone sandbox runs.
	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withReportProcessingTime(Duration.ZERO));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void everyTimestampInSpApiAndAdsAnswersHasMillisecondPrecision() {
		List<String> found = new ArrayList<>();

		Exchange created = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(US)))
			.send();
		String reportId = created.json().get("reportId").stringValue();
		collect(this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports/" + reportId).send(), found);
		collect(this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports?reportTypes=GET_SALES_AND_TRAFFIC_REPORT")
			.send(), found);
		collect(this.sandbox
			.sp("na", "GET",
					"/listings/2021-08-01/items/" + Fixtures.NORTHWIND + "?marketplaceIds=" + US
							+ "&includedData=summaries&pageSize=5")
			.send(), found);
		collect(this.sandbox
			.sp("na", "GET",
					"/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=" + US + "&marketplaceIds="
							+ US + "&details=true")
			.send(), found);

		long profileId = northwindUsProfile();
		Exchange report = this.sandbox.ads("na", "POST", "/reporting/reports")
			.header("Amazon-Advertising-API-Scope", Long.toString(profileId))
			.json(SandboxTestClient.REPORT_REQUEST,
					Map.of("startDate", "2026-11-01", "endDate", "2026-11-07", "configuration",
							Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spAdvertisedProduct", "groupBy",
									List.of("advertiser"), "columns", List.of("advertisedAsin", "clicks"), "timeUnit",
									"SUMMARY", "format", "GZIP_JSON")))
			.send();
		assertThat(report.status()).as(report.body()).isEqualTo(200);
		collect(report, found);
		collect(this.sandbox.ads("na", "GET", "/reporting/reports/" + report.json().get("reportId").stringValue())
			.header("Amazon-Advertising-API-Scope", Long.toString(profileId))
			.send(), found);

		// createdTime, processing times, data range, listing dates, FBA lastUpdatedTime,
		// createdAt, updatedAt, generatedAt, urlExpiresAt: all of them, not only some.
		assertThat(found).hasSizeGreaterThan(20);
		assertThat(found).allSatisfy((value) -> assertThat(value).matches(AMAZON));
	}

	@Test
	void aClockWithNanosecondsIsStillAnsweredInMilliseconds() {
		Clock nanos = Clock.fixed(Instant.parse("2026-12-05T10:56:13.105651606Z"), ZoneOffset.UTC);
		try (SandboxTestClient fine = SandboxTestClient
			.start(SandboxSettings.defaults().withClock(nanos).withReportProcessingTime(Duration.ZERO))) {
			Exchange created = fine.sp("na", "POST", "/reports/2021-06-30/reports")
				.json("application/json",
						Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(US)))
				.send();
			JsonNode report = fine
				.sp("na", "GET", "/reports/2021-06-30/reports/" + created.json().get("reportId").stringValue())
				.send()
				.json();
			assertThat(report.get("createdTime").stringValue()).isEqualTo("2026-12-05T10:56:13.105Z");
		}
	}

	private static void collect(Exchange exchange, List<String> found) {
		assertThat(exchange.status()).as(exchange.toString()).isLessThan(300);
		collect(exchange.json(), found);
	}

	private static void collect(JsonNode node, List<String> found) {
		if (node.isString() && DATE_TIME.matcher(node.stringValue()).matches()) {
			found.add(node.stringValue());
		}
		node.forEach((child) -> collect(child, found));
	}

	private long northwindUsProfile() {
		for (JsonNode profile : this.sandbox.ads("na", "GET", "/v2/profiles").send().json()) {
			if (profile.at("/accountInfo/id").stringValue().equals(Fixtures.NORTHWIND)
					&& profile.get("countryCode").stringValue().equals("US")) {
				return profile.get("profileId").asLong();
			}
		}
		throw new AssertionError("Northwind US profile missing");
	}

}
