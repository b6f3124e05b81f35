package io.timevault.sample.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The chaos test of issue 14, run by {@code mvn -Pchaos verify} (failsafe, after the sample's jar is built) or
 * {@code scripts/chaos.sh}; settings in {@link ChaosSettings}. Prints the summary, writes it to
 * {@code <chaos.dir>/summary.txt}, and fails on any violation.
 */
class ChaosIT {

    @Test
    void killNineOfLeadersAndFollowersLosesNoAcknowledgedWrite() throws Exception {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        ChaosSummary summary = new ChaosRun(settings).run();
        String text = summary.render();
        System.out.println(text);
        Files.writeString(settings.dir().resolve("summary.txt"), text, StandardCharsets.UTF_8);
        assertThat(summary.violations()).as("chaos violations; summary in %s", settings.dir().resolve("summary.txt"))
                .isEmpty();
        assertThat(summary.kills()).isEqualTo(settings.kills());
        assertThat(summary.acked()).as("acknowledged writes").isPositive();
    }
}
