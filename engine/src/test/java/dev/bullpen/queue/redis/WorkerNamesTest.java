package dev.bullpen.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerNamesTest {

    @Test
    void countsBullAndBullMqWorkersPerQueueUnderThePrefixOnly() {
        String clientList = """
                id=3 addr=127.0.0.1:50001 laddr=127.0.0.1:6379 fd=8 name=bull:d29yaw== age=10 idle=0 flags=b db=0 cmd=brpoplpush
                id=4 addr=127.0.0.1:50002 laddr=127.0.0.1:6379 fd=9 name=bull:d29yaw== age=10 idle=0 flags=b db=0 cmd=brpoplpush
                id=5 addr=127.0.0.1:50003 laddr=127.0.0.1:6379 fd=10 name=bull:YWRt:w:box-1 age=3 idle=0 flags=N db=0 cmd=bzpopmin
                id=6 addr=127.0.0.1:50004 laddr=127.0.0.1:6379 fd=11 name= age=3 idle=0 flags=N db=0 cmd=client|list
                id=7 addr=127.0.0.1:50005 laddr=127.0.0.1:6379 fd=12 name=other:d29yaw== age=3 idle=0 flags=N db=0 cmd=ping
                id=8 addr=127.0.0.1:50006 laddr=127.0.0.1:6379 fd=13 name=bull:not*base64 age=3 idle=0 flags=N db=0 cmd=ping
                """;

        assertEquals(Map.of("work", 2, "adm", 1), WorkerNames.count("bull", clientList));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            bull,      bull:d29yaw==,        work
            bull,      bull:d29yaw==:w:a:b,  work
            {hq},      {hq}:aHE=,            hq
            my:app,    my:app:cQ==,          q
            bull,      bull:,                ''
            bull,      bullx:cQ==,           ''
            bull,      bull:%%%,             ''
            """)
    void queueOfAClientName(String prefix, String name, String queue) {
        assertEquals(queue.isEmpty() ? Optional.empty() : Optional.of(queue), WorkerNames.queueOf(prefix, name));
    }
}
