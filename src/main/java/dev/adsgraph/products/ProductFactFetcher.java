package dev.adsgraph.products;

import java.util.function.Function;
import java.util.function.Supplier;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import org.dataloader.Try;

import org.springframework.core.ResolvableType;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

/**
 * {@code Product.catalog}, {@code listing} or {@code inventory}: what was read with the
 * product's page ({@link ProductView.Loaded}), else a load through the field's data
 * loader (for a product made without it, such as an ad's product), batched over every
 * such product of the response. A failed read fails the field with its failure, through
 * the same exception handling as any field, at the field's own path.
 * <p>
 * Trivial for graphql-java: the value is the product's, read without a call; the fallback
 * only queues a key in the request's data loader, which runs later with the request's
 * context of its own. So the field takes none of the per-field instrumentation and
 * context propagation Spring for GraphQL gives a controller's field, and a page of
 * products is completed as plain values.
 *
 * @param <T> the field's value
 */
final class ProductFactFetcher<T>
		implements LightDataFetcher<Object>, TrivialDataFetcher<Object>, SelfDescribingDataFetcher<Object> {

	private final String loader;

	private final Class<T> type;

	private final Function<ProductView.Loaded, Try<T>> read;

	/**
	 * @param loader the data loader of a product made without its page's reads
	 * @param type the field's value, for Spring's schema inspection
	 * @param read the value read with the page
	 */
	ProductFactFetcher(String loader, Class<T> type, Function<ProductView.Loaded, Try<T>> read) {
		this.loader = loader;
		this.type = type;
		this.read = read;
	}

	@Override
	public String getDescription() {
		return "Product fact " + this.type.getSimpleName() + " (data loader " + this.loader + ")";
	}

	@Override
	public ResolvableType getReturnType() {
		return ResolvableType.forClass(this.type);
	}

	@Override
	public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
			throws Exception {
		ProductView product = (ProductView) source;
		Try<T> fact = this.read.apply(product.loaded());
		if (fact == null) {
			return environment.get().getDataLoader(this.loader).load(product);
		}
		if (fact.isFailure()) {
			Throwable failure = fact.getThrowable();
			if (failure instanceof Exception ex) {
				throw ex;
			}
			throw (Error) failure;
		}
		return fact.get();
	}

	@Override
	public Object get(DataFetchingEnvironment environment) throws Exception {
		return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
	}

}
