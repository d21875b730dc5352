package org.perceptrix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code search} as a user runs it: JSON lines per setting, a table with the best marked, one-line errors. */
class SearchCommandTest {
    private static final String MLP = Path.of("assets", "templates", "mlp.json").toString();

    @Test
    void jsonGivesOneLinePerSettingWithItsFoldsAndALastLineWithTheBest() throws IOException {
        CliTest.Run r = CliTest.run("search", MLP, "--grid", "lr=0.0001,0.01;batch=16,64", "--folds", "2",
                "--limit", "300", "--epochs", "1", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).hasSize(5);
        List<JsonNode> settings = lines.subList(0, 4);
        for (JsonNode s : settings) {
            assertThat(s.get("setting").get("lr").isDouble()).isTrue();
            assertThat(s.get("setting").get("batch").isIntegralNumber()).isTrue();
            assertThat(s.get("folds")).hasSize(2);
            double mean = (s.get("folds").get(0).asDouble() + s.get("folds").get(1).asDouble()) / 2;
            assertThat(s.get("mean").asDouble()).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(s.get("std").asDouble()).isNotNegative();
        }
        assertThat(settings.get(1).get("setting").toString()).isEqualTo("{\"lr\":1.0E-4,\"batch\":64}");
        JsonNode best = settings.stream().max(Comparator.comparingDouble(s -> s.get("mean").asDouble())).orElseThrow();
        JsonNode last = lines.get(4);
        assertThat(last.get("best")).isEqualTo(best.get("setting"));
        assertThat(last.get("mean").asDouble()).isEqualTo(best.get("mean").asDouble());
        assertThat(last.get("metric").asText()).isEqualTo("accuracy");
        assertThat(r.err()).contains("setting 1/4: lr=1.0E-4, batch=16", "setting 4, fold 2: ");
    }

    @Test
    void withoutFoldsATableOfHoldOutResultsMarksTheBest() {
        CliTest.Run r = CliTest.run("search", MLP, "--grid", "lr=0.001,0.01", "--limit", "300", "--epochs", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("grid search: 2 settings, hold-out validation on 300 examples, validation accuracy",
                "lr     validation  mean ± std", "\nbest: lr=");
        assertThat(r.out().lines().filter(l -> l.startsWith("* "))).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rate=0.1       | 2 | --grid: unknown setting 'rate' in the grid (known: lr, batch, epochs, dropout, l2, l1, momentum, decay)",
            "lr=0.1,fast    | 2 | --grid: lr=0.1,fast: 'fast' is not a number",
            "lr=0.1         | 1 | --folds must be at least 2, not 1",
            "lr=0.1         | 400 | mlp.json: cannot make 400 folds of 300 examples"})
    void badSearchesAreRefusedInOneLine(String grid, String folds, String message) {
        CliTest.Run r = CliTest.run("search", MLP, "--grid", grid, "--folds", folds, "--limit", "300");

        assertThat(r.exit()).isEqualTo(Cli.ERROR);
        assertThat(r.err().strip()).isEqualTo("error: " + message.strip());
    }
}
