package io.memnun.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Bar and line charts drawn as inline SVG: no script and no external asset, so a report stays one self-contained
 * file that prints as it shows. Each chart has a fixed view box and scales to the page width.
 */
final class SvgChart {
    /** The colours of the series: previous period grey-blue, current period strong blue, then others. */
    static final String[] COLOURS = {"#9aa9c2", "#2f5d9e", "#d9822b", "#3c8d5a"};

    /** One category of a bar chart with a value per series. */
    record Bar(String label, double[] values) {}

    /** One named line of a line chart. */
    record Line(String name, double[] values) {}

    private SvgChart() {}

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A horizontal grouped bar chart: one row per category, one bar per series, the value at the bar's end. */
    static String bars(String caption, List<String> series, List<Bar> bars, DoubleFunction<String> label) {
        int width = 720;
        int labelWidth = 190;
        int barHeight = 12;
        int rowHeight = barHeight * series.size() + 10;
        int top = 26;
        int height = top + Math.max(1, bars.size()) * rowHeight + 10;
        double max = bars.stream().flatMapToDouble(b -> java.util.Arrays.stream(b.values())).max().orElse(0);
        double scale = max <= 0 ? 0 : (width - labelWidth - 70) / max;
        StringBuilder s = new StringBuilder();
        s.append("<figure><figcaption>").append(Html.esc(caption)).append("</figcaption>\n");
        s.append("<svg class=\"chart bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
                .append(Html.esc(caption)).append("\">\n");
        // a chart of the current period alone draws it in the current period's colour
        int firstColour = series.size() == 1 ? 1 : 0;
        legend(s, series, labelWidth, firstColour);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * rowHeight;
            s.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + rowHeight / 2 + 2)
                    .append("\" font-size=\"12\" text-anchor=\"end\">").append(Html.esc(b.label())).append("</text>\n");
            for (int k = 0; k < b.values().length; k++) {
                double w = b.values()[k] * scale;
                int by = y + 3 + k * barHeight;
                s.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(by).append("\" width=\"").append(num(Math.max(w, 0.5)))
                        .append("\" height=\"").append(barHeight - 2).append("\" fill=\"").append(COLOURS[(k + firstColour) % COLOURS.length]).append("\"/>");
                s.append("<text x=\"").append(num(labelWidth + w + 4)).append("\" y=\"").append(by + barHeight - 3)
                        .append("\" font-size=\"10\">").append(Html.esc(label.apply(b.values()[k]))).append("</text>\n");
            }
        }
        s.append("<line x1=\"").append(labelWidth).append("\" y1=\"").append(top - 2).append("\" x2=\"").append(labelWidth).append("\" y2=\"")
                .append(height - 8).append("\" stroke=\"#5a6478\"/>\n");
        return s.append("</svg></figure>\n").toString();
    }

    private static void legend(StringBuilder s, List<String> series, int x, int firstColour) {
        int lx = x;
        for (int k = 0; k < series.size(); k++) {
            s.append("<rect x=\"").append(lx).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"").append(COLOURS[(k + firstColour) % COLOURS.length])
                    .append("\"/><text x=\"").append(lx + 16).append("\" y=\"16\" font-size=\"12\">").append(Html.esc(series.get(k))).append("</text>\n");
            lx += 28 + series.get(k).length() * 7;
        }
    }

    /** A line chart over labelled points (e.g. months), with a value axis from zero and a grid. */
    static String lines(String caption, List<String> labels, List<Line> lines) {
        int width = 720;
        int height = 280;
        int left = 48;
        int right = 16;
        int top = 30;
        int bottom = 54;
        double max = lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.values())).max().orElse(0);
        double axisMax = niceCeiling(max);
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double step = labels.size() > 1 ? plotW / (labels.size() - 1) : 0;
        StringBuilder s = new StringBuilder();
        s.append("<figure><figcaption>").append(Html.esc(caption)).append("</figcaption>\n");
        s.append("<svg class=\"chart line-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
                .append(Html.esc(caption)).append("\">\n");
        legend(s, lines.stream().map(Line::name).toList(), left, 1);
        for (int g = 0; g <= 4; g++) {
            double v = axisMax * g / 4;
            double y = top + plotH - plotH * g / 4;
            s.append("<line x1=\"").append(left).append("\" y1=\"").append(num(y)).append("\" x2=\"").append(width - right).append("\" y2=\"")
                    .append(num(y)).append("\" stroke=\"#dde3ec\"/><text x=\"").append(left - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.0f", v)).append("</text>\n");
        }
        for (int i = 0; i < labels.size(); i++) {
            double x = left + i * step;
            s.append("<text x=\"").append(num(x)).append("\" y=\"").append(height - bottom + 14).append("\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-40 ")
                    .append(num(x)).append(' ').append(height - bottom + 14).append(")\">").append(Html.esc(labels.get(i))).append("</text>\n");
        }
        for (int k = 0; k < lines.size(); k++) {
            double[] v = lines.get(k).values();
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                double x = left + i * step;
                double y = top + plotH - (axisMax <= 0 ? 0 : plotH * v[i] / axisMax);
                points.append(num(x)).append(',').append(num(y)).append(' ');
                s.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"2.5\" fill=\"")
                        .append(COLOURS[(k + 1) % COLOURS.length]).append("\"/>");
            }
            s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLOURS[(k + 1) % COLOURS.length]).append("\" points=\"")
                    .append(points.toString().strip()).append("\"/>\n");
        }
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(num(top + plotH)).append("\" x2=\"").append(width - right)
                .append("\" y2=\"").append(num(top + plotH)).append("\" stroke=\"#5a6478\"/>\n");
        return s.append("</svg></figure>\n").toString();
    }

    /** 1, 2 or 5 times a power of ten at or above {@code v}, so that the grid lines fall on round numbers. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 4, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
