package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.perceptrix.compile.TrainingSettings;

class SearchGridTest {

    @Test
    void parsesNamesAndValuesInTheGivenOrder() {
        SearchGrid g = SearchGrid.parse("lr=0.001,0.01; batch=32,64");

        assertThat(g.values()).containsExactly(Map.entry("lr", List.of(0.001, 0.01)), Map.entry("batch", List.of(32.0, 64.0)));
        assertThat(g.size()).isEqualTo(4);
    }

    @Test
    void combinationsVaryTheLastSettingFastest() {
        List<Map<String, Double>> c = SearchGrid.parse("lr=0.1,0.2;batch=16,32,64").combinations();

        assertThat(c).hasSize(6);
        assertThat(c.get(0)).isEqualTo(Map.of("lr", 0.1, "batch", 16.0));
        assertThat(c.get(1)).isEqualTo(Map.of("lr", 0.1, "batch", 32.0));
        assertThat(c.get(5)).isEqualTo(Map.of("lr", 0.2, "batch", 64.0));
        assertThat(SearchGrid.describe(c.get(1))).isEqualTo("lr=0.1, batch=32");
    }

    @Test
    void everyNumericSettingAndTheLongNamesAreKnown() {
        SearchGrid g = SearchGrid.parse("learningRate=0.01;batchSize=8;epochs=2;dropout=0.2;l2=1e-4;l1=1e-5;"
                + "momentum=0.5;decayRate=0.7");
        TrainingSettings s = SearchGrid.apply(TrainingSettings.defaults(), g.combinations().get(0));

        assertThat(g.values().keySet()).containsExactly("lr", "batch", "epochs", "dropout", "l2", "l1", "momentum", "decay");
        assertThat(s.learningRate()).isEqualTo(0.01);
        assertThat(s.batchSize()).isEqualTo(8);
        assertThat(s.epochs()).isEqualTo(2);
        assertThat(s.dropout()).isEqualTo(0.2);
        assertThat(s.l2()).isEqualTo(1e-4);
        assertThat(s.l1()).isEqualTo(1e-5);
        assertThat(s.momentum()).isEqualTo(0.5);
        assertThat(s.decayRate()).isEqualTo(0.7);
        assertThat(s.optimizer()).isEqualTo(TrainingSettings.defaults().optimizer());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rate=0.1                 | unknown setting 'rate' in the grid (known: lr, batch, epochs, dropout, l2, l1, momentum, decay)",
            "lr=0.1;lr=0.2            | setting 'lr' appears twice in the grid",
            "lr 0.1                   | grid part 'lr 0.1' needs the form name=value,value",
            "lr=abc                   | lr=abc: 'abc' is not a number",
            "lr=0.1,,0.2              | lr=0.1,,0.2: a value is missing",
            "lr=                      | lr=: a value is missing",
            "lr=20                    | lr=20: learning rate must be above 0 and at most 10, not 20.0",
            "batch=32.5               | batch=32.5: batch must be a whole number, not 32.5",
            "batch=0                  | batch=0: batch size must be between 1 and 65536, not 0",
            "dropout=1                | dropout=1: dropout must be at least 0 and below 1, not 1.0",
            "lr=0.1,0.1               | lr=0.1,0.1: 0.1 is listed twice",
            "' ; '                    | the grid is empty"})
    void badGridsAreRefusedInOneLineNamingTheBadPart(String text, String message) {
        assertThatThrownBy(() -> SearchGrid.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.strip()).hasMessageNotContaining("\n");
    }

    @Test
    void hugeGridsAreRefused() {
        assertThatThrownBy(() -> SearchGrid.parse("lr=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1;batch=1,2,3,4,5,6,7,8,9,10;"
                + "epochs=1,2,3,4,5,6,7,8,9,10,11")).hasMessageContaining("1100 combinations");
    }
}
