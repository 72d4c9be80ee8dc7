package io.vigil.compiler.sigma;

import static io.vigil.compiler.sigma.SigmaFixtures.rule;
import static io.vigil.compiler.sigma.SigmaFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Sigma modifier, alone and in the combinations SigmaHQ uses, lowers to the expected
 * predicate tree (its stable text form is the oracle). Base64 values are pySigma's own outputs.
 */
class SigmaModifierTest {
    static Stream<Arguments> modifiers() {
        return Stream.of(
                Arguments.of("CommandLine|contains: 'abc'", "CommandLine contains 'abc'\n"),
                Arguments.of("CommandLine|contains: 'net*session'", "CommandLine wildcard '*net*session*'\n"),
                Arguments.of("CommandLine|startswith: 'net*use'", "CommandLine wildcard 'net*use*'\n"),
                Arguments.of("Image|startswith: 'C:\\Windows\\'", "Image startswith 'C:\\Windows\\'\n"),
                Arguments.of("Image|endswith: '\\net?.exe'", "Image wildcard '*\\net?.exe'\n"),
                Arguments.of("Image: 'C:\\a\\*'", "Image eq 'C:\\a*'\n"),
                Arguments.of("CommandLine|contains|all: [a, b]",
                        "and\n  CommandLine contains 'a'\n  CommandLine contains 'b'\n"),
                Arguments.of("CommandLine|all|contains: [a, b]",
                        "and\n  CommandLine contains 'a'\n  CommandLine contains 'b'\n"),
                Arguments.of("CommandLine|windash|contains: ' -x'", "or\n  CommandLine contains ' -x'\n"
                        + "  CommandLine contains ' /x'\n  CommandLine contains ' \u2013x'\n"
                        + "  CommandLine contains ' \u2014x'\n  CommandLine contains ' \u2015x'\n"),
                Arguments.of("CommandLine|windash|contains: 'Get-Item'", "CommandLine contains 'Get-Item'\n"),
                Arguments.of("CommandLine|re: 'a.*b'", "CommandLine regex cased 'a.*b'\n"),
                Arguments.of("CommandLine|re|i: 'a.*b'", "CommandLine regex cased '(?i)a.*b'\n"),
                Arguments.of("CommandLine|re|s|m|i: 'a.b'", "CommandLine regex cased '(?ims)a.b'\n"),
                Arguments.of("CommandLine|re|ignorecase: 'a'", "CommandLine regex cased '(?i)a'\n"),
                Arguments.of("CommandLine|re|startswith: 'ab|cd'", "CommandLine regex cased '^(?:ab|cd)'\n"),
                Arguments.of("CommandLine|re|endswith: 'ab'", "CommandLine regex cased '(?:ab)$'\n"),
                Arguments.of("CommandLine|re|contains: 'ab'", "CommandLine regex cased 'ab'\n"),
                Arguments.of("DestinationIp|cidr: '10.0.0.0/8'", "DestinationIp cidr '10.0.0.0/8'\n"),
                Arguments.of("DestinationIp|cidr: 'FE80:0:0::/10'", "DestinationIp cidr 'fe80::/10'\n"),
                Arguments.of("DestinationIp|cidr: ['10.0.0.0/8', '192.168.0.0/16']",
                        "or\n  DestinationIp cidr '10.0.0.0/8'\n  DestinationIp cidr '192.168.0.0/16'\n"),
                Arguments.of("CommandLine|base64: 'http'", "CommandLine eq 'aHR0cA=='\n"),
                Arguments.of("CommandLine|base64|contains: 'spinstall0.aspx'",
                        "CommandLine contains 'c3BpbnN0YWxsMC5hc3B4'\n"),
                Arguments.of("CommandLine|base64offset|contains: 'http'",
                        "or\n  CommandLine contains 'aHR0c'\n  CommandLine contains 'h0dH'\n"
                                + "  CommandLine contains 'odHRw'\n"),
                Arguments.of("CommandLine|wide|base64offset|contains: 'spinstall0.aspx'",
                        "or\n  CommandLine contains 'cwBwAGkAbgBzAHQAYQBsAGwAMAAuAGEAcwBwAHgA'\n"
                                + "  CommandLine contains 'MAcABpAG4AcwB0AGEAbABsADAALgBhAHMAcAB4A'\n"
                                + "  CommandLine contains 'zAHAAaQBuAHMAdABhAGwAbAAwAC4AYQBzAHAAeA'\n"),
                Arguments.of("CommandLine|utf16|base64: 'ab'", "CommandLine eq '//5hAGIA'\n"),
                Arguments.of("CommandLine|utf16|base64offset|contains: 'ab'",
                        "or\n  CommandLine contains '//5hAGIA'\n  CommandLine contains '/+YQBiA'\n"
                                + "  CommandLine contains '//mEAYg'\n"),
                Arguments.of("CommandLine|utf16le|contains: 'ab'", "CommandLine contains \"a\\u0000b\\u0000\"\n"),
                Arguments.of("CommandLine|wide|contains: 'ab'", "CommandLine contains \"a\\u0000b\\u0000\"\n"),
                Arguments.of("CommandLine|utf16be|contains: 'ab'", "CommandLine contains \"\\u0000a\\u0000b\"\n"),
                Arguments.of("CommandLine|exists: true", "CommandLine exists\n"),
                Arguments.of("CommandLine|exists: false", "not\n  CommandLine exists\n"),
                Arguments.of("Image|endswith|cased: '\\NET.EXE'", "Image endswith cased '\\NET.EXE'\n"),
                Arguments.of("EventID|gt: 10", "EventID gt 10\n"),
                Arguments.of("EventID|gte: 10.5", "EventID gte 10.5\n"),
                Arguments.of("EventID|lt: -3", "EventID lt -3\n"),
                Arguments.of("EventID|lte: 0x10", "EventID lte 16\n"),
                Arguments.of("Image|fieldref: ParentImage", "Image eq field(ParentImage)\n"),
                Arguments.of("Image|fieldref|contains: ParentImage", "Image contains field(ParentImage)\n"),
                Arguments.of("Image|fieldref|startswith: ParentImage", "Image startswith field(ParentImage)\n"),
                Arguments.of("Image|fieldref|endswith: ParentImage", "Image endswith field(ParentImage)\n"),
                Arguments.of("User|expand: '%Admins%'", "or\n  User startswith 'adm-'\n  User eq 'root'\n"),
                Arguments.of("User|expand|endswith: '\\%Admins%'",
                        "or\n  User contains '\\adm-'\n  User endswith '\\root'\n"),
                Arguments.of("User|expand: '100%'", "User eq '100%'\n"),
                Arguments.of("CommandLine|re|expand: '^%Admins%$'",
                        "or\n  CommandLine regex cased '^adm-*$'\n  CommandLine regex cased '^root$'\n"),
                Arguments.of("EventID: 4688", "EventID eq 4688\n"),
                Arguments.of("EventID: '4688'", "EventID eq '4688'\n"),
                Arguments.of("CommandLine|contains: 123", "CommandLine contains '123'\n"),
                Arguments.of("Image|cased: 5.50", "Image eq cased '5.50'\n"),
                Arguments.of("CommandLine: null", "CommandLine is null\n"),
                Arguments.of("CommandLine: ''", "CommandLine eq ''\n"),
                Arguments.of("CommandLine: [a, null]", "or\n  CommandLine eq 'a'\n  CommandLine is null\n"),
                Arguments.of("Provider_Name: 'SystemTraceProvider-Process'",
                        "Provider eq 'SystemTraceProvider-Process'\n"),
                Arguments.of("IntegrityLevel: System",
                        "or\n  IntegrityLevel eq 'System'\n  MandatoryLabel eq 'S-1-16-16384'\n"),
                Arguments.of("IntegrityLevel: ['High', 'S-1-16-12288']",
                        "or\n  IntegrityLevel eq 'High'\n  MandatoryLabel eq 'S-1-16-12288'\n"
                                + "  IntegrityLevel eq 'S-1-16-12288'\n"),
                Arguments.of("IntegrityLevel|contains: 'igh'",
                        "or\n  IntegrityLevel contains 'igh'\n  MandatoryLabel contains 'igh'\n"),
                Arguments.of("IntegrityLevel: null", "and\n  IntegrityLevel is null\n  MandatoryLabel is null\n"),
                Arguments.of("LogonId|exists: false",
                        "and\n  not\n    LogonId exists\n  not\n    SubjectLogonId exists\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modifiers")
    void lowersTheModifier(String item, String expected) {
        assertThat(tree(rule("  sel:\n    " + item + "\n  condition: sel\n"))).isEqualTo(expected);
    }

    static Stream<Arguments> keywords() {
        return Stream.of(
                Arguments.of("  keywords:\n    - 'Get-NetSession'\n    - 'a*b'\n  condition: keywords\n",
                        "or\n  _raw contains 'Get-NetSession'\n  _raw wildcard '*a*b*'\n"),
                Arguments.of("  keywords: 'solo'\n  condition: keywords\n", "_raw contains 'solo'\n"),
                Arguments.of("  keywords:\n    '|all':\n      - a\n      - b\n  condition: keywords\n",
                        "and\n  _raw contains 'a'\n  _raw contains 'b'\n"),
                Arguments.of("  keywords:\n    '|re': 'x\\d'\n  condition: keywords\n", "_raw regex cased 'x\\d'\n"),
                Arguments.of("  keywords:\n    - 42\n  condition: keywords\n", "_raw contains '42'\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keywords")
    void searchesKeywordsInTheRawText(String detection, String expected) {
        assertThat(tree(rule(detection))).isEqualTo(expected);
    }
}
