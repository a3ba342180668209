package dev.bullpen.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClassPreloadTest {
    /** Classes of the JDK itself (JavaFX's com.sun packages are a library here). */
    private static final Pattern JDK = Pattern.compile("(java|javax|jdk|sun)\\.|com\\.sun\\."
            + "(?!javafx\\.|glass\\.|prism\\.|scenario\\.|marlin\\.|pisces\\.|openpisces\\.)");
    /** Set by {@link Probe}'s static initialiser: the preload must never run it. */
    static volatile boolean probeInitialised;

    static final class Probe {
        static {
            probeInitialised = true;
        }

        private Probe() {
        }
    }

    @Test
    void everyListedClassIsOnTheClassPath() {
        // given the list the console preloads
        List<String> names = ClassPreload.names();

        // when
        ClassPreload.Result r = ClassPreload.preload(names, ClassPreload.class.getClassLoader());

        // then a stale list (a library changed: regenerate it with bench/console-class-list.sh) fails here; the JDK's
        // internal classes may differ from one JDK 17 build to the next (those missing are skipped at run time)
        assertTrue(names.size() > 1_000, "classes listed: " + names.size());
        assertEquals(List.of(), r.missing().stream().filter(n -> !JDK.matcher(n).lookingAt()).toList());
        assertTrue(r.loaded() > names.size() * 0.95, r.loaded() + " of " + names.size() + " loaded");
        assertTrue(names.contains("javafx.scene.control.skin.TableViewSkin"), "the queue table's skin is listed");
    }

    @Test
    void loadsAndLinksWithoutInitialisingAndReportsWhatIsMissing() {
        // when
        ClassPreload.Result r = ClassPreload.preload(List.of(Probe.class.getName(), "no.such.Clazz"),
                ClassPreload.class.getClassLoader());

        // then
        assertEquals(1, r.loaded());
        assertEquals(List.of("no.such.Clazz"), r.missing());
        assertFalse(probeInitialised, "a static initialiser ran off the FX thread");
    }
}
