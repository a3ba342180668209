package dev.bullpen.worker;

import java.util.Map;

/**
 * The work done for one job. The returned value is stored as the job's {@code returnvalue}
 * (JSON, as Bull's {@code JSON.stringify}; {@code null} is stored as {@code null}); a thrown
 * exception fails the attempt with its message as {@code failedReason}.
 */
@FunctionalInterface
public interface JobProcessor {
    Object process(JobContext job) throws Exception;

    /**
     * Bull's named processors ({@code queue.process(name, handler)}): the processor registered for the
     * job's name, else the one for {@code "*"}; a job with neither fails with Bull's message
     * {@code Missing process handler for job type <name>}.
     */
    static JobProcessor byName(Map<String, JobProcessor> processors) {
        Map<String, JobProcessor> copy = Map.copyOf(processors);
        return job -> {
            JobProcessor p = copy.getOrDefault(job.name(), copy.get("*"));
            if (p == null) {
                throw new IllegalStateException("Missing process handler for job type " + job.name());
            }
            return p.process(job);
        };
    }
}
