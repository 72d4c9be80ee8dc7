package io.vigil.connectors.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineDetailsTest {
    @Test
    void givesTheSameValuesForLfAndCrlf() {
        String lf = "\tNewEngineState=Available\n\tPreviousEngineState=None\n\n\tSequenceNumber=13\n\n"
                + "\tHostApplication=powershell.exe -c \"a=b\"\n\tCommandLine=";
        Map<String, String> fromLf = EngineDetails.parse(lf);
        Map<String, String> fromCrlf = EngineDetails.parse(lf.replace("\n", "\r\n"));

        assertThat(fromLf).isEqualTo(fromCrlf);
        assertThat(fromLf).containsEntry("HostApplication", "powershell.exe -c \"a=b\"")
                .containsEntry("PreviousEngineState", "None")
                .containsEntry("SequenceNumber", "13")
                .containsEntry("CommandLine", "");
    }

    @Test
    void keepsLineBreaksWithinAValue() {
        Map<String, String> keys = EngineDetails.parse("\tHostApplication=pwsh -c \"a\nb\"\n\tEngineVersion=7");
        assertThat(keys).containsEntry("HostApplication", "pwsh -c \"a\nb\"").containsEntry("EngineVersion", "7");
    }

    @Test
    void skipsTheMessageSentenceBeforeTheDetails() {
        Map<String, String> keys = EngineDetails.parse(
                "Engine state is changed from None to Available. \r\n\r\nDetails: \r\n\tHostName=ConsoleHost");
        assertThat(keys).containsOnlyKeys("HostName");
    }
}
