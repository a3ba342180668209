package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reward rules, table by table. A chain is written buyer first, then the ancestors nearest first;
 * member {@code i} (from 1) has id {@code i}. A member is {@code <level><+|->} (+ = active) optionally
 * followed by its direct referrals by level, e.g. {@code A+{A2,B1}}.
 */
class RewardCalculatorTest {
    private final RewardCalculator calculator = new RewardCalculator(RewardSettings.defaults());

    @ParameterizedTest(name = "[{index}] {0} rp={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # chain (buyer first)                       | reward points | tree payments (id=amount)                      | company
            A+                                          | 100           | ''                                             | 80.00
            A+ A+ B+ C+                                 | 100           | 2=5.00;3=5.00;4=5.00                           | 65.00
            A+ A- A+ B+                                 | 100           | 3=5.00;4=5.00                                  | 70.00
            A+ B+ B+ C+ B+                              | 100           | 2=5.00;4=5.00                                  | 70.00
            A+ B- B+                                    | 100           | 3=5.00                                         | 75.00
            A+ J+ J+ J+                                 | 100           | 2=1.66;3=1.66;4=1.66                           | 75.02
            A+ J+ A+ J+                                 | 10            | 2=0.25;3=0.50;4=0.25                           | 7.00
            A+ J- J+                                    | 100           | 3=5.00                                         | 75.00
            A+ J+ J+ J+                                 | 33.33         | 2=0.55;3=0.55;4=0.55                           | 25.01
            A+ J+ J+ J+ J+ J+ J+ J+                     | 100           | 2=0.71;3=0.71;4=0.71;5=0.71;6=0.71;7=0.71;8=0.71 | 75.03
            A+ A+ B+ C+ D+ E+ F+ G+ H+ I+ J+            | 100           | 2=5.00;3=5.00;4=5.00;5=5.00;6=5.00;7=5.00;8=5.00;9=5.00;10=5.00;11=5.00 | 30.00
            A+ A+ B+ C+ D+ E+ F+ G+ H+ I+ A+ J+ J+      | 0.30          | 2=0.02;3=0.02;4=0.02;5=0.02;6=0.02;7=0.02;8=0.02;9=0.01 | 0.08
            A+ A+ B+ C+ D+ E+ F+ G+ H+ I+ J+ J+         | 0.05          | ''                                             | 0.04
            """)
    void treeIsPaidOncePerLevelWithJSharingOneSlice(String chain, String rewardPoints, String expectedTree,
            String expectedCompany) {
        // given a later purchase (the referral share goes to the buyer, not into the tree or the company)
        RewardInput in = input(chain, rewardPoints, false, "1000.00");

        // when
        RewardPlan plan = calculator.plan(in);

        // then
        assertEquals(expectedTree, payments(plan, LedgerType.TREE_REWARD, LedgerType.TREE_REWARD_SHARED));
        assertEquals(new BigDecimal(expectedCompany), plan.total(LedgerType.APP_REWARD));
        assertEquals(in.shares().rewardPoints(), plan.splitTotal(), "every cent of the reward points is allocated");
    }

    @ParameterizedTest(name = "[{index}] {0} first={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # chain       | first purchase | referral to (id=amount) | company
            A+ A+         | true           | 2=5.00                  | 75.00
            A+ A- B+      | true           | ''                      | 80.00
            A+            | true           | ''                      | 85.00
            A+ A+         | false          | 1=5.00                  | 75.00
            A+            | false          | 1=5.00                  | 80.00
            A- A+         | false          | 1=5.00                  | 75.00
            """)
    void referralShareGoesToTheActiveParentOnAFirstPurchaseThenToTheBuyerElseToTheCompany(String chain,
            boolean first, String expectedReferral, String expectedCompany) {
        RewardPlan plan = calculator.plan(input(chain, "100", first, "0.00"));

        assertEquals(expectedReferral, payments(plan, LedgerType.DIRECT_REFERRAL_REWARD));
        assertEquals(new BigDecimal(expectedCompany), plan.total(LedgerType.APP_REWARD));
        assertEquals(new BigDecimal("100.00"), plan.splitTotal());
    }

