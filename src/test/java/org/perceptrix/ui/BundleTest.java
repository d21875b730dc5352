package org.perceptrix.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.perceptrix.graph.Activation;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.OutputLoss;
import org.perceptrix.graph.PropertySpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text in English and Simplified Chinese, and none hard-coded in the window's code. */
class BundleTest {
    private static final Path UI_SOURCES = Path.of("src/main/java/org/perceptrix/ui");

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundleTest.class.getResourceAsStream("/org/perceptrix/i18n/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui", "messages"})
    void chineseBundleHasEveryEnglishKeyAndNoOthers(String bundle) throws IOException {
        Set<String> en = new TreeSet<>(load(bundle + ".properties").stringPropertyNames());
        Set<String> zh = new TreeSet<>(load(bundle + "_zh.properties").stringPropertyNames());
        Set<String> missing = new TreeSet<>(en);
        missing.removeAll(zh);
        Set<String> extra = new TreeSet<>(zh);
        extra.removeAll(en);
        assertThat(missing).as("keys missing from %s_zh.properties", bundle).isEmpty();
        assertThat(extra).as("keys only in %s_zh.properties", bundle).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui_zh", "messages_zh"})
    void chineseTextsAreTranslated(String bundle) throws IOException {
        Properties p = load(bundle + ".properties");
        long chinese = p.stringPropertyNames().stream()
                .filter(k -> p.getProperty(k).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .count();
        assertThat(chinese).as("entries with Chinese characters").isGreaterThan(p.size() * 3L / 4);
    }

    @Test
    void everyKeyTheWindowLooksUpExists() throws IOException {
        Properties all = load("ui.properties");
        all.putAll(load("messages.properties"));
        List<String> keys = new ArrayList<>();
        Pattern literal = Pattern.compile("(?:Messages\\.get\\(|item\\(\"[^\"]+\", |tool\\(\"[^\"]+\", Icons\\.[A-Z_]+, )\"([a-zA-Z.]+[a-zA-Z])\"");
        for (Path f : uiSources()) {
            Matcher m = literal.matcher(Files.readString(f));
            while (m.find()) keys.add(m.group(1));
        }
        for (LayerType t : LayerType.values()) {
            keys.add("category." + t.category().name());
            for (String part : List.of("summary", "formula", "use")) keys.add("layer." + t.id() + "." + part);
            for (PropertySpec p : t.properties()) keys.add("property." + p.key());
        }
        for (String a : Activation.ids()) keys.add("activation." + a);
        for (String l : OutputLoss.ids()) keys.add("loss." + l);
        keys.add("language.en");
        keys.add("language.zh");
        keys.add("theme.light");
        keys.add("theme.dark");
        assertThat(keys).hasSizeGreaterThan(60);
        assertThat(keys.stream().filter(k -> !all.containsKey(k)).distinct().toList()).as("keys not in the bundles").isEmpty();
    }

    @Test
    void windowCodeHasNoHardCodedTexts() throws IOException {
        Pattern hardCoded = Pattern.compile(
                "new (Label|Button|MenuItem|Menu|CheckMenuItem|RadioMenuItem|Tooltip|CheckBox|Tab|TitledPane|Hyperlink)\\(\"[^\"]"
                        + "|\\.(setText|setTitle|setHeaderText|setContentText|setPromptText|setPlaceholder)\\(\"[^\"]"
                        + "|new Alert\\(Alert\\.AlertType\\.\\w+, \"");
        List<String> found = new ArrayList<>();
        for (Path f : uiSources()) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (hardCoded.matcher(lines.get(i)).find()) found.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        assertThat(found).isEmpty();
    }

    private static List<Path> uiSources() throws IOException {
        try (Stream<Path> s = Files.walk(UI_SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
