package dev.adsgraph.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.adsgraph.campaigns.CampaignQuery.Position;
import dev.adsgraph.campaigns.CampaignViews.CampaignView;
import dev.adsgraph.connections.ConnectionErrors;
import dev.adsgraph.graphql.Connections;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.AdsConnection;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.Campaign;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Reads a profile's v1 campaign entities through the connection the profile was listed
 * through, in the profile's scope.
 */
@Service
class CampaignService {

	/** The page size of a connection without {@code first}. */
	static final int DEFAULT_FIRST = 20;

	private final AdsApiClient ads;

	CampaignService(AdsApiClient ads) {
		this.ads = ads;
	}

	/**
	 * One page of {@code Profile.campaigns}: one upstream query for {@code first}
	 * campaigns (plus the ones a cursor in the middle of an upstream page skips), and one
	 * more per ad product the page runs into while it is not full. A cursor after the
	 * last campaign of an upstream page carries that page's {@code nextToken}.
	 */
	Mono<Connections.Connection<CampaignView>> campaigns(Tenant tenant, ProfileView profile, CampaignQuery query,
			Integer first, String after) {
		return Mono.defer(() -> {
			int size = Connections.requireFirst(first, DEFAULT_FIRST);
			Position start = query.start(after);
			return collect(tenant, profile, query, start, size, new ArrayList<>())
				.map((edges) -> new Connections.Connection<>(edges.edges(), after != null, edges.hasNext()));
		});
	}

	private record Collected(List<Connections.Edge<CampaignView>> edges, boolean hasNext) {
	}

	private Mono<Collected> collect(Tenant tenant, ProfileView profile, CampaignQuery query, Position at, int size,
			List<Connections.Edge<CampaignView>> edges) {
		if (at.adProduct() >= query.adProducts().size()) {
			return Mono.just(new Collected(edges, false));
		}
		String adProduct = query.adProducts().get(at.adProduct());
		int wanted = size - edges.size();
		int maxResults = Math.min(Campaign.Query.MAX_RESULTS, at.skip() + wanted);
		Campaign.Query upstream = new Campaign.Query(adProduct, null, query.states(),
				(query.name() != null) ? List.of(query.name()) : null, maxResults, at.token());
		return call(tenant, profile, (connection) -> this.ads.queryCampaigns(connection.credentials(), profile.region(),
				Long.parseLong(profile.id()), upstream))
			.flatMap((page) -> {
				List<Campaign> items = page.campaigns();
				int i = at.skip();
				while (i < items.size() && edges.size() < size) {
					Position after = (i + 1 < items.size()) ? new Position(at.adProduct(), at.token(), i + 1)
							: next(at, page.nextToken());
					edges.add(new Connections.Edge<>(query.encode(after), CampaignView.of(profile, items.get(i))));
					i++;
				}
				Position rest = (i < items.size()) ? new Position(at.adProduct(), at.token(), i)
						: next(at, page.nextToken());
				boolean more = rest.adProduct() < query.adProducts().size();
				if (edges.size() >= size || !more) {
					return Mono.just(new Collected(edges, more));
				}
				return collect(tenant, profile, query, rest, size, edges);
			});
	}

	/**
	 * After the last campaign of an upstream page: its next page, else the next ad
	 * product.
	 */
	private static Position next(Position at, String nextToken) {
		return (nextToken != null) ? new Position(at.adProduct(), nextToken, 0)
				: new Position(at.adProduct() + 1, null, 0);
	}

	/**
	 * Calls the Ads API through the profile's connection; its failures name the
	 * connection.
	 */
	static <T> Mono<T> call(Tenant tenant, ProfileView profile, Function<AdsConnection, Mono<T>> call) {
		return Mono.defer(() -> {
			AdsConnection connection = tenant.adsConnection(profile.connectionId())
				.orElseThrow(() -> ConnectionErrors.needsReauthorization(profile.connectionId()));
			return call.apply(connection).onErrorMap((ex) -> ConnectionErrors.of(connection.id(), ex));
		});
	}

	/** Every page of an upstream query, in order. */
	static <P, T> Flux<T> allPages(Function<String, Mono<P>> page, Function<P, List<T>> items,
			Function<P, String> nextToken) {
		return Mono.defer(() -> page.apply(null))
			.expand((p) -> (nextToken.apply(p) != null) ? page.apply(nextToken.apply(p)) : Mono.empty())
			.concatMapIterable(items::apply);
	}

}
