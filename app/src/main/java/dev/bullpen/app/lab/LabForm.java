package dev.bullpen.app.lab;

import dev.bullpen.lab.Lab;
import dev.bullpen.simulate.ArrivalPattern;
import dev.bullpen.simulate.DurationText;
import dev.bullpen.simulate.LoadProfile;
import dev.bullpen.simulate.Slo;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The load-test form as typed: every field is text until {@link #plan()} reads it, and a field that does not read
 * is named in the error.
 */
public final class LabForm {
    /** How checkouts arrive. */
    public enum Loop {
        CLOSED("Closed loop: concurrent customers"),
        OPEN("Open loop: checkouts per second");

        private final String text;

        Loop(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A field that does not read, named as on the screen. */
    public static final class FieldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        FieldException(String message) {
            super(message);
        }
    }

    public static final int MAX_CUSTOMERS = 1_000_000;
    public static final int MAX_CONCURRENCY = 2_048;
    public static final double MAX_RATE = 100_000;

    private final StringProperty customers = new SimpleStringProperty(this, "customers", "500");
    private final StringProperty depth = new SimpleStringProperty(this, "depth", "8");
    private final StringProperty database = new SimpleStringProperty(this, "database", "");
    private final BooleanProperty reuse = new SimpleBooleanProperty(this, "reuse");
    private final ObjectProperty<Loop> loop = new SimpleObjectProperty<>(this, "loop", Loop.CLOSED);
    private final StringProperty concurrency = new SimpleStringProperty(this, "concurrency", "8");
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "100");
    private final StringProperty duration = new SimpleStringProperty(this, "duration", "30s");
    private final StringProperty workers = new SimpleStringProperty(this, "workers", "2");
    private final StringProperty workerConcurrency = new SimpleStringProperty(this, "workerConcurrency", "4");
    private final StringProperty failRate = new SimpleStringProperty(this, "failRate", "0.05");
    private final StringProperty failForGoodRate = new SimpleStringProperty(this, "failForGoodRate", "0");
    private final StringProperty slos = new SimpleStringProperty(this, "slos", "checkout-p99=200ms,job-p99=1s");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "1");

    /**
     * The run the form describes.
     *
     * @throws FieldException naming the first field that does not read, and why
     */
    public Lab.Plan plan() {
        int c = whole("Customers", customers.get(), 2, MAX_CUSTOMERS);
        int d = whole("Tree depth", depth.get(), 1, 100);
        String db = database.get() == null || database.get().isBlank() ? null : database.get().trim();
        if (db != null && !db.startsWith("jdbc:")) {
            throw new FieldException("Database: a JDBC URL starting with jdbc: (e.g. jdbc:postgresql://host/mall), "
                    + "or empty for the lab's own H2 file");
        }
        ArrivalPattern arrivals;
        if (loop.get() == Loop.OPEN) {
            double r = decimal("Rate", rate.get(), 0, MAX_RATE);
            if (r <= 0) {
                throw new FieldException("Rate: checkouts per second above 0, got " + rate.get().trim());
            }
            arrivals = new ArrivalPattern.OpenLoop(r, 256);
        } else {
            int n = whole("Concurrency", concurrency.get(), 1, MAX_CONCURRENCY);
            if (db == null && n > c) {
                throw new FieldException("Concurrency: at most the number of customers (" + c + "): one customer has "
                        + "one checkout in flight at a time");
            }
            arrivals = new ArrivalPattern.ClosedLoop(n);
        }
        Duration runFor;
        try {
            runFor = DurationText.parse(text(duration.get()));
        } catch (IllegalArgumentException e) {
            throw new FieldException("Duration: " + e.getMessage());
        }
        if (runFor.compareTo(Duration.ofSeconds(1)) < 0 || runFor.compareTo(Duration.ofHours(24)) > 0) {
            throw new FieldException("Duration: between 1s and 24h, got " + duration.get().trim());
        }
        int w = whole("Workers", workers.get(), 0, dev.bullpen.lab.EmbeddedWorkers.MAX_WORKERS);
        int wc = whole("Worker concurrency", workerConcurrency.get(), 1,
                dev.bullpen.lab.EmbeddedWorkers.MAX_CONCURRENCY);
        double f = decimal("Fail rate", failRate.get(), 0, 1);
        double g = decimal("Fail for good", failForGoodRate.get(), 0, 1);
        List<Slo> objectives;
        try {
            objectives = Slo.parseList(slos.get());
        } catch (IllegalArgumentException e) {
            throw new FieldException("SLOs: " + e.getMessage());
        }
        long s;
        try {
            s = Long.parseLong(text(seed.get()));
        } catch (NumberFormatException e) {
            throw new FieldException("Seed: a whole number, got '" + text(seed.get()) + "'");
        }
        LoadProfile profile = new LoadProfile(arrivals, runFor, 0, s, Duration.ofSeconds(120));
        return new Lab.Plan(c, d, db, reuse.get(), w, wc, f, g, objectives, profile);
    }

    private static String text(String s) {
        return s == null ? "" : s.trim();
    }

    /**
     * A whole number typed in a field ({@code 1_000} and {@code 1,000} read too).
     *
     * @throws FieldException naming the field, the range and what was typed
     */
    public static int wholeNumber(String field, String value, int min, int max) {
        return whole(field, value, min, max);
    }

    private static int whole(String field, String value, int min, int max) {
        String t = text(value).replace("_", "").replace(",", "");
        try {
            int n = Integer.parseInt(t);
            if (n < min || n > max) {
                throw new FieldException(field + ": between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new FieldException(field + ": a whole number, got '" + text(value) + "'");
        }
    }

    private static double decimal(String field, String value, double min, double max) {
        String t = text(value);
        try {
            double v = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
            if (t.endsWith("%")) {
                v /= 100;
            }
            if (!(v >= min && v <= max)) {
                throw new FieldException(field + ": between " + fmt(min) + " and " + fmt(max) + ", got " + t);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new FieldException(field + ": a number, got '" + t + "'");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }

    public StringProperty customersProperty() {
        return customers;
    }

    public StringProperty depthProperty() {
        return depth;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public BooleanProperty reuseProperty() {
        return reuse;
    }

    public ObjectProperty<Loop> loopProperty() {
        return loop;
    }

    public StringProperty concurrencyProperty() {
        return concurrency;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public StringProperty workersProperty() {
        return workers;
    }

    public StringProperty workerConcurrencyProperty() {
        return workerConcurrency;
    }

    public StringProperty failRateProperty() {
        return failRate;
    }

    public StringProperty failForGoodRateProperty() {
        return failForGoodRate;
    }

    public StringProperty slosProperty() {
        return slos;
    }

    public StringProperty seedProperty() {
        return seed;
    }
}
