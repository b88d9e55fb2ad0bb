package dev.adsgraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AdsgraphApplication {

	public static void main(String[] args) {
		SpringApplication.run(AdsgraphApplication.class, args);
	}

}
