package dev.bullpen.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.checkout.AuditReport;
import dev.bullpen.queue.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a simulation measured and concluded.
 *
 * @param parameters       the options of the run, for the record
 * @param loadSeconds      how long checkouts were started (the throughput's denominator)
 * @param checkouts        successful checkouts
 * @param rejections       refused checkouts by reason (nothing changed for them)
 * @param errors           failed checkouts by exception (database or other failure)
 * @param measures         checkout, queue-wait, processing and end-to-end latency, in this order
 * @param timeline         one point per second of load and drain
 * @param distribution     per measure, counts in logarithmic latency buckets
 * @param rewardsCompleted purchases of this run whose rewards are completed: read from the database once the run is
 *                         over ({@link #withRewardsCompleted}); until then, those whose job hash shows completion
 * @param rewardsFailed    purchases whose reward job ended in the failed list (attempts exhausted), still retryable
 * @param drained          true when the queue drained (every reward paid) within the drain timeout
 * @param drainSeconds     how long draining took
 * @param audit            the audit after the run, or null when not run
 * @param slos             one verdict per objective
 */
public record SimulationReport(Map<String, String> parameters, long startedAtMillis, double loadSeconds,
        long checkouts, Map<String, Long> rejections, Map<String, Long> errors, Map<String, MeasureSummary> measures,
        List<TimelinePoint> timeline, Map<String, List<Bucket>> distribution, long rewardsCompleted, long rewardsFailed,
        boolean drained, double drainSeconds, AuditReport audit, List<Slo.Verdict> slos) {

    /** Samples at most {@code upToMs} (and more than the previous bucket's bound). */
    public record Bucket(double upToMs, long count) {
    }

    public SimulationReport {
        parameters = new LinkedHashMap<>(parameters);
        rejections = new LinkedHashMap<>(rejections);
        errors = new LinkedHashMap<>(errors);
        measures = new LinkedHashMap<>(measures);
        timeline = List.copyOf(timeline);
        distribution = new LinkedHashMap<>(distribution);
        slos = List.copyOf(slos);
    }

    /** The same report with the audit and the SLO verdicts. */
    public SimulationReport withVerdicts(AuditReport audit, List<Slo> objectives) {
        List<Slo.Verdict> verdicts = new ArrayList<>();
        for (Slo s : objectives) {
            verdicts.add(s.judge(measures));
        }
        return new SimulationReport(parameters, startedAtMillis, loadSeconds, checkouts, rejections, errors, measures,
                timeline, distribution, rewardsCompleted, rewardsFailed, drained, drainSeconds, audit, verdicts);
    }

    /**
     * The same report with the number of this run's purchases whose rewards the database shows completed: the
     * authority, where the job hashes the latencies are read from can be lost with Redis.
     */
    public SimulationReport withRewardsCompleted(long completed) {
        return new SimulationReport(parameters, startedAtMillis, loadSeconds, checkouts, rejections, errors, measures,
                timeline, distribution, completed, rewardsFailed, drained, drainSeconds, audit, slos);
    }

    /** The same report with the number of purchases whose reward job failed for good. */
    public SimulationReport withRewardsFailed(long failedForGood) {
        return new SimulationReport(parameters, startedAtMillis, loadSeconds, checkouts, rejections, errors, measures,
                timeline, distribution, rewardsCompleted, failedForGood, drained, drainSeconds, audit, slos);
    }

    /** Successful checkouts per second of load. */
    public double throughput() {
        return loadSeconds > 0 ? checkouts / loadSeconds : 0;
    }

    public long rejected() {
        return rejections.values().stream().mapToLong(Long::longValue).sum();
    }

    public long failed() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean auditClean() {
        return audit != null && audit.clean();
    }

    public boolean slosMet() {
        return slos.stream().allMatch(Slo.Verdict::met);
    }

    /** The run passes when the queue drained, the audit is clean and every objective was met. */
    public boolean passed() {
        return drained && auditClean() && slosMet();
    }

    public String toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ObjectNode p = o.putObject("parameters");
        parameters.forEach(p::put);
        o.put("startedAt", java.time.Instant.ofEpochMilli(startedAtMillis).toString());
        o.put("loadSeconds", loadSeconds);
        o.put("checkouts", checkouts);
        o.put("throughputPerSecond", throughput());
        ObjectNode rej = o.putObject("rejections");
        rejections.forEach(rej::put);
        ObjectNode err = o.putObject("errors");
        errors.forEach(err::put);
        ObjectNode m = o.putObject("measuresMs");
        measures.forEach((name, s) -> m.putObject(name).put("count", s.count()).put("p50", s.p50())
                .put("p90", s.p90()).put("p99", s.p99()).put("p99.9", s.p999()).put("max", s.max())
                .put("mean", s.mean()));
        o.put("rewardsCompleted", rewardsCompleted);
        o.put("rewardsFailed", rewardsFailed);
        o.put("drained", drained);
        o.put("drainSeconds", drainSeconds);
        if (audit != null) {
            ObjectNode a = o.putObject("audit");
            a.put("clean", audit.clean()).put("purchases", audit.purchases()).put("customers", audit.customers());
            ArrayNode v = a.putArray("violations");
            audit.violations().forEach(v::add);
        }
        ArrayNode s = o.putArray("slos");
        for (Slo.Verdict v : slos) {
            s.addObject().put("objective", v.slo().text()).put("limitMs", v.slo().limitMs())
                    .put("actualMs", v.actualMs()).put("met", v.met());
        }
        o.put("passed", passed());
        ArrayNode t = o.putArray("timeline");
        for (TimelinePoint pt : timeline) {
            t.addObject().put("second", pt.second()).put("checkouts", pt.checkouts()).put("failures", pt.failures())
                    .put("checkoutP50Ms", pt.checkoutP50Ms()).put("checkoutP95Ms", pt.checkoutP95Ms())
                    .put("checkoutP99Ms", pt.checkoutP99Ms()).put("checkoutMaxMs", pt.checkoutMaxMs())
                    .put("jobsCompleted", pt.jobsCompleted()).put("waiting", pt.waiting()).put("active", pt.active())
                    .put("delayed", pt.delayed()).put("failed", pt.failed()).put("oldestWaitMs", pt.oldestWaitMs());
        }
        ObjectNode d = o.putObject("distribution");
        distribution.forEach((name, buckets) -> {
            ArrayNode a = d.putArray(name);
            buckets.forEach(b -> a.addObject().put("upToMs", b.upToMs()).put("count", b.count()));
        });
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /**
     * Reads back what {@link #toJson()} wrote (a saved run). Fields a report of an older version lacks read as 0.
     *
     * @throws IllegalArgumentException when the text is not such a report
     */
    public static SimulationReport fromJson(String json) {
        JsonNode o = Json.parseLenient(json).filter(JsonNode::isObject)
                .orElseThrow(() -> new IllegalArgumentException("not a simulation report: not a JSON object"));
        if (!o.has("measuresMs") || !o.has("checkouts")) {
            throw new IllegalArgumentException("not a simulation report: no measuresMs or checkouts");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        o.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        long started;
        try {
            started = java.time.Instant.parse(o.path("startedAt").asText()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a simulation report: startedAt is not a time", e);
        }
        Map<String, MeasureSummary> measures = new LinkedHashMap<>();
        o.path("measuresMs").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            measures.put(e.getKey(), new MeasureSummary(e.getKey(), m.path("count").asLong(), m.path("p50").asDouble(),
                    m.path("p90").asDouble(), m.path("p99").asDouble(), m.path("p99.9").asDouble(),
                    m.path("max").asDouble(), m.path("mean").asDouble()));
        });
        List<TimelinePoint> timeline = new ArrayList<>();
        for (JsonNode t : o.path("timeline")) {
            timeline.add(new TimelinePoint(t.path("second").asDouble(), t.path("checkouts").asLong(),
                    t.path("failures").asLong(), t.path("checkoutP50Ms").asDouble(), t.path("checkoutP95Ms").asDouble(),
                    t.path("checkoutP99Ms").asDouble(), t.path("checkoutMaxMs").asDouble(),
                    t.path("jobsCompleted").asLong(), t.path("waiting").asLong(), t.path("active").asLong(),
                    t.path("delayed").asLong(), t.path("failed").asLong(), t.path("oldestWaitMs").asDouble()));
        }
        Map<String, List<Bucket>> distribution = new LinkedHashMap<>();
        o.path("distribution").fields().forEachRemaining(e -> {
            List<Bucket> buckets = new ArrayList<>();
            e.getValue().forEach(b -> buckets.add(new Bucket(b.path("upToMs").asDouble(), b.path("count").asLong())));
            distribution.put(e.getKey(), buckets);
        });
        AuditReport audit = null;
        if (o.path("audit").isObject()) {
            JsonNode a = o.path("audit");
            List<String> violations = new ArrayList<>();
            a.path("violations").forEach(v -> violations.add(v.asText()));
            audit = new AuditReport(a.path("purchases").asInt(), a.path("customers").asInt(), violations);
        }
        List<Slo.Verdict> slos = new ArrayList<>();
        for (JsonNode v : o.path("slos")) {
            Slo parsed = Slo.parse(v.path("objective").asText());
            Slo slo = new Slo(parsed.measure(), parsed.percentile(),
                    java.time.Duration.ofNanos(Math.round(v.path("limitMs").asDouble() * 1e6)));
            slos.add(new Slo.Verdict(slo, v.path("actualMs").asDouble(), v.path("met").asBoolean()));
        }
        return new SimulationReport(parameters, started, o.path("loadSeconds").asDouble(), o.path("checkouts").asLong(),
                longs(o.path("rejections")), longs(o.path("errors")), measures, timeline, distribution,
                o.path("rewardsCompleted").asLong(), o.path("rewardsFailed").asLong(), o.path("drained").asBoolean(),
                o.path("drainSeconds").asDouble(), audit, slos);
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> m = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
