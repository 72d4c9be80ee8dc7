package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.realdata.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S1-S6 and their Sigma originals give identical results on the shared real data: its JSON files
 * directly, its .evtx files as the XML libevtx's {@code evtxexport -f xml} makes of them.
 */
class SigmaEquivalenceIT {
    @Test
    void givesIdenticalResultsOnTheRealData() throws Exception {
        List<Path> inputs = new ArrayList<>(SharedData.evtxAsXml(Path.of("target", "real-data-xml")));
        inputs.addAll(SharedData.files(".json"));
        int alerts = 0;
        for (SigmaEquivalence.Outcome o : SigmaEquivalence.hunt(inputs)) {
            assertThat(o.sigmaAlerts()).as("%s: Sigma original vs native rule on the real data", o.id())
                    .isEqualTo(o.nativeAlerts());
            alerts += o.nativeAlerts().size();
        }
        assertThat(alerts).as("alerts of S1-S6 on the real data").isPositive();
    }
}
