package com.saascrm.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.saascrm.statistics.ChurnMonth;
import com.saascrm.statistics.ChurnMonth.GroupFigures;
import com.saascrm.statistics.ChurnMonth.OfferFigures;

/**
 * The churn picture as SVG charts: the shapes are laid out here, in plain numbers, and the page template draws
 * them, so that the page needs no script and no chart library, and reads the same in every browser.
 */
final class ChurnCharts {

    static final int PLOT_HEIGHT = 200;
    private static final int TOP = 24;
    private static final int LEFT = 48;
    private static final int BOTTOM = 36;
    private static final int MONTH_SLOT = 60;
    private static final String OFFERED = "#1565c0";
    private static final String CONTROL = "#9e9e9e";

    private ChurnCharts() {}

    /** One shape: a bar with the figure it stands for as its tooltip. */
    record Bar(double x, double y, double width, double height, String color, String title) {}

    record Label(double x, double y, String text, String anchor) {}

    record Series(String name, String color) {}

    record Chart(
            String id,
            String title,
            String caption,
            int width,
            int height,
            List<Bar> bars,
            List<Label> labels,
            List<Series> legend) {}

    /** How every request of each month stands: ended by outcome, open by where it is. */
    static Chart requestsByMonth(List<ChurnMonth> months) {
        Map<String, String> series = new LinkedHashMap<>();
        series.put("RETAINED", "#2e7d32");
        series.put("PAUSED", "#66bb6a");
        series.put("ABANDONED", "#9ccc65");
        series.put("WITHDRAWN", "#29b6f6");
        series.put("REOPENED", "#0277bd");
        series.put("CANCELLED", "#ef6c00");
        series.put("DELETED", "#c62828");
        series.put("IN_WIZARD", "#bdbdbd");
        long highest = months.stream().mapToLong(ChurnCharts::requests).max().orElse(0);
        double scale = highest == 0 ? 0 : (double) PLOT_HEIGHT / highest;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = axis(highest);
        for (int i = 0; i < months.size(); i++) {
            ChurnMonth month = months.get(i);
            double x = LEFT + i * MONTH_SLOT + 12;
            double y = TOP + PLOT_HEIGHT;
            for (Map.Entry<String, String> outcome : series.entrySet()) {
                long count = countOf(month, outcome.getKey());
                if (count > 0) {
                    double height = count * scale;
                    y -= height;
                    bars.add(new Bar(
                            x,
                            y,
                            36,
                            height,
                            outcome.getValue(),
                            month.month() + " " + label(outcome.getKey()) + ": " + count));
                }
            }
            labels.add(new Label(
                    x + 18, TOP + PLOT_HEIGHT - requests(month) * scale - 4, Long.toString(requests(month)), "middle"));
            labels.add(monthLabel(month, x + 18));
        }
        return new Chart(
                "requests",
                "Requests by the month they were made in",
                "Ended requests by outcome; open ones as cancelled (confirmed, waiting for the deletion) or still in"
                        + " the wizard.",
                width(months.size()),
                TOP + PLOT_HEIGHT + BOTTOM,
                bars,
                labels,
                series.entrySet().stream()
                        .map(entry -> new Series(label(entry.getKey()), entry.getValue()))
                        .toList());
    }

    /** Saved among decided requests, each month: those who saw an offer beside the control group. */
    static Chart saveRates(List<ChurnMonth> months) {
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        labels.add(new Label(LEFT - 6, TOP + 4, "100 %", "end"));
        labels.add(new Label(LEFT - 6, TOP + PLOT_HEIGHT, "0 %", "end"));
        for (int i = 0; i < months.size(); i++) {
            ChurnMonth month = months.get(i);
            double x = LEFT + i * MONTH_SLOT + 8;
            rateBar(bars, labels, month, x, month.experiment().offered(), "offered", OFFERED);
            rateBar(bars, labels, month, x + 22, month.experiment().control(), "control group", CONTROL);
            labels.add(monthLabel(month, x + 21));
        }
        return new Chart(
                "save-rates",
                "Save rate: offered against the control group",
                "Of the requests the decision table made an offer to and that are decided (ended, or confirmed), the"
                        + " share whose subscription went on. The control group saw no offer.",
                width(months.size()),
                TOP + PLOT_HEIGHT + BOTTOM,
                bars,
                labels,
                List.of(new Series("Saw the offer", OFFERED), new Series("Control group", CONTROL)));
    }

