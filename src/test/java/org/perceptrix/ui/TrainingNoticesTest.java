package org.perceptrix.ui;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.perceptrix.compile.Optimizer;
import org.perceptrix.train.Notice;
import org.perceptrix.ui.training.TrainingViewModel;

import static org.assertj.core.api.Assertions.assertThat;

/** An absurd learning rate on the MLP template: the training panel says the loss blew up and what to try. */
@ExtendWith(ApplicationExtension.class)
class TrainingNoticesTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerFx.open(stage, StarterProjects.load("mlp"));
    }

    @Test
    void aHugeLearningRateShowsANoticeWithAdviceUntilTheNextRun(FxRobot robot) throws Exception {
        TrainingViewModel vm = window.training();
        robot.clickOn("#tab-training");
        @SuppressWarnings("unchecked")
        ComboBox<Optimizer> optimizer = robot.lookup("#setting-optimizer").queryAs(ComboBox.class);
        robot.interact(() -> optimizer.setValue(Optimizer.SGD));
        set(robot, "#setting-learningRate", "10");
        set(robot, "#setting-epochs", "3");
        set(robot, "#setting-batchSize", "16");
        set(robot, "#train-limit", "300");
        assertThat(robot.lookup("#train-notices-scroll").query().isVisible()).isFalse();

        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> onFx(() -> vm.state() == TrainingViewModel.State.IDLE && vm.runs().size() == 1));

        assertThat(vm.notices()).extracting(Notice::kind)
                .containsAnyOf(Notice.Kind.LOSS_NOT_A_NUMBER, Notice.Kind.LOSS_EXPLODING);
        Notice first = vm.notices().get(vm.notices().size() - 1);
        String id = "#notice-" + first.kind().key();
        assertThat(robot.lookup("#train-notices-scroll").query().isVisible()).isTrue();
        assertThat(robot.lookup(id).queryAs(Label.class).getText()).isEqualTo(first.message());
        assertThat(robot.lookup(".notice-advice").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).contains("learning rate"));

        robot.interact(() -> optimizer.setValue(Optimizer.ADAM));
        set(robot, "#setting-learningRate", "0.001");
        robot.clickOn("#train-start");
        assertThat(onFx(() -> vm.notices().stream().noneMatch(n -> n.kind() == first.kind()))).isTrue();
        assertThat(robot.lookup(id).tryQuery()).isEmpty();
        robot.clickOn("#train-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> vm.state() == TrainingViewModel.State.IDLE));
    }

    private static void set(FxRobot robot, String id, String text) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> {
            f.setText(text);
            f.fireEvent(new javafx.event.ActionEvent());
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }
}
