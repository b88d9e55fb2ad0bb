package dev.adsgraph.campaigns;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import dev.adsgraph.campaigns.CampaignViews.AdGroupView;
import dev.adsgraph.campaigns.CampaignViews.AdView;
import dev.adsgraph.campaigns.CampaignViews.CampaignView;
import dev.adsgraph.campaigns.CampaignWriter.Item;
import dev.adsgraph.campaigns.CampaignWriter.Kind;
import dev.adsgraph.campaigns.CampaignWriter.Outcome;
import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.idempotency.IdempotencyExecutor;
import dev.adsgraph.idempotency.IfOutcomeUnknown;
import dev.adsgraph.products.Money;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.ads.Ad;
import dev.adsgraph.upstream.ads.AdGroup;
import dev.adsgraph.upstream.ads.Campaign;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The campaign writes of {@code schema/campaign-writes.graphqls}: state, budget and bid
 * changes, each input answered at its index ({@link CampaignWriter}). Writing the same
 * value again is harmless, so an unknown outcome frees the idempotency key and a retry
 * writes again.
 */
@Controller
class CampaignWriteController implements ArgumentRules.Configurer {

	private final CampaignWriter writer;

	private final IdempotencyExecutor idempotency;

	CampaignWriteController(CampaignWriter writer, IdempotencyExecutor idempotency) {
		this.writer = writer;
		this.idempotency = idempotency;
	}

	@Override
	public void configure(ArgumentRules rules) {
		for (String mutation : List.of("updateCampaignStates", "updateAdStates", "updateCampaignBudgets",
				"updateAdGroupBids")) {
			rules.add("Mutation", mutation, IdempotencyExecutor.ARGUMENT, IdempotencyExecutor::requireKey);
		}
	}

