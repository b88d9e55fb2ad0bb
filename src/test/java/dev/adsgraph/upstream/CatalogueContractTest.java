package dev.adsgraph.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adsgraph.testing.ContractFiles;
import dev.adsgraph.upstream.ads.AdsOperation;
import dev.adsgraph.upstream.lwa.LwaOperation;
import dev.adsgraph.upstream.sp.SpOperation;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the three catalogues against the contract files in the repository: each entry's
 * method and path exist in the file it names, under its operationId. An entry with a
 * mistyped path, a wrong method or the wrong file fails here, before any call is made.
 */
class CatalogueContractTest {

	static Stream<UpstreamOperation> catalogue() {
		List<UpstreamOperation> all = new ArrayList<>();
		all.addAll(List.of(AdsOperation.values()));
		all.addAll(List.of(SpOperation.values()));
		all.addAll(List.of(LwaOperation.values()));
		return all.stream();
	}

	static Stream<UpstreamOperation> specified() {
		return catalogue().filter((operation) -> operation.specFile() != null);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("specified")
	void everyOperationIsDeclaredByItsContractFileWithTheSameMethodPathAndOperationId(UpstreamOperation operation) {
		assertThat(operation.specFile()).startsWith(operation.upstream() + "-api/");
		assertThat(ContractFiles.operationId(operation.specFile(), operation.method().name(), operation.path()))
			.as("%s %s in %s", operation.method(), operation.path(), operation.specFile())
			.isEqualTo(operation.id());
	}

	@Test
	void onlyLoginWithAmazonHasNoContractFileForAmazonPublishesNone() {
		assertThat(catalogue().filter((operation) -> operation.specFile() == null)).containsExactly(LwaOperation.TOKEN,
				LwaOperation.USER_PROFILE);
	}

	@Test
	void operationIdsAreUniqueWithinEachUpstream() {
		assertThat(catalogue().map((operation) -> operation.upstream() + " " + operation.id())).doesNotHaveDuplicates();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("catalogue")
	void aGetIsAlwaysSafeToRepeat(UpstreamOperation operation) {
		if (operation.method() == HttpMethod.GET) {
			assertThat(operation.safeToRepeat()).isTrue();
		}
	}

}
