package dev.adsgraph.managers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.adsgraph.upstream.ads.ManagerAccount;

/**
 * One link or unlink request, from the inputs (ads account ids) to Amazon's items (the
 * accounts' entity ids, one per country; Amazon links an account country by country) and
 * back from Amazon's answer, which names items by id, to a result per input at its index.
 * Pure: the service looks the accounts up and sends the items.
 */
final class LinkPlan {

	/** Amazon's limit per request (UpdateAdvertisingAccountsInManagerAccountRequest). */
	static final int MAX_ITEMS = 20;

	private final boolean link;

	private final List<Input> inputs;

	private LinkPlan(boolean link, List<Input> inputs) {
		this.link = link;
		this.inputs = List.copyOf(inputs);
	}

	/**
	 * What an input names: an ads account found with its entity ids, or the reason it
	 * cannot be sent (then nothing of it is sent).
	 */
	record Input(int index, String adsAccountId, String name, List<String> entityIds, ManagerError refusal) {

		static Input found(int index, String adsAccountId, String name, List<String> entityIds) {
			return new Input(index, adsAccountId, name, List.copyOf(entityIds), null);
		}

		static Input refused(int index, String adsAccountId, ManagerError refusal) {
			return new Input(index, adsAccountId, null, List.of(), refusal);
		}

	}

	/** The schema's {@code ManagerAccountLinkResult}. */
	record Result(int index, String adsAccountId, boolean done, List<ManagerError> userErrors) {
	}

	static LinkPlan of(boolean link, List<Input> inputs) {
		return new LinkPlan(link, inputs);
	}

	/** The distinct entity ids to send, in input order. */
	List<String> items() {
		Set<String> items = new LinkedHashSet<>();
		this.inputs.stream()
			.filter((input) -> input.refusal() == null)
			.forEach((input) -> items.addAll(input.entityIds()));
		return List.copyOf(items);
	}

	/** Too many items for one request: the error that refuses the whole request. */
	ManagerError tooManyItems() {
		int items = items().size();
		if (items <= MAX_ITEMS) {
			return null;
		}
		return ManagerError.of("TOO_MANY_ACCOUNTS",
				"These ads accounts have " + items + " countries to " + (this.link ? "link" : "unlink")
						+ "; Amazon takes at most " + MAX_ITEMS + " per request. Send fewer accounts at a time.",
				"accounts");
	}

	/** The results when nothing was sent (every input refused, or none sendable). */
	List<Result> unsent() {
		return results(new ManagerAccount.UpdateResult(List.of(), List.of()));
	}

	/**
	 * Each input's result from Amazon's answer: done when all its entity ids succeeded.
	 */
	List<Result> results(ManagerAccount.UpdateResult answer) {
		Set<String> succeeded = new LinkedHashSet<>();
		answer.succeedAccounts()
			.stream()
			.filter((a) -> a != null && a.id() != null)
			.forEach((a) -> succeeded.add(a.id()));
		Map<String, ManagerAccount.ErrorDetail> failed = new LinkedHashMap<>();
		for (ManagerAccount.Failure failure : answer.failedAccounts()) {
			if (failure != null && failure.account() != null && failure.account().id() != null) {
				failed.putIfAbsent(failure.account().id(), failure.error());
			}
		}
		List<Result> results = new ArrayList<>();
		for (Input input : this.inputs) {
			if (input.refusal() != null) {
				results.add(new Result(input.index(), input.adsAccountId(), false, List.of(input.refusal())));
				continue;
			}
			List<ManagerError> errors = new ArrayList<>();
			for (String id : input.entityIds()) {
				if (succeeded.contains(id)) {
					continue;
				}
				ManagerAccount.ErrorDetail error = failed.get(id);
				if (error == null) {
					errors.add(ManagerError.of("NOT_CONFIRMED",
							"Amazon did not confirm " + verb() + " " + describe(input) + " in its country with entity "
									+ id + "; read the manager account to see.",
							"accounts", Integer.toString(input.index())));
				}
				else {
					errors.add(refusal(input, id, error));
				}
			}
			results.add(new Result(input.index(), input.adsAccountId(), errors.isEmpty(), dedupe(errors)));
		}
		return results;
	}

	private ManagerError refusal(Input input, String id, ManagerAccount.ErrorDetail error) {
		String amazon = (error.message() != null) ? " Amazon: " + error.message() : "";
		String[] field = { "accounts", Integer.toString(input.index()) };
		if (this.link && "FORBIDDEN".equals(error.code())) {
			return ManagerError.of("NOT_ADMIN", "Linking " + describe(input)
					+ " to a manager account needs Admin permission on the ads account, which this user does not have; ask an Admin of the account to link it or to make this user an Admin."
					+ amazon, field);
		}
		String code = (error.code() != null) ? error.code() : "REJECTED";
		return ManagerError.of(code,
				"Amazon refused " + verb() + " " + describe(input) + " (entity " + id + ")." + amazon, field);
	}

	private static List<ManagerError> dedupe(List<ManagerError> errors) {
		Map<String, ManagerError> byCode = new LinkedHashMap<>();
		errors.forEach((error) -> byCode.putIfAbsent(error.code(), error));
		return List.copyOf(byCode.values());
	}

	private String verb() {
		return this.link ? "linking" : "unlinking";
	}

	private static String describe(Input input) {
		return "ads account "
				+ ((input.name() != null) ? input.name() + " (" + input.adsAccountId() + ")" : input.adsAccountId());
	}

}
