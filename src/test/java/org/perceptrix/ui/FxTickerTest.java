package org.perceptrix.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class FxTickerTest {

    /** Runs handed-over ticks only when the test drains it, like an FX thread that is busy in between. */
    private final Queue<Runnable> fxQueue = new ConcurrentLinkedQueue<>();

    private void drain() {
        Runnable r;
        while ((r = fxQueue.poll()) != null) r.run();
    }

    @Test
    void ticksEveryPeriodWhileStartedAndNeverAfterStop() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        FxTicker ticker = new FxTicker(20, ticks::incrementAndGet, fxQueue::add);

        ticker.start();
        ticker.start(); // no second schedule
        for (int i = 0; i < 10; i++) {
            TimeUnit.MILLISECONDS.sleep(30);
            drain();
        }
        int whileRunning = ticks.get();
        TimeUnit.MILLISECONDS.sleep(30); // a tick may be handed over now ...
        ticker.stop();
        drain(); // ... but does nothing after the stop
        TimeUnit.MILLISECONDS.sleep(100);
        drain();

        assertThat(whileRunning).isBetween(5, 12);
        assertThat(ticks.get()).isEqualTo(whileRunning);
        assertThat(ticker.isRunning()).isFalse();
    }

    @Test
    void aBusyFxThreadGetsOneTickNotABacklog() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        FxTicker ticker = new FxTicker(5, ticks::incrementAndGet, fxQueue::add);

        ticker.start();
        TimeUnit.MILLISECONDS.sleep(200); // some 40 periods pass while the "FX thread" is busy
        assertThat(fxQueue).hasSize(1);
        drain();
        ticker.stop();

        assertThat(ticks.get()).isEqualTo(1);
    }

    @Test
    void refusesAPeriodOfZero() {
        assertThatThrownBy(() -> new FxTicker(0, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
