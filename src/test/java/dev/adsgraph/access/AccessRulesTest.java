package dev.adsgraph.access;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.adsgraph.access.AccessViews.AccessUserError;
import dev.adsgraph.access.AccessViews.InvitationInput;
import dev.adsgraph.access.AccessViews.InvitationStatus;
import dev.adsgraph.access.AccessViews.InvitationView;
import dev.adsgraph.upstream.ads.UserAccess;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules of user access: input checks, status mapping, invitation views. */
class AccessRulesTest {

	private static final Set<String> US_CA_GB = Set.of("US", "CA", "GB");

	@Test
	void aGoodInputHasNoProblems() {
		assertThat(AccessService.check(List.of(new InvitationInput("a@example.com", "Ann", "viewer", List.of("uk"))),
				US_CA_GB))
			.containsExactly(List.of());
	}

	@Test
	void eachBadFieldIsAnErrorAtItsInputsIndexAndField() {
		List<List<AccessUserError>> problems = AccessService
			.check(List.of(new InvitationInput("a@example.com", "Ann", "EDITOR", null),
					new InvitationInput("no-at-sign", " ", "OWNER", List.of("JP")),
					new InvitationInput("A@Example.com", "Ann again", "ADMIN", null)), US_CA_GB);

		assertThat(problems.get(0)).isEmpty();
		assertThat(problems.get(1)).extracting(AccessUserError::code)
			.containsExactly("INVALID_EMAIL", "INVALID_USER_NAME", "UNKNOWN_LEVEL", "UNKNOWN_COUNTRY");
		assertThat(problems.get(1)).extracting(AccessUserError::field)
			.containsExactly(List.of("invitations", "1", "emailAddress"), List.of("invitations", "1", "userName"),
					List.of("invitations", "1", "role"), List.of("invitations", "1", "countryCodes"));
		assertThat(problems.get(2)).extracting(AccessUserError::code).containsExactly("DUPLICATE_EMAIL");
	}

	@Test
	void emailAddressesNeedALocalPartAndADottedDomain() {
		assertThat(AccessRoles.isEmail("dana.demo@adsgraph-sandbox.example")).isTrue();
		assertThat(AccessRoles.isEmail("x@y")).isFalse();
		assertThat(AccessRoles.isEmail("@example.com")).isFalse();
		assertThat(AccessRoles.isEmail("a b@example.com")).isFalse();
		assertThat(AccessRoles.isEmail("a@example.")).isFalse();
		assertThat(AccessRoles.isEmail(null)).isFalse();
	}

	@Test
	void amazonsStateWordsMapToTheSchemasStatuses() {
		assertThat(InvitationStatus.of("PENDING")).isEqualTo(InvitationStatus.PENDING);
		assertThat(InvitationStatus.of("RESENT")).isEqualTo(InvitationStatus.PENDING);
		assertThat(InvitationStatus.of("REDEEMED")).isEqualTo(InvitationStatus.REDEEMED);
		assertThat(InvitationStatus.of("accepted")).isEqualTo(InvitationStatus.REDEEMED);
		assertThat(InvitationStatus.of("EXPIRED")).isEqualTo(InvitationStatus.EXPIRED);
		assertThat(InvitationStatus.of("REVOKED")).isEqualTo(InvitationStatus.REVOKED);
		assertThat(InvitationStatus.of("SOMETHING_NEW")).isEqualTo(InvitationStatus.OTHER);
		assertThat(InvitationStatus.of(null)).isEqualTo(InvitationStatus.OTHER);
		assertThat(InvitationStatus.PENDING.isFinal()).isFalse();
		assertThat(InvitationStatus.OTHER.isFinal()).isTrue();
	}

	@Test
	void onlyAPendingInvitationOfTheAccountCanBeUpdatedOnce() {
		InvitationView pending = view("i-1", "acct", "RESENT");
		InvitationView expired = view("i-2", "acct", "EXPIRED");
		InvitationView foreign = view("i-3", "other", "PENDING");
		Set<String> seen = new HashSet<>();

		assertThat(AccessService.updateProblems("i-1", pending, "acct", "resent", 0, seen)).isEmpty();
		assertThat(AccessService.updateProblems("i-1", pending, "acct", "resent", 1, seen))
			.extracting(AccessUserError::code)
			.containsExactly("DUPLICATE_INVITATION");
		assertThat(AccessService.updateProblems("i-2", expired, "acct", "resent", 2, seen))
			.extracting(AccessUserError::code, AccessUserError::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("INVITATION_EXPIRED", List.of("invitationIds", "2")));
		assertThat(AccessService.updateProblems("i-3", foreign, "acct", "revoked", 3, seen))
			.extracting(AccessUserError::code)
			.containsExactly("UNKNOWN_INVITATION");
		assertThat(AccessService.updateProblems("i-4", null, "acct", "revoked", 4, seen))
			.extracting(AccessUserError::code)
			.containsExactly("UNKNOWN_INVITATION");
	}

	@Test
	void anInvitationViewReadsAmazonsFieldsAndMillisecondTimes() {
		UserAccess.Invitation wire = new UserAccess.Invitation("i-1", "acct", "PENDING",
				new UserAccess.User("a@example.com", "Ann"), UserAccess.PermissionSet.role("viewer"),
				List.of(new UserAccess.Country("GB")), 1_700_000_000_000.0, 1_701_209_600_000.0, "amzn1.account.X");

		InvitationView view = InvitationView.of(wire);

		assertThat(view.role()).isEqualTo("VIEWER");
		assertThat(view.countryCodes()).containsExactly("GB");
		assertThat(view.status()).isEqualTo(InvitationStatus.PENDING);
		assertThat(view.createdAt().toInstant().toEpochMilli()).isEqualTo(1_700_000_000_000L);
		assertThat(java.time.Duration.between(view.createdAt(), view.expiresAt()))
			.isEqualTo(java.time.Duration.ofDays(14));

		UserAccess.Invitation custom = new UserAccess.Invitation("i-2", "acct", "PENDING", null,
				new UserAccess.PermissionSet("CUSTOM_PERMISSION_SET", null,
						List.of(new UserAccess.Named("campaign_edit"))),
				null, null, null, null);
		assertThat(InvitationView.of(custom).role()).isNull();
		assertThat(InvitationView.of(custom).permissions()).containsExactly("campaign_edit");
		assertThat(InvitationView.of(custom).emailAddress()).isEmpty();
	}

	private static InvitationView view(String id, String account, String state) {
		return InvitationView
			.of(new UserAccess.Invitation(id, account, state, new UserAccess.User("a@example.com", "A"),
					UserAccess.PermissionSet.role("VIEWER"), null, null, null, null));
	}

}
