package dev.bullpen.checkout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the checkout's database URLs are completed and shown. */
class CheckoutDatabaseUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:h2:file:/x/mall                                  | jdbc:h2:file:/x/mall;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64
            jdbc:h2:file:/x/mall;lock_timeout=500                 | jdbc:h2:file:/x/mall;lock_timeout=500;QUERY_CACHE_SIZE=64
            jdbc:h2:file:/x/mall;QUERY_CACHE_SIZE=8               | jdbc:h2:file:/x/mall;QUERY_CACHE_SIZE=8;LOCK_TIMEOUT=10000
            jdbc:postgresql://db/mall?user=a                      | jdbc:postgresql://db/mall?user=a
            """)
    void anH2UrlGetsALockTimeoutAndAStatementCacheUnlessItHasThem(String given, String used) {
        assertEquals(used, JdbcMallStore.withDefaults(given));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db/mall?user=a&password=s3cret&ssl=true | jdbc:postgresql://db/mall?user=a&password=***&ssl=true
            jdbc:h2:file:/x;PASSWORD=s3cret                           | jdbc:h2:file:/x;PASSWORD=***
            """)
    void passwordsNeverAppearInShownUrls(String given, String shown) {
        assertEquals(shown, JdbcMallStore.safe(given));
    }

    @Test
    void theDefaultDatabaseIsAnEmbeddedH2FileUnderTheUsersBullpenDirectory() {
        String url = JdbcMallStore.defaultUrl();

        assertTrue(url.startsWith("jdbc:h2:file:" + System.getProperty("user.home") + "/.bullpen/mall;"), url);
        assertTrue(url.contains("LOCK_TIMEOUT=10000"), url);
    }
}
