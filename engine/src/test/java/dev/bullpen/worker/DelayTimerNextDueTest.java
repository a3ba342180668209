package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DelayTimerNextDueTest {

    @Test
    void aJobDelayedWhileTheScriptRunsIsNotForgottenWhenItsAnswerArrives() {
        // given: the timer waits for D1 = 1000 and runs updateDelaySet at 1000
        DelayTimer.NextDue next = new DelayTimer.NextDue();
        next.announce(1_000);
        next.runStarts();
        // when: a worker takes the promoted job, fails it and announces D2 before the reply arrives
        boolean wake = next.announce(1_600);
        next.runEnds(Optional.empty());
        // then: no wake was needed then, but the timer now waits for D2, not for the guard interval
        assertFalse(wake);
        assertEquals(1_600, next.at());
    }

    @Test
    void theScriptsAnswerWinsWhenItIsEarlier() {
        DelayTimer.NextDue next = new DelayTimer.NextDue();
        next.runStarts();
        next.announce(2_000);
        next.runEnds(Optional.of(1_500L));
        assertEquals(1_500, next.at());
    }

    @Test
    void announcementsOutsideARunOnlyMoveTheTimeEarlier() {
        DelayTimer.NextDue next = new DelayTimer.NextDue();
        next.runStarts();
        next.runEnds(Optional.of(1_000L));
        assertFalse(next.announce(3_000));
        assertEquals(1_000, next.at());
        assertTrue(next.announce(500));
        assertEquals(500, next.at());
        next.runStarts();
        next.runEnds(Optional.empty());
        assertEquals(Long.MAX_VALUE, next.at());
    }
}
