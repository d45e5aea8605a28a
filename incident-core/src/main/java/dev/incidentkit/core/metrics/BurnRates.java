package dev.incidentkit.core.metrics;

import dev.incidentkit.core.metrics.BurnRateRule.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLO error-budget burn-rate calculator with multi-window, multi-burn-rate alerting, as The
 * Site Reliability Workbook recommends ("Alerting on SLOs", its sixth and final iteration). Pure
 * functions: "now" is an argument.
 *
 * <p>The recommended rules for a 30-day period, each derived from a share of the budget spent in
 * its long window ({@link BurnRateRule#forBudgetShare}):
 *
 * <table>
 *   <caption>Default rules</caption>
 *   <tr><th>urgency</th><th>long window</th><th>short window</th><th>burn rate</th><th>budget spent</th></tr>
 *   <tr><td>page</td><td>1 hour</td><td>5 minutes</td><td>14.4</td><td>2%</td></tr>
 *   <tr><td>page</td><td>6 hours</td><td>30 minutes</td><td>6</td><td>5%</td></tr>
 *   <tr><td>ticket</td><td>3 days</td><td>6 hours</td><td>1</td><td>10%</td></tr>
 * </table>
 *
 * <p>A window of length w ending at {@code now} holds the samples stamped after {@code now - w}
 * and not after {@code now}.
 *
 * @since 0.1.0
 */
public final class BurnRates {

    private BurnRates() {}

    /**
     * The workbook's three rules, scaled to the objective's period: for 30 days, exactly the
     * table above.
     *
     * @param slo the objective
     * @return page at 2% of the budget in 1 hour (and 5 minutes), page at 5% in 6 hours (and 30
     *     minutes), ticket at 10% in 3 days (and 6 hours)
     */
    public static List<BurnRateRule> workbookRules(Slo slo) {
        return List.of(
                BurnRateRule.forBudgetShare("page-1h", Urgency.PAGE, 0.02, Duration.ofHours(1), Duration.ofMinutes(5), slo),
                BurnRateRule.forBudgetShare("page-6h", Urgency.PAGE, 0.05, Duration.ofHours(6), Duration.ofMinutes(30), slo),
                BurnRateRule.forBudgetShare("ticket-3d", Urgency.TICKET, 0.10, Duration.ofDays(3), Duration.ofHours(6), slo));
    }

    /**
     * Evaluates one rule over counts already summed per window.
     *
     * @param slo the objective
     * @param rule the rule
     * @param longGood good events in the long window
     * @param longTotal all events in the long window
     * @param shortGood good events in the short window
     * @param shortTotal all events in the short window
     * @return the burn rates and whether the rule fires
     * @throws IllegalArgumentException if a count is negative or good exceeds total
     */
    public static BurnRateAlert evaluate(
            Slo slo, BurnRateRule rule, long longGood, long longTotal, long shortGood, long shortTotal) {
        return new BurnRateAlert(rule, slo.burnRate(longGood, longTotal), slo.burnRate(shortGood, shortTotal));
    }

    /**
     * Evaluates rules over samples, in one pass over the samples.
     *
     * @param slo the objective
     * @param rules the rules, such as {@link #workbookRules}
     * @param samples counted events, in any order; those after {@code now} are ignored
     * @param now the end of every window
     * @return one evaluation per rule, in the rules' order
     */
    public static List<BurnRateAlert> evaluate(Slo slo, List<BurnRateRule> rules, Iterable<SloSample> samples, Instant now) {
        int n = rules.size();
        Duration[] windows = new Duration[2 * n];
        for (int i = 0; i < n; i++) {
            windows[2 * i] = rules.get(i).longWindow();
            windows[2 * i + 1] = rules.get(i).shortWindow();
        }
        long[] good = new long[windows.length];
        long[] total = new long[windows.length];
        for (SloSample sample : samples) {
            if (sample.at().isAfter(now)) {
                continue;
            }
            Duration age = Duration.between(sample.at(), now);
            for (int w = 0; w < windows.length; w++) {
                if (age.compareTo(windows[w]) < 0) {
                    good[w] = Math.addExact(good[w], sample.good());
                    total[w] = Math.addExact(total[w], sample.total());
                }
            }
        }
        List<BurnRateAlert> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(evaluate(slo, rules.get(i), good[2 * i], total[2 * i], good[2 * i + 1], total[2 * i + 1]));
        }
        return List.copyOf(out);
    }

    /**
     * @param slo the objective
     * @param rules the rules
     * @param samples counted events
     * @param now the end of every window
     * @return the evaluations of the rules that fire, in the rules' order
     */
    public static List<BurnRateAlert> firing(Slo slo, List<BurnRateRule> rules, Iterable<SloSample> samples, Instant now) {
        List<BurnRateAlert> out = new ArrayList<>();
        for (BurnRateAlert alert : evaluate(slo, rules, samples, now)) {
            if (alert.firing()) {
                out.add(alert);
            }
        }
        return List.copyOf(out);
    }
}
