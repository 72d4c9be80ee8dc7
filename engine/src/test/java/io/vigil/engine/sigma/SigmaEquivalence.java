package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.hunt.HuntService;
import io.vigil.engine.pack.RulePacks;
import io.vigil.engine.realdata.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The six bundled rules written from Sigma (S1-S6) and their YAML originals in
 * {@code rules-reference/sigma/}: hunted together over the same inputs, each pair raises its alerts
 * on exactly the same events.
 */
final class SigmaEquivalence {
    /** Native rule id → the Sigma original's file name. */
    static final Map<String, String> PAIRS = pairs();

    private SigmaEquivalence() {
    }

    private static Map<String, String> pairs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("S1", "proc_creation_win_hktl_sharpview.yml");
        m.put("S2", "proc_creation_win_net_execution.yml");
        m.put("S3", "proc_creation_win_malware_pikabot_discovery.yml");
        m.put("S4", "proc_creation_win_net_use_network_connections_discovery.yml");
        m.put("S5", "posh_pc_susp_get_nettcpconnection.yml");
        m.put("S6", "posh_pm_susp_get_nettcpconnection.yml");
        return m;
    }

    /** The native S rules and their Sigma originals, in pair order: S1, sigma(S1), S2, ... */
    static List<CompiledRule> rules() throws IOException {
        Map<String, CompiledRule> natives = new LinkedHashMap<>();
        for (CompiledRule r : RuleCompiler.check(RulePacks.bundled()).rules()) {
            natives.put(r.id(), r);
        }
        Path dir = SharedData.root().resolve("rules-reference").resolve("sigma");
        List<RuleText> yaml = new ArrayList<>();
        for (String file : PAIRS.values()) {
            yaml.addAll(RulePacks.load(List.of(dir.resolve(file))));
        }
        RuleCompiler.Result sigma = RuleCompiler.check(yaml, SigmaHq.config());
        assertThat(sigma.diagnostics()).as("diagnostics of the Sigma originals").isEmpty();
        List<CompiledRule> out = new ArrayList<>();
        int i = 0;
        for (String id : PAIRS.keySet()) {
            CompiledRule nativeRule = natives.get(id);
            CompiledRule sigmaRule = sigma.rules().get(i++);
            assertThat(sigmaRule.source().id()).as("%s's Sigma original", id).isEqualTo(nativeRule.source().id());
            assertThat(sigmaRule.eventTypes()).as("%s event types", id).isEqualTo(nativeRule.eventTypes());
            out.add(nativeRule);
            out.add(sigmaRule);
        }
        return out;
    }

    /** Per native id: the alerts of the native rule and of its Sigma original, as sorted keys. */
    record Outcome(String id, TreeSet<String> nativeAlerts, TreeSet<String> sigmaAlerts) {
    }

    static List<Outcome> hunt(List<Path> inputs) throws IOException {
        List<CompiledRule> rules = rules();
        List<Alert> alerts = new ArrayList<>();
        HuntService.builder().rules(rules).build().hunt(inputs, alerts::add);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i += 2) {
            out.add(new Outcome(rules.get(i).id(), keys(alerts, rules.get(i)), keys(alerts, rules.get(i + 1))));
        }
        return out;
    }

    private static TreeSet<String> keys(List<Alert> alerts, CompiledRule rule) {
        TreeSet<String> keys = new TreeSet<>();
        for (Alert a : alerts) {
            if (a.rule() == rule) {
                keys.add(a.event().source() + " " + a.event().position() + " record " + a.event().recordId());
            }
        }
        return keys;
    }
}
