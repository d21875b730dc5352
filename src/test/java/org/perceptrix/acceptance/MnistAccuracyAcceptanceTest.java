package org.perceptrix.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.perceptrix.cli.Cli;
import org.perceptrix.io.Json;

/**
 * Issue 2's accuracy targets, run as a user would from the command line: each template trained for 5 epochs on the
 * bundled 10,000 training digits and scored on the official 10,000 test digits. Slow; {@code mvn verify -Pacceptance}.
 */
@Tag("acceptance")
class MnistAccuracyAcceptanceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} reaches {1} test accuracy in 5 epochs")
    @CsvSource({"lenet, 0.98", "mlp, 0.95"})
    void templateReachesItsTargetAccuracy(String template, double target) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path model = dir.resolve(template + ".zip");

        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "train",
                Path.of("assets", "templates", template + ".json").toString(), "--epochs", "5", "--out",
                model.toString(), "--json");

        assertThat(exit).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode last = Json.parse(lines[lines.length - 1]);
        System.out.println(template + ": " + out.toString().strip().replace("\n", "\n  "));
        assertThat(last.get("test_acc").asDouble()).isGreaterThanOrEqualTo(target);
    }
}
