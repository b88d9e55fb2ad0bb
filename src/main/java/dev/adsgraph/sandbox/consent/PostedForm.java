package dev.adsgraph.sandbox.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

/**
 * What a consent page's form posted: the parameters of the request it was shown for (in
 * hidden fields), its ticket, the button pressed ({@code action}) and the account chosen.
 *
 * @param request the request's parameters, null where not posted
 */
record PostedForm(Map<String, String> request, String ticket, String action, String choice) {

	/**
	 * Reads a posted form.
	 * @param requestNames the request parameters the page carries
	 * @param choiceName the field of the account chosen ({@code user}, {@code seller})
	 * @throws Pages.Repeated when a field is posted twice
	 */
	static PostedForm read(MultiValueMap<String, String> form, List<String> requestNames, String choiceName) {
		Map<String, String> request = new LinkedHashMap<>();
		for (String name : requestNames) {
			request.put(name, Pages.single(form, name));
		}
		return new PostedForm(request, Pages.single(form, "ticket"), Pages.single(form, "action"),
				Pages.single(form, choiceName));
	}

}