	@MutationMapping
	Mono<CampaignWritePayload> updateCampaignStates(@Argument List<CampaignStateInput> input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, CampaignWritePayload.class, IfOutcomeUnknown.RELEASE_KEY,
				() -> write(tenant, Kind.CAMPAIGN, input,
						(i) -> new Item(i.profileId(), i.campaignId(), new CampaignWriter.SetState(i.state())))
					.map((outcomes) -> CampaignWritePayload.of(input.size(), outcomes, (o) -> CampaignWriteResult.of(o,
							input.get(o.index()).profileId(), input.get(o.index()).campaignId()))));
	}

	@MutationMapping
	Mono<CampaignWritePayload> updateCampaignBudgets(@Argument List<CampaignBudgetInput> input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, CampaignWritePayload.class, IfOutcomeUnknown.RELEASE_KEY,
				() -> write(tenant, Kind.CAMPAIGN, input,
						(i) -> new Item(i.profileId(), i.campaignId(),
								new CampaignWriter.SetDailyBudget(i.dailyBudget())))
					.map((outcomes) -> CampaignWritePayload.of(input.size(), outcomes, (o) -> CampaignWriteResult.of(o,
							input.get(o.index()).profileId(), input.get(o.index()).campaignId()))));
	}

	@MutationMapping
	Mono<AdWritePayload> updateAdStates(@Argument List<AdStateInput> input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return this.idempotency
			.execute(tenant.id(), env, AdWritePayload.class, IfOutcomeUnknown.RELEASE_KEY, () -> write(tenant, Kind.AD,
					input, (i) -> new Item(i.profileId(), i.adId(), new CampaignWriter.SetState(i.state())))
				.map((outcomes) -> AdWritePayload.of(input.size(), outcomes,
						(o) -> AdWriteResult.of(o, input.get(o.index()).profileId(), input.get(o.index()).adId()))));
	}

	@MutationMapping
	Mono<AdGroupWritePayload> updateAdGroupBids(@Argument List<AdGroupBidInput> input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, AdGroupWritePayload.class, IfOutcomeUnknown.RELEASE_KEY,
				() -> write(tenant, Kind.AD_GROUP, input,
						(i) -> new Item(i.profileId(), i.adGroupId(), new CampaignWriter.SetDefaultBid(i.defaultBid())))
					.map((outcomes) -> AdGroupWritePayload.of(input.size(), outcomes, (o) -> AdGroupWriteResult.of(o,
							input.get(o.index()).profileId(), input.get(o.index()).adGroupId()))));
	}

	/**
	 * The outcomes, or null when the batch as a whole is refused (no inputs, too many).
	 */
	private <I> Mono<List<Outcome>> write(Tenant tenant, Kind kind, List<I> input, Function<I, Item> item) {
		if (input.isEmpty() || input.size() > CampaignWriter.MAX_INPUTS) {
			return Mono.just(List.of());
		}
		return this.writer.write(tenant, kind, input.stream().map(item).toList());
	}

	/** The batch error of an input list of the wrong size, or none. */
	static List<WriteError> batchErrors(int size) {
		if (size == 0 || size > CampaignWriter.MAX_INPUTS) {
			return List.of(WriteError.batch("INVALID_BATCH_SIZE",
					"input must have 1 to " + CampaignWriter.MAX_INPUTS + " items; got " + size + "."));
		}
		return List.of();
	}

	record CampaignStateInput(String profileId, String campaignId, String state) {
	}

	record AdStateInput(String profileId, String adId, String state) {
	}

	record CampaignBudgetInput(String profileId, String campaignId, BigDecimal dailyBudget) {
	}

	record AdGroupBidInput(String profileId, String adGroupId, BigDecimal defaultBid) {
	}

	/** The schema's {@code CampaignWriteResult}. */
	record CampaignWriteResult(int index, String profileId, String campaignId, String state, Money dailyBudget,
			CampaignView campaign, List<WriteError> userErrors) {

		static CampaignWriteResult of(Outcome outcome, String profileId, String campaignId) {
			CampaignView campaign = (outcome.entity() instanceof Campaign c) ? CampaignView.of(outcome.profile(), c)
					: null;
			return new CampaignWriteResult(outcome.index(), profileId, campaignId, outcome.state(), outcome.amount(),
					campaign, outcome.errors());
		}

	}

	/** The schema's {@code AdWriteResult}. */
	record AdWriteResult(int index, String profileId, String adId, String state, AdView ad,
			List<WriteError> userErrors) {

		static AdWriteResult of(Outcome outcome, String profileId, String adId) {
			AdView ad = (outcome.entity() instanceof Ad a) ? AdView.of(outcome.profile(), a, null) : null;
			return new AdWriteResult(outcome.index(), profileId, adId, outcome.state(), ad, outcome.errors());
		}

	}

	/** The schema's {@code AdGroupWriteResult}. */
	record AdGroupWriteResult(int index, String profileId, String adGroupId, Money defaultBid, AdGroupView adGroup,
			List<WriteError> userErrors) {

		static AdGroupWriteResult of(Outcome outcome, String profileId, String adGroupId) {
			AdGroupView group = (outcome.entity() instanceof AdGroup g) ? AdGroupView.of(outcome.profile(), g, null)
					: null;
			return new AdGroupWriteResult(outcome.index(), profileId, adGroupId, outcome.amount(), group,
					outcome.errors());
		}

	}

	/** The schema's {@code CampaignWritePayload}. */
	record CampaignWritePayload(List<CampaignWriteResult> results, int succeeded, int failed,
			List<WriteError> userErrors) {

		static CampaignWritePayload of(int inputs, List<Outcome> outcomes,
				Function<Outcome, CampaignWriteResult> result) {
			int ok = (int) outcomes.stream().filter(Outcome::succeeded).count();
			return new CampaignWritePayload(outcomes.stream().map(result).toList(), ok, outcomes.size() - ok,
					batchErrors(inputs));
		}

	}

	/** The schema's {@code AdWritePayload}. */
	record AdWritePayload(List<AdWriteResult> results, int succeeded, int failed, List<WriteError> userErrors) {

		static AdWritePayload of(int inputs, List<Outcome> outcomes, Function<Outcome, AdWriteResult> result) {
			int ok = (int) outcomes.stream().filter(Outcome::succeeded).count();
			return new AdWritePayload(outcomes.stream().map(result).toList(), ok, outcomes.size() - ok,
					batchErrors(inputs));
		}

	}

	/** The schema's {@code AdGroupWritePayload}. */
	record AdGroupWritePayload(List<AdGroupWriteResult> results, int succeeded, int failed,
			List<WriteError> userErrors) {

		static AdGroupWritePayload of(int inputs, List<Outcome> outcomes,
				Function<Outcome, AdGroupWriteResult> result) {
			int ok = (int) outcomes.stream().filter(Outcome::succeeded).count();
			return new AdGroupWritePayload(outcomes.stream().map(result).toList(), ok, outcomes.size() - ok,
					batchErrors(inputs));
		}

	}

}
