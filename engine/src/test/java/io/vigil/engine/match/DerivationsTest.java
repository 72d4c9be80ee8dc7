package io.vigil.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DerivationsTest {
    @Test
    void basenameTakesTheLastPathSegment() {
        assertThat(Derivations.basename("C:\\Windows\\System32\\net.exe")).isEqualTo("net.exe");
        assertThat(Derivations.basename("/usr/bin/x")).isEqualTo("x");
        assertThat(Derivations.basename("net.exe")).isEqualTo("net.exe");
        assertThat(Derivations.basename("C:\\dir\\")).isEqualTo("");
    }

    @Test
    void argvFollowsCommandLineToArgvW() {
        assertThat(Derivations.argv("net  use \\\\host\\c$ /persistent:no"))
                .containsExactly("net", "use", "\\\\host\\c$", "/persistent:no");
        assertThat(Derivations.argv("\"C:\\Program Files\\x.exe\" \"a b\" c"))
                .containsExactly("C:\\Program Files\\x.exe", "a b", "c");
        // argv[0] takes no escapes: backslashes before the closing quote stay
        assertThat(Derivations.argv("\"C:\\dir\\\" x")).containsExactly("C:\\dir\\", "x");
        // 2n backslashes + quote: n backslashes, quote toggles; 2n+1: n backslashes and a literal quote
        assertThat(Derivations.argv("a \\\\\"b c\\\\\" d")).containsExactly("a", "\\b c\\", "d");
        assertThat(Derivations.argv("a \\\"b")).containsExactly("a", "\"b");
        assertThat(Derivations.argv("a b\\c")).containsExactly("a", "b\\c");
        // doubled quote inside quotes is a literal quote
        assertThat(Derivations.argv("a \"x\"\"y\"")).containsExactly("a", "x\"y");
        assertThat(Derivations.argv("a \"\"")).containsExactly("a", "");
        assertThat(Derivations.argv("")).containsExactly("");
        assertThat(Derivations.argv("sc.exe config RemoteRegistry start= demand"))
                .containsExactly("sc.exe", "config", "RemoteRegistry", "start=", "demand");
    }

    @Test
    void termsSplitOnMajorBreakersOnly() {
        assertThat(Derivations.terms("$x=Get-NetUser; (Get-NetSession) PowerView.Get-DomainUser"))
                .containsExactly("$x=Get-NetUser", "Get-NetSession", "PowerView.Get-DomainUser");
        assertThat(Derivations.terms("a--b%20c")).containsExactly("a", "b", "c");
    }

    @Test
    void tokensAddMinorSegments() {
        assertThat(Derivations.tokens("C:\\Windows\\net.exe use"))
                .containsExactly("C:\\Windows\\net.exe", "C", "Windows", "net", "exe", "use");
        assertThat(Derivations.tokens("nltest /dclist:corp")).contains("nltest", "/dclist:corp", "dclist", "corp");
    }
}
