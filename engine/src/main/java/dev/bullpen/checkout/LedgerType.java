package dev.bullpen.checkout;

import java.util.Arrays;

/** The kinds of ledger rows, with the names the rules use. */
public enum LedgerType {
    PURCHASE("purchase"),
    TREE_REWARD("tree_reward"),
    TREE_REWARD_SHARED("tree_reward_shared"),
    GIFTS_REWARD("gifts_reward"),
    APP_REWARD("app_reward"),
    DIRECT_REFERRAL_REWARD("direct_referral_reward"),
    SIGNUP_GIFTS_REWARD("signup_gifts_reward"),
    LEVEL_GIFT_REWARD("level_gift_reward");

    private final String dbName;

    LedgerType(String dbName) {
        this.dbName = dbName;
    }

    public String dbName() {
        return dbName;
    }

    /** True for the rows that split a purchase's reward points (conservation counts these). */
    public boolean isRewardSplit() {
        return this == TREE_REWARD || this == TREE_REWARD_SHARED || this == GIFTS_REWARD || this == APP_REWARD
                || this == DIRECT_REFERRAL_REWARD;
    }

    /** True for the rows paid out of the gifts pool. */
    public boolean isPaidFromPool() {
        return this == SIGNUP_GIFTS_REWARD || this == LEVEL_GIFT_REWARD;
    }

    public static LedgerType parse(String dbName) {
        return Arrays.stream(values()).filter(t -> t.dbName.equals(dbName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ledger type " + dbName));
    }

    @Override
    public String toString() {
        return dbName;
    }
}
