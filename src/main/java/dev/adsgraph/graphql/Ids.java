package dev.adsgraph.graphql;

import java.util.regex.Pattern;

/**
 * Parses ids that arrive as GraphQL {@code ID} strings, with an error naming the
 * argument.
 */
public final class Ids {

	private static final Pattern ADS_ACCOUNT_ID = Pattern.compile("^[A-Za-z0-9.-]{1,128}$");

	private Ids() {
	}

	/** A profile id: a positive 64-bit integer. */
	public static long profileId(String value, String argument) {
		if (value != null && value.matches("[0-9]{1,19}")) {
			try {
				long id = Long.parseLong(value);
				if (id > 0) {
					return id;
				}
			}
			catch (NumberFormatException ex) {
				// larger than a long: reported below like any other malformed id
			}
		}
		throw new BadUserInputException(
				argument + " must be a profile id, a positive 64-bit integer such as \"3487239234237\"; got "
						+ quote(value) + ".");
	}

	/** An ads account or advertiser account id, in the character set Amazon allows. */
	public static String accountId(String value, String argument) {
		if (value == null || !ADS_ACCOUNT_ID.matcher(value).matches()) {
			throw new BadUserInputException(argument
					+ " must be an account id of letters, digits, '.' and '-' such as \"amzn1.ads-account.g.abc123\"; got "
					+ quote(value) + ".");
		}
		return value;
	}

	/**
	 * A caller's value, shortened and with control characters masked, for an error
	 * message.
	 */
	public static String quote(String value) {
		if (value == null) {
			return "nothing";
		}
		String shown = (value.length() > 40) ? value.substring(0, 40) + "…" : value;
		return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
	}

}
