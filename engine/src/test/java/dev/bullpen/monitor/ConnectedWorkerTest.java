package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Workers read from CLIENT LIST lines, by the names Bull, Bullpen and BullMQ give their connections. */
class ConnectedWorkerTest {
    private static final long OWN_PID = 777;

    @Test
    void tellsBullpenNodeAndBullMqWorkersApartByTheirNames() {
        // given: "checkout" is Y2hlY2tvdXQ=, "mails" is bWFpbHM=
        List<Map<String, String>> clients = List.of(
                client("id=1 addr=10.0.0.5:50001 name=bull:Y2hlY2tvdXQ=:bullpen:777 age=30 idle=0 cmd=brpoplpush"),
                client("id=2 addr=10.0.0.6:50002 name=bull:Y2hlY2tvdXQ=:bullpen:4242 age=9 idle=1 cmd=brpoplpush"),
                client("id=3 addr=10.0.0.7:50003 name=bull:Y2hlY2tvdXQ= age=100 idle=2 cmd=brpoplpush "
                        + "lib-name=ioredis lib-ver=5.11.1"),
                client("id=4 addr=10.0.0.8:50004 name=bull:bWFpbHM= age=5 idle=5 cmd=brpoplpush"),
                client("id=5 addr=10.0.0.9:50005 name=bull:bWFpbHM=:w:box-1 age=5 idle=5 cmd=bzpopmin"),
                client("id=6 addr=10.0.0.9:50006 name=bull:bWFpbHM= lib-name=jedis lib-ver=8.0.2 age=1 idle=1 cmd=x"),
                client("id=7 addr=10.0.0.9:50007 name= age=1 idle=1 cmd=client|list"),
                client("id=8 addr=10.0.0.9:50008 name=other:Y2hlY2tvdXQ= age=1 idle=1 cmd=brpoplpush"),
                client("id=9 addr=10.0.0.9:50009 name=bull:%%%not-base64 age=1 idle=1 cmd=get"));

        // when
        List<ConnectedWorker> workers = ConnectedWorker.from(clients, List.of("bull"), OWN_PID);

        // then
        assertEquals(6, workers.size(), workers.toString());
        ConnectedWorker mine = workers.get(0);
        assertEquals("checkout", mine.queue());
        assertEquals(ConnectedWorker.Kind.BULLPEN, mine.kind());
        assertEquals(OptionalLong.of(777), mine.pid());
        assertTrue(mine.thisProcess());
        assertEquals("10.0.0.5:50001", mine.address());
        assertEquals(30, mine.ageSeconds());
        assertEquals("brpoplpush", mine.command());
        ConnectedWorker otherProcess = workers.get(1);
        assertEquals(ConnectedWorker.Kind.BULLPEN, otherProcess.kind());
        assertFalse(otherProcess.thisProcess());
        ConnectedWorker node = workers.get(2);
        assertEquals(ConnectedWorker.Kind.NODE_BULL, node.kind());
        assertEquals("ioredis 5.11.1", node.library());
        assertEquals(List.of("mails", "mails", "mails"), workers.subList(3, 6).stream().map(ConnectedWorker::queue)
                .toList());
        assertEquals(List.of(ConnectedWorker.Kind.NODE_BULL, ConnectedWorker.Kind.BULLMQ, ConnectedWorker.Kind.JAVA),
                workers.subList(3, 6).stream().map(ConnectedWorker::kind).toList());
    }

    @Test
    void aPrefixIsMatchedUpToItsColonOnly() {
        List<Map<String, String>> clients = List.of(
                client("id=1 addr=a:1 name=bull:Y2hlY2tvdXQ= age=1 idle=1 cmd=brpoplpush"),
                client("id=2 addr=a:2 name=bull-lab:Y2hlY2tvdXQ=:bullpen:777 age=1 idle=1 cmd=brpoplpush"));

        List<ConnectedWorker> both = ConnectedWorker.from(clients, List.of("bull", "bull-lab"), OWN_PID);
        List<ConnectedWorker> lab = ConnectedWorker.from(clients, List.of("bull-lab"), OWN_PID);

        assertEquals(List.of("bull", "bull-lab"), both.stream().map(ConnectedWorker::prefix).toList());
        assertEquals(1, lab.size());
        assertEquals("bull-lab", lab.get(0).prefix());
    }

    private static Map<String, String> client(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : line.split(" ")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }
}
