package dev.adsgraph.graphql;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import dev.adsgraph.ClockConfiguration;
import dev.adsgraph.upstream.UpstreamConfiguration;

/**
 * A {@link GraphQlTest} slice of the gateway: the schema with every controller, the
 * scalars, the query limits and the error mapping, and the controllers' real services,
 * caches, idempotency store and registration records (on a database of its own, see
 * {@code dev.adsgraph.testing.TestDatabase}); no HTTP server, no sandbox. The upstream
 * clients are the real ones pointed at a closed port, so a slice test covers only what is
 * decided before any call to Amazon (arguments, limits, error mapping): an upstream call
 * fails with {@code UPSTREAM_UNAVAILABLE} where the test expects its own code. Flows that
 * need Amazon's answers are tested end to end against the sandbox
 * ({@code dev.adsgraph.e2e}).
 *
 * <p>
 * Test classes share one application context; a class that adds a
 * {@code @TestPropertySource} (a limit to test) gets one of its own. Inject
 * {@link org.springframework.graphql.test.tester.GraphQlTester}; its requests run as
 * {@link SliceTester#TENANT} with correlation id {@link SliceTester#CORRELATION_ID},
 * which the web layer sets in the whole application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@GraphQlTest(
		properties = { "adsgraph.sandbox.enabled=false", SliceTester.LWA, SliceTester.ADS_NA, SliceTester.ADS_EU,
				SliceTester.ADS_FE, SliceTester.SP_NA, SliceTester.SP_EU, SliceTester.SP_FE },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
				"dev\\.adsgraph\\.(access|accounts|alerts|billing|campaigns|connections|consent|managers|products|profiles|reports|watch|idempotency|registrations|readiness)\\..*",
				"dev\\.adsgraph\\.graphql\\.(Scalars|QueryLimits|DocumentCache|InstrumentationChain)Configuration",
				// left to the application's @ConfigurationPropertiesScan
				"dev\\.adsgraph\\..*Properties" }),
		// A start-up task over the configured tenants, which a slice has not.
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "dev\\.adsgraph\\.accounts\\.RegistrationWatchResumer"))
@Import({ ClockConfiguration.class, UpstreamConfiguration.class, SliceTester.class })
@ImportAutoConfiguration({ R2dbcAutoConfiguration.class, FlywayAutoConfiguration.class })
public @interface GatewayGraphQlTest {

}
