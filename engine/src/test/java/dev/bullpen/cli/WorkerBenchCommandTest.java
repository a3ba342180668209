package dev.bullpen.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bullpen.queue.InvalidInputException;
import org.junit.jupiter.api.Test;

class WorkerBenchCommandTest {
    @Test
    void processorSpecIsNoopOrSleep() {
        WorkerBenchCommand.processor("noop");
        WorkerBenchCommand.processor("sleep:5");
        assertThrows(InvalidInputException.class, () -> WorkerBenchCommand.processor("sleep:x"));
        assertThrows(InvalidInputException.class, () -> WorkerBenchCommand.processor("sleep:-1"));
        assertThrows(InvalidInputException.class, () -> WorkerBenchCommand.processor("busy"));
    }
}