    /** Each offer over the whole period: how often shown, accepted, declined, and kept from the control group. */
    static Chart offers(List<ChurnMonth> months) {
        Map<String, OfferFigures> totals = new LinkedHashMap<>();
        months.forEach(
                month -> month.offers().forEach((offer, figures) -> totals.merge(offer, figures, ChurnCharts::sum)));
        Map<String, Function<OfferFigures, Long>> series = new LinkedHashMap<>();
        series.put("Shown", OfferFigures::shown);
        series.put("Accepted", OfferFigures::accepted);
        series.put("Declined", OfferFigures::declined);
        series.put("Control group", OfferFigures::controlGroup);
        List<String> colors = List.of(OFFERED, "#2e7d32", "#c62828", CONTROL);
        long highest = totals.values().stream()
                .mapToLong(figures -> Math.max(figures.shown(), figures.controlGroup()))
                .max()
                .orElse(0);
        double scale = highest == 0 ? 0 : (double) PLOT_HEIGHT / highest;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = axis(highest);
        int slot = 120;
        int i = 0;
        for (Map.Entry<String, OfferFigures> offer : totals.entrySet()) {
            double x = LEFT + i * slot + 10;
            int s = 0;
            for (Map.Entry<String, Function<OfferFigures, Long>> figure : series.entrySet()) {
                long count = figure.getValue().apply(offer.getValue());
                double height = count * scale;
                bars.add(new Bar(
                        x + s * 24,
                        TOP + PLOT_HEIGHT - height,
                        20,
                        height,
                        colors.get(s),
                        label(offer.getKey()) + ", " + figure.getKey().toLowerCase(Locale.ROOT) + ": " + count));
                labels.add(new Label(x + s * 24 + 10, TOP + PLOT_HEIGHT - height - 4, Long.toString(count), "middle"));
                s++;
            }
            labels.add(new Label(x + 46, TOP + PLOT_HEIGHT + 18, label(offer.getKey()), "middle"));
            i++;
        }
        List<Series> legend = new ArrayList<>();
        int c = 0;
        for (String name : series.keySet()) {
            legend.add(new Series(name, colors.get(c++)));
        }
        return new Chart(
                "offers",
                "Retention offers over the period",
                "Shown to the admins, accepted, declined (the rest left the step unanswered), and the requests of the"
                        + " control group that would have seen the offer.",
                LEFT + totals.size() * slot + 20,
                TOP + PLOT_HEIGHT + BOTTOM,
                bars,
                labels,
                legend);
    }

    /** The ended requests of the period by the reason given. */
    static Chart reasons(List<ChurnMonth> months) {
        Map<String, Long> totals = new LinkedHashMap<>();
        months.forEach(month -> month.byReason().forEach((reason, count) -> totals.merge(reason, count, Long::sum)));
        long highest = totals.values().stream().mapToLong(Long::longValue).max().orElse(0);
        int barArea = 420;
        int labelWidth = 150;
        double scale = highest == 0 ? 0 : (double) barArea / highest;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, Long> reason : totals.entrySet()) {
            double y = TOP + row * 26;
            double width = reason.getValue() * scale;
            bars.add(new Bar(labelWidth, y, width, 18, OFFERED, label(reason.getKey()) + ": " + reason.getValue()));
            labels.add(new Label(labelWidth - 8, y + 14, label(reason.getKey()), "end"));
            labels.add(new Label(labelWidth + width + 6, y + 14, Long.toString(reason.getValue()), "start"));
            row++;
        }
        return new Chart(
                "reasons",
                "Reasons of the ended requests",
                "Over the whole period; not given: left the wizard before choosing one.",
                labelWidth + barArea + 60,
                TOP + row * 26 + 10,
                bars,
                labels,
                List.of());
    }

    private static void rateBar(
            List<Bar> bars,
            List<Label> labels,
            ChurnMonth month,
            double x,
            GroupFigures group,
            String name,
            String color) {
        if (group.saveRate() == null) {
            labels.add(new Label(x + 10, TOP + PLOT_HEIGHT - 4, "–", "middle"));
            return;
        }
        double height = group.saveRate() * PLOT_HEIGHT;
        String percent = Math.round(group.saveRate() * 100) + " %";
        bars.add(new Bar(
                x,
                TOP + PLOT_HEIGHT - height,
                20,
                height,
                color,
                month.month() + " " + name + ": " + percent + " of " + group.decided() + " saved"));
        labels.add(new Label(x + 10, TOP + PLOT_HEIGHT - height - 4, percent, "middle"));
    }

    private static List<Label> axis(long highest) {
        List<Label> labels = new ArrayList<>();
        labels.add(new Label(LEFT - 6, TOP + 4, Long.toString(highest), "end"));
        labels.add(new Label(LEFT - 6, TOP + PLOT_HEIGHT, "0", "end"));
        return labels;
    }

    private static Label monthLabel(ChurnMonth month, double x) {
        return new Label(x, TOP + PLOT_HEIGHT + 18, month.month().toString(), "middle");
    }

    private static int width(int months) {
        return LEFT + months * MONTH_SLOT + 10;
    }

    private static long requests(ChurnMonth month) {
        return month.ended()
                + month.stillOpen().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long countOf(ChurnMonth month, String series) {
        Long ended = month.byOutcome().get(series);
        return ended != null ? ended : month.stillOpen().getOrDefault(series, 0L);
    }

    private static OfferFigures sum(OfferFigures a, OfferFigures b) {
        return new OfferFigures(
                a.shown() + b.shown(),
                a.accepted() + b.accepted(),
                a.declined() + b.declined(),
                a.controlGroup() + b.controlGroup());
    }

    /** {@code CHEAPER_PLAN} as "Cheaper plan". */
    static String label(String code) {
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
