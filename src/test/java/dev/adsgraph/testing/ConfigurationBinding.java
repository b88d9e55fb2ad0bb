package dev.adsgraph.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Binds a {@code @ConfigurationProperties} record the way the application does at
 * start-up (its {@code @DefaultValue}s, Boot's conversions, Bean Validation), without
 * starting a context: for tests of defaults and of the messages a wrong value gets.
 */
public final class ConfigurationBinding {

	private static final LocalValidatorFactoryBean VALIDATOR = validator();

	private ConfigurationBinding() {
	}

	/**
	 * The record bound from {@code name=value} pairs (full property names); with none,
	 * its defaults.
	 * @throws BindException as start-up would fail; {@link #problems} says why
	 */
	public static <T> T bind(Class<T> type, String... properties) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			values.put(property.substring(0, equals), property.substring(equals + 1));
		}
		String prefix = MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		return binder.bindOrCreate(prefix, Bindable.of(type),
				new ValidationBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(), VALIDATOR));
	}

	/**
	 * Why binding failed, as start-up's failure report says it: one
	 * {@code property: reason} line per value Bean Validation refused (the property's
	 * full name), or the message of the check that refused it.
	 * @param failure a {@link BindException}, or a start-up failure caused by one
	 */
	public static String problems(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof BindException)) {
			cause = cause.getCause();
		}
		if (cause == null) {
			throw new AssertionError("not a binding failure", failure);
		}
		if (!(cause.getCause() instanceof BindValidationException validation)) {
			Throwable root = cause;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			return root.getMessage();
		}
		StringBuilder problems = new StringBuilder();
		validation.getValidationErrors().forEach((error) -> {
			String name = validation.getValidationErrors().getName().toString();
			if (error instanceof FieldError field) {
				name = name + "." + DataObjectPropertyName.toDashedForm(field.getField());
			}
			problems.append(name).append(": ").append(error.getDefaultMessage()).append('\n');
		});
		return problems.toString();
	}

	private static LocalValidatorFactoryBean validator() {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return validator;
	}

}
