package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.CompiledRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * S1-S6 and their Sigma originals give identical results on every fixture of the bundled pack
 * (all 22 rules' fixtures, not only their own), and fire on their own matching fixtures.
 */
class SigmaEquivalenceTest {
    @Test
    void givesIdenticalResultsOnEveryFixture() throws Exception {
        Path fixtures = Path.of(getClass().getClassLoader().getResource("fixtures").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fixtures)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(60);
        for (SigmaEquivalence.Outcome o : SigmaEquivalence.hunt(files)) {
            assertThat(o.sigmaAlerts()).as("%s: Sigma original vs native rule on the fixtures", o.id())
                    .isEqualTo(o.nativeAlerts());
            String own = fixtures.resolve(o.id()).resolve("match").toString();
            assertThat(o.nativeAlerts()).as("%s fires on its matching fixtures", o.id())
                    .anyMatch(k -> k.startsWith(own));
        }
    }

    @Test
    void pairsEachNativeRuleWithItsOriginal() throws Exception {
        List<CompiledRule> rules = SigmaEquivalence.rules();
        assertThat(rules).hasSize(12);
        assertThat(rules.get(1).title()).isEqualTo(rules.get(0).title());
    }

}
