package dev.bullpen.checkout;

/** Told after a purchase's rewards are committed. Must return at once and never throw. */
@FunctionalInterface
public interface RewardListener {
    RewardListener NONE = notice -> { };

    void rewardsCompleted(RewardNotice notice);
}
