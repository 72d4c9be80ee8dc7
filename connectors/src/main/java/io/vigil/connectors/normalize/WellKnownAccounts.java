package io.vigil.connectors.normalize;

import io.vigil.connectors.event.CaseFolding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SIDs of the built-in service accounts, looked up by the {@code DOMAIN\name} form Sysmon
 * writes into {@code User}, in English, German and French. Any other account is unknown: Sysmon
 * does not log the SID of the process user.
 */
final class WellKnownAccounts {
    static final String LOCAL_SYSTEM = "S-1-5-18";
    static final String LOCAL_SERVICE = "S-1-5-19";
    static final String NETWORK_SERVICE = "S-1-5-20";

    private static final Map<String, String> SIDS = new LinkedHashMap<>();

    static {
        for (String domain : new String[] {"NT AUTHORITY", "NT-AUTORITÄT", "AUTORITE NT", "AUTORITÉ NT"}) {
            add(domain + "\\SYSTEM", LOCAL_SYSTEM);
        }
        add("AUTORITE NT\\Système", LOCAL_SYSTEM);
        add("AUTORITÉ NT\\Système", LOCAL_SYSTEM);
        add("NT AUTHORITY\\LOCAL SERVICE", LOCAL_SERVICE);
        add("NT-AUTORITÄT\\LOKALER DIENST", LOCAL_SERVICE);
        add("AUTORITE NT\\SERVICE LOCAL", LOCAL_SERVICE);
        add("AUTORITÉ NT\\SERVICE LOCAL", LOCAL_SERVICE);
        add("NT AUTHORITY\\NETWORK SERVICE", NETWORK_SERVICE);
        add("NT-AUTORITÄT\\NETZWERKDIENST", NETWORK_SERVICE);
        add("AUTORITE NT\\SERVICE RÉSEAU", NETWORK_SERVICE);
        add("AUTORITÉ NT\\SERVICE RÉSEAU", NETWORK_SERVICE);
    }

    private WellKnownAccounts() {
    }

    private static void add(String account, String sid) {
        SIDS.put(CaseFolding.fold(account), sid);
    }

    /** The SID of a built-in account name, ignoring case, or null when the account is not one. */
    static String sid(String account) {
        return SIDS.get(CaseFolding.fold(account.trim()));
    }
}
