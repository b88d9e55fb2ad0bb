package dev.adsgraph.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adsgraph.testing.ContractFiles;
import dev.adsgraph.upstream.UpstreamOperation;
import dev.adsgraph.upstream.ads.AdsOperation;
import dev.adsgraph.upstream.lwa.LwaOperation;
import dev.adsgraph.upstream.sp.SpOperation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's catalogues, the sandbox's table and the contract files agree: every
 * operation the gateway calls is served by the sandbox at the same method and path, every
 * operation the sandbox serves is declared by its contract file, and every entry of the
 * sandbox's table is routed. (Test code may import both sides; the sandbox itself imports
 * nothing of the gateway.)
 */
class SandboxCatalogueAgreementTest {

	private static SandboxServer sandbox;

	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		sandbox = SandboxServer.start(SandboxSettings.defaults());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	static Stream<UpstreamOperation> gateway() {
		List<UpstreamOperation> all = new ArrayList<>();
		all.addAll(List.of(AdsOperation.values()));
		all.addAll(List.of(SpOperation.values()));
		all.addAll(List.of(LwaOperation.values()));
		return all.stream();
	}

	static Stream<SandboxOperations> sandboxTable() {
		return Arrays.stream(SandboxOperations.values());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("gateway")
	void everyGatewayOperationIsServedByTheSandboxAtTheSameMethodAndPath(UpstreamOperation operation) {
		SandboxOperations served = SandboxOperations.of(operation.upstream(), operation.id());

		assertThat(served.method()).isEqualTo(operation.method());
		assertThat(served.path()).isEqualTo(operation.path());
		assertThat(served.specFile()).isEqualTo(operation.specFile());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sandboxTable")
	void everySandboxOperationIsDeclaredByItsContractFile(SandboxOperations operation) {
		if (operation.specFile() == null) {
			assertThat(operation.upstream()).isEqualTo("lwa");
			return;
		}
		assertThat(ContractFiles.operationId(operation.specFile(), operation.method().name(), operation.path()))
			.as("%s %s in %s", operation.method(), operation.path(), operation.specFile())
			.isEqualTo(operation.operationId());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sandboxTable")
	void everySandboxOperationIsRoutedOnEveryRegionalHost(SandboxOperations operation) throws Exception {
		List<String> hosts = operation.upstream().equals("lwa") ? List.of("")
				: List.of("/" + operation.upstream() + "/na", "/" + operation.upstream() + "/eu",
						"/" + operation.upstream() + "/fe");
		for (String host : hosts) {
			String path = host + operation.path().replaceAll("\\{[^}]+}", "x");
			HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
				.method(operation.method().name(), HttpRequest.BodyPublishers.noBody())
				.build();

			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

			// Unauthenticated, so refused by the operation itself; an unrouted path would
			// get the sandbox's "No resource at" instead.
			assertThat(response.body()).as("%s %s", operation.method(), path).doesNotContain("No resource at");
		}
	}

	@Test
	void theSandboxTableNamesEachOperationOnce() {
		assertThat(sandboxTable().map((operation) -> operation.upstream() + " " + operation.operationId()))
			.doesNotHaveDuplicates();
		assertThat(
				sandboxTable().map((operation) -> operation.method() + " " + operation.upstream() + operation.path()))
			.doesNotHaveDuplicates();
	}

}
