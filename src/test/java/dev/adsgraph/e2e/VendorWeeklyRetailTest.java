package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.upstream.Region;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The vendor reports asked for by the week ({@code reportPeriod} WEEK): a range of whole
 * Sunday-to-Saturday weeks gives the vendor profile the sandbox's TACoS, with no daily
 * retail figures (the periods are not days); a range that is not whole weeks is refused
 * by its rule, naming the nearest whole weeks, and no report is requested.
 */
@TestPropertySource(properties = "adsgraph.products.vendor.report-period=WEEK")
class VendorWeeklyRetailTest extends SandboxGatewayTest {

	@Autowired
	ConnectionStore store;

	private java.util.UUID connectionId;

	@BeforeEach
	void authorizeTheVendor() {
		this.connectionId = this.store
			.save(new Grant("demo", ConnectionKind.SELLING_PARTNER, Fixtures.ACME_VENDOR_ENTITY, "Acme Brands Inc.",
					List.of(Region.NA, Region.EU), List.of(), Fixtures.ACME_VENDOR_SP.credentials().clientId(),
					Fixtures.ACME_VENDOR_SP.credentials().refreshToken()))
			.block()
			.id();
	}

	@AfterEach
	void disconnect() {
		this.store.disconnect("demo", this.connectionId).block();
	}

	private String acmeUsProfile() {
		Map<String, Object> answer = this.client.graphql(VendorRetailTest.VENDOR_PROFILES);
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		return profiles.stream()
			.filter((p) -> Fixtures.ACME_VENDOR_ENTITY.equals(at(p, "accountInfo.accountId")))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private Map<String, Object> ask(String profileId, LocalDate start, LocalDate end) {
		return this.client.graphql(VendorRetailTest.PERFORMANCE,
				Map.of("id", profileId, "s", start.toString(), "e", end.toString()));
	}

	/** The last Saturday whose week closed 72 hours ago or more, a day to spare. */
	private static LocalDate lastAvailableSaturday() {
		LocalDate closedBefore = LocalDate.ofInstant(Instant.now().minus(Duration.ofHours(96)), ZoneOffset.UTC);
		return closedBefore.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
	}

	@Test
	void aWholeWeekGivesTheGroundTruthsTacosAndNoDailyRetailFigures() {
		String profile = acmeUsProfile();
		LocalDate end = lastAvailableSaturday();
		LocalDate start = end.minusDays(6);
		Map<String, Object> answer = eventually(() -> ask(profile, start, end),
				(a) -> "READY".equals(at(a, "data.profile.performance.freshness.advertising.status"))
						&& "READY".equals(at(a, "data.profile.performance.freshness.retail.status")));
		assertNoErrors(answer);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> truth = (List<Map<String, Object>>) this.client
			.groundTruth(VendorRetailTest.ACME_VENDOR_GROUP, VendorRetailTest.US, start.toString(), end.toString())
			.get("products");
		BigDecimal sales = BigDecimal.ZERO;
		BigDecimal spend = BigDecimal.ZERO;
		for (Map<String, Object> product : truth) {
			sales = sales
				.add(new BigDecimal(String.valueOf((Object) at(product, "retail.orderedProductSales.amount"))));
			if (product.get("ads") != null) {
				spend = spend.add(new BigDecimal(String.valueOf((Object) at(product, "ads.cost.amount"))));
			}
		}
		Map<String, Object> performance = at(answer, "data.profile.performance");
		assertThat(new BigDecimal(String.valueOf((Object) at(performance, "sales.orderedProductSales.amount"))))
			.isEqualByComparingTo(sales);
		assertThat(((Number) at(performance, "metrics.tacos")).doubleValue())
			.isCloseTo(spend.divide(sales, MathContext.DECIMAL64).doubleValue(), within(1e-9));
		List<Map<String, Object>> daily = at(performance, "daily");
		assertThat(daily).hasSize(7).allSatisfy((day) -> assertThat(day.get("sales")).isNull());
	}

	@Test
	void aRangeThatIsNotWholeWeeksIsRefusedWithTheNearestWeeksAndNoReportIsRequested() {
		String profile = acmeUsProfile();
		LocalDate saturday = lastAvailableSaturday();
		LocalDate monday = saturday.minusDays(12);
		Map<String, Long> before = this.client.sandboxStats();
		Map<String, Object> answer = ask(profile, monday, saturday);
		List<Map<String, Object>> errors = errors(answer);
		assertThat(errors).as("one error per field: %s", answer).hasSize(2).allSatisfy((error) -> {
			assertThat((Object) at(error, "extensions.code")).isEqualTo("VENDOR_REPORT_RANGE");
			assertThat((Object) at(error, "extensions.rule")).isEqualTo("REPORT_PERIOD_ALIGNMENT");
			assertThat((Object) at(error, "extensions.reportPeriod")).isEqualTo("WEEK");
			assertThat((Object) at(error, "extensions.suggestedStart")).isEqualTo(monday.minusDays(1).toString());
			assertThat((String) error.get("message")).contains("(Monday)").contains("from Sunday to Saturday");
		});
		Map<String, Long> after = this.client.sandboxStats();
		assertThat(after.getOrDefault("sp.na.createReport", 0L))
			.isEqualTo(before.getOrDefault("sp.na.createReport", 0L));
		assertThat(after.getOrDefault("ads.na.createAsyncReport", 0L))
			.isEqualTo(before.getOrDefault("ads.na.createAsyncReport", 0L));
	}

}
