package dev.bullpen.worker;

/**
 * The work done for one job. The returned value is stored as the job's {@code returnvalue}
 * (JSON, as Bull's {@code JSON.stringify}; {@code null} is stored as {@code null}); a thrown
 * exception fails the attempt with its message as {@code failedReason}.
 */
@FunctionalInterface
public interface JobProcessor {
    Object process(JobContext job) throws Exception;
}
