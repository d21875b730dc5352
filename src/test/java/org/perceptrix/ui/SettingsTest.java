package org.perceptrix.ui;

import java.util.Locale;

import javafx.application.Application;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.perceptrix.i18n.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.ui.DesignerFx.text;

/** Language and theme switch from the Settings menu, keeping the network and its history. */
@ExtendWith(ApplicationExtension.class)
class SettingsTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DesignerFx.open(stage, StarterProjects.load("lenet"));
    }

    @AfterEach
    void backToEnglishAndLight() {
        Messages.setLocale(Locale.ENGLISH);
        MainWindow.applyTheme(UiSettings.Theme.LIGHT);
    }

    @Test
    void switchingToChineseTranslatesTheWindowAndKeepsTheWork(FxRobot robot) {
        robot.clickOn("#node-dense1");
        robot.type(javafx.scene.input.KeyCode.DELETE);
        robot.clickOn("Settings").clickOn("Language").clickOn("简体中文");
        assertThat(Messages.locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(text(robot, "#status-valid")).startsWith("无效");
        assertThat(text(robot, "#status-params")).startsWith("参数");
        assertThat(robot.lookup("#palette-search").queryTextInputControl().getPromptText()).isEqualTo("搜索层");
        assertThat(stage.getTitle()).isEqualTo("Perceptrix — LeNet *");
        assertThat(window.viewModel().jobs().canUndoProperty().get()).isTrue();
        assertThat(UiSettings.load().locale()).isIn(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH); // written in the background

        robot.clickOn("设置(S)").clickOn("语言").clickOn("English");
        assertThat(text(robot, "#status-params")).startsWith("Parameters");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.CONTROL);
        assertThat(text(robot, "#status-valid")).isEqualTo("Valid");
    }

    @Test
    void theThemeButtonSwitchesBetweenLightAndDark(FxRobot robot) {
        robot.clickOn("#tool-theme");
        assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        robot.clickOn("#tool-theme");
        assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("light");
    }
}