    @ParameterizedTest(name = "[{index}] pool={0} first={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # pool before | first purchase | signup bonus | pool change
            100.00        | true           | 1=50.00      | -35.00
            35.00         | true           | 1=50.00      | -35.00
            34.99         | true           | ''           | 15.00
            0.00          | true           | ''           | 15.00
            1000.00       | false          | ''           | 15.00
            """)
    void signupBonusIsPaidOnAFirstPurchaseOnlyWhenThePoolCoversIt(String pool, boolean first, String expectedBonus,
            String expectedPoolChange) {
        RewardPlan plan = calculator.plan(input("A+ A+", "100", first, pool));

        assertEquals(expectedBonus, payments(plan, LedgerType.SIGNUP_GIFTS_REWARD));
        assertEquals(new BigDecimal(expectedPoolChange), plan.poolDelta());
        assertEquals(new BigDecimal("15.00"), plan.total(LedgerType.GIFTS_REWARD));
    }

    @ParameterizedTest(name = "[{index}] {0} pool={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # chain                                  | pool before | upgrades     | level gifts
            A+{A2}                                   | 1000.00     | 1:A>B        | 1=10.00
            A+{A1}                                   | 1000.00     | ''           | ''
            A+{A2} A+{A1,B1}                         | 1000.00     | 1:A>B;2:A>C  | 1=10.00
            A+{A2} A+{A1,B1} B-{C1,A1}               | 1000.00     | 1:A>B;2:A>C;3:B>D | 1=10.00;3=20.00
            A+{A2} A+{A2}                            | 1000.00     | 1:A>B        | 1=10.00
            A+{A2} A+{A3}                            | 1000.00     | 1:A>B;2:A>B  | 1=10.00;2=10.00
            C+{A3,D2}                                | 1000.00     | 1:C>E        | ''
            C+{C2,D2}                                | 1000.00     | 1:C>D        | 1=20.00
            J+{I5}                                   | 1000.00     | ''           | ''
            I+{I2}                                   | 1000.00     | 1:I>J        | 1=50.00
            A+{A2} A+{A1,B1} B+{C1,A1}               | 0.00        | 1:A>B;2:A>C;3:B>D | 1=10.00
            A+{A2}                                   | 0.00        | 1:A>B        | 1=10.00
            """)
    void levelUpgradesCascadeUpTheChainAndPayTheirGiftWhileThePoolCoversIt(String chain, String pool,
            String expectedUpgrades, String expectedGifts) {
        // given a later purchase (no signup bonus): the pool gets 15.00 of income first
        RewardPlan plan = calculator.plan(input(chain, "100", false, pool));

        assertEquals(expectedUpgrades, plan.upgrades().stream()
                .map(u -> u.customerId() + ":" + u.from() + ">" + u.to()).collect(Collectors.joining(";")));
        assertEquals(expectedGifts, payments(plan, LedgerType.LEVEL_GIFT_REWARD));
    }

    @Test
    void poolTooSmallForTheSignupBonusStillPaysASmallerLevelGift() {
        // given a first purchase with an empty pool: income 15.00 covers the B gift (10) but not the bonus (50)
        RewardPlan plan = calculator.plan(input("A+{A2} A+", "100", true, "0.00"));

        assertEquals("", payments(plan, LedgerType.SIGNUP_GIFTS_REWARD));
        assertEquals("1=10.00", payments(plan, LedgerType.LEVEL_GIFT_REWARD));
        assertEquals(new BigDecimal("5.00"), plan.poolDelta());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # reward points | tree  | gifts | app   | referral
            100             | 50.00 | 15.00 | 30.00 | 5.00
            33.33           | 16.67 | 5.00  | 9.99  | 1.67
            0.01            | 0.01  | 0.00  | 0.00  | 0.00
            0.07            | 0.04  | 0.01  | 0.02  | 0.00
            1234.56         | 617.28| 185.18| 370.37| 61.73
            """)
    void sharesAreRoundedHalfUpWithTheRemainderToTheCompany(String rp, String tree, String gifts, String app,
            String referral) {
        Shares s = RewardSettings.defaults().split(new BigDecimal(rp));

        assertEquals(List.of(tree, gifts, app, referral), List.of(s.tree().toPlainString(),
                s.gifts().toPlainString(), s.app().toPlainString(), s.referral().toPlainString()));
        assertEquals(s.rewardPoints(), s.tree().add(s.gifts()).add(s.app()).add(s.referral()));
    }

    // --- helpers

    private static RewardInput input(String chain, String rewardPoints, boolean first, String pool) {
        List<ChainMember> members = new ArrayList<>();
        String[] tokens = chain.trim().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            members.add(member(i + 1, tokens[i]));
        }
        return new RewardInput("p1", members.get(0), members.subList(1, members.size()),
                RewardSettings.defaults().split(new BigDecimal(rewardPoints)), first, new BigDecimal(pool));
    }

    private static ChainMember member(long id, String token) {
        Level level = Level.parse(token.substring(0, 1));
        boolean active = token.charAt(1) == '+';
        Map<Level, Integer> referrals = new EnumMap<>(Level.class);
        int brace = token.indexOf('{');
        if (brace > 0) {
            for (String part : token.substring(brace + 1, token.length() - 1).split(",")) {
                referrals.put(Level.parse(part.substring(0, 1)), Integer.parseInt(part.substring(1)));
            }
        }
        return new ChainMember(id, level, active, referrals);
    }

    /** Payments of the given types summed per customer: {@code id=amount;...} by id. */
    private static String payments(RewardPlan plan, LedgerType... types) {
        List<LedgerType> wanted = List.of(types);
        Map<Long, BigDecimal> byId = new TreeMap<>();
        for (Allocation a : plan.allocations()) {
            if (wanted.contains(a.type())) {
                byId.merge(a.customerId(), a.amount(), BigDecimal::add);
            }
        }
        return byId.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toPlainString())
                .collect(Collectors.joining(";"));
    }
}
