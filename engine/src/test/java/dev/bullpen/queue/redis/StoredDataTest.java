package dev.bullpen.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Job data as Bull stores it: {@code JSON.stringify(data || {})}. */
class StoredDataTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "null|{}", "false|{}", "0|{}", "0.0|{}", "'\"\"'|{}", "'  null '|{}",
            "true|true", "1|1", "'\"x\"'|'\"x\"'", "{}|{}", "'{\"n\":1}'|'{\"n\":1}'", "[]|[]", "' [0]'|' [0]'",
            "'{not json'|'{not json'", "plain text|plain text"})
    void falsyValuesBecomeAnEmptyObjectAndEverythingElseIsStoredAsGiven(String data, String stored) {
        assertEquals(stored, RedisQueue.storedData(data));
    }
}
