package dev.bullpen.app.jobs;

import dev.bullpen.queue.PersonalDataMask;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one queue screen masks the personal fields of job data (detail tree, return value, Copy
 * as JSON, search, export). Masked unless the console was started with {@code --unmask} or the user
 * explicitly unmasks the screen; unmasking is refused in read-only mode, where only {@code --unmask}
 * shows personal data (decision 0015). Used on the FX thread; background work takes {@link #mask()}
 * when it starts.
 */
public final class Masking {
    private static final Logger LOG = LoggerFactory.getLogger(Masking.class);

    private final String queue;
    private final PersonalDataMask fields;
    private final boolean mayUnmask;
    private final ReadOnlyBooleanWrapper unmasked;

    /**
     * @param fields    the personal fields to mask ({@link PersonalDataMask#NONE} after {@code --unmask})
     * @param mayUnmask false in read-only mode: {@link #unmask()} is refused
     */
    public Masking(String queue, PersonalDataMask fields, boolean mayUnmask) {
        this.queue = queue;
        this.fields = fields;
        this.mayUnmask = mayUnmask;
        this.unmasked = new ReadOnlyBooleanWrapper(this, "unmasked", fields.masksNothing());
    }

    /** Masks the default fields ({@code BULLPEN_MASK_FIELDS} or {@link PersonalDataMask#DEFAULT}); may unmask. */
    public static Masking byDefault(String queue) {
        return new Masking(queue, PersonalDataMask.fromEnv(System.getenv()), true);
    }

    /** The mask to apply now. */
    public PersonalDataMask mask() {
        return unmasked.get() ? PersonalDataMask.NONE : fields;
    }

    /** False in read-only mode, and when there is nothing to unmask. */
    public boolean mayUnmask() {
        return mayUnmask && !fields.masksNothing();
    }

    /**
     * Shows personal fields unmasked from now on (the view asks first); logged without any data.
     *
     * @return false when refused (read-only mode)
     */
    public boolean unmask() {
        if (!mayUnmask()) {
            return false;
        }
        if (!unmasked.get()) {
            LOG.info("Queue(name={}) personal fields of job data unmasked in the console by the user", queue);
            unmasked.set(true);
        }
        return true;
    }

    /** Masks again (always allowed), unless the console was started with {@code --unmask}. */
    public void remask() {
        if (unmasked.get() && !fields.masksNothing()) {
            LOG.info("Queue(name={}) personal fields of job data masked again", queue);
            unmasked.set(false);
        }
    }

    public boolean isUnmasked() {
        return unmasked.get();
    }

    public ReadOnlyBooleanProperty unmaskedProperty() {
        return unmasked.getReadOnlyProperty();
    }
}
