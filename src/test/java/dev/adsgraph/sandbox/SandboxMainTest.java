package dev.adsgraph.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The standalone sandbox's command line. */
class SandboxMainTest {

	@Test
	void strictModeIsOptIn() {
		assertThat(SandboxMain.parse(new String[0]).strict()).isFalse();
		assertThat(SandboxMain.parse(new String[] { "--strict=true" }).strict()).isTrue();
		assertThat(SandboxMain.parse(new String[] { "--port=0", "--strict=false" }).strict()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxMain.parse(new String[] { "--strict=yes" }));
	}

}
