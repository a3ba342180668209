package dev.bullpen.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.lab.EmbeddedWorkers;
import dev.bullpen.monitor.ConnectedWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The Workers screen's rows and refusals, without a toolkit and without Redis. */
class WorkersViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    private WorkersViewModel viewModel(boolean readOnly) {
        return new WorkersViewModel(db -> {
            throw new AssertionError("no worker may start in this test");
        }, () -> "jdbc:h2:mem:x", "bull-lab", new Background(Runnable::run, Runnable::run), readOnly,
                Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @Test
    void connectedWorkersShowTheirQueueKindAndProcess() {
        WorkersViewModel vm = viewModel(false);

        vm.apply(new WorkersViewModel.Snapshot(List.of(
                new ConnectedWorker("bull", "emails", ConnectedWorker.Kind.NODE_BULL, OptionalLong.empty(), false,
                        "10.0.0.7:5000", 3725, 2, "brpoplpush", "ioredis 5.11.1"),
                new ConnectedWorker("bull-lab", "checkout", ConnectedWorker.Kind.BULLPEN, OptionalLong.of(42), true,
                        "127.0.0.1:6000", 59, 0, "brpoplpush", ""),
                new ConnectedWorker("bull-lab", "checkout", ConnectedWorker.Kind.BULLPEN, OptionalLong.of(7), false,
                        "10.0.0.8:6001", 90_000, 61, "", "")),
                List.of(new EmbeddedWorkers.WorkerStatus(1, 4, NOW.minusSeconds(60), 1234, 5, 1))));

        assertEquals(List.of(
                new WorkersViewModel.ConnectedRow("bull:emails", "Node (Bull)", "—", "10.0.0.7:5000", "1 h 02 m",
                        "2 s", "brpoplpush", "ioredis 5.11.1"),
                new WorkersViewModel.ConnectedRow("bull-lab:checkout", "Bullpen (Java)", "this console",
                        "127.0.0.1:6000", "59 s", "0 s", "brpoplpush", "—"),
                new WorkersViewModel.ConnectedRow("bull-lab:checkout", "Bullpen (Java)", "pid 7", "10.0.0.8:6001",
                        "1 d 01 h", "1 m 01 s", "—", "—")), vm.connected());
        assertEquals("3 worker(s) on 2 queue(s) · read at 06:00:00", vm.connectedSummaryProperty().get());
        assertEquals(List.of(new WorkersViewModel.EmbeddedRow("#1", "4", "05:59:00", "1,234", "5", "1")),
                vm.embedded());
        assertEquals("1 worker(s), 4 job slot(s), 1,234 job(s) done", vm.embeddedSummaryProperty().get());
    }

    @Test
    void aFailedReadKeepsTheRowsAndSaysWhy() {
        WorkersViewModel vm = viewModel(false);

        vm.markFailed(new dev.bullpen.queue.QueueException("the Redis user ro may not write (or run this command): "
                + "NOPERM"), Duration.ofSeconds(6));

        assertEquals("Cannot read CLIENT LIST: the Redis user ro may not write (or run this command): NOPERM — trying "
                + "again in 6 s; the last rows stay.", vm.connectedSummaryProperty().get());
    }

    @Test
    void valuesOutOfRangeAndReadOnlyAreRefusedBeforeAnythingStarts() {
        WorkersViewModel vm = viewModel(false);
        vm.countProperty().set("x");
        vm.apply();
        assertEquals("Workers: a whole number, got 'x'", vm.messageProperty().get());

        vm.countProperty().set("2");
        vm.concurrencyProperty().set("0");
        vm.apply();
        assertEquals("Jobs at once: between 1 and 256, got 0", vm.messageProperty().get());

        WorkersViewModel readOnly = viewModel(true);
        readOnly.apply();
        assertTrue(readOnly.messageProperty().get().startsWith("Read-only: start the console without --read-only"));
        assertTrue(readOnly.messageIsErrorProperty().get());
    }
}
