using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace InfluenceCrm.Performance.Pages;

/// <summary>
/// The report's charts as inline SVG drawn on the server by ScottPlot (no script, no CDN). Series differ by marker, line
/// pattern and hatch as well as colour, so they read without colour; each chart's page also shows its figures as a table.
/// Ticks are placed here (round steps, labels in the reader's culture), not by ScottPlot's automatic tick generators,
/// which measure many candidate labels per axis: they took 5 of the 6 ms each chart cost (measured on an empty plot).
/// </summary>
public static partial class ReportCharts
{
    public sealed record Series(string Label, IReadOnlyList<double> Values, bool RightAxis = false);

    private static readonly Color[] Palette = [new("#0b57d0"), new("#b42318"), new("#1a7f37"), new("#8250df")];
    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond];
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private static readonly Func<IHatch?>[] Hatches = [() => null, () => new ScottPlot.Hatches.Striped(), () => new ScottPlot.Hatches.Dots(),
        () => new ScottPlot.Hatches.Checker()];

    /// <summary>One line per series over the days; a series may read on the right axis (another unit).</summary>
    public static string Lines(IReadOnlyList<DateOnly> days, IReadOnlyList<Series> series, string leftUnit, string? rightUnit = null)
    {
        var plot = new Plot();
        var xs = days.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        for (var i = 0; i < series.Count; i++)
        {
            var line = xs.Length == 0 ? null : plot.Add.Scatter(xs, series[i].Values.ToArray());
            if (line is null)
            {
                continue;
            }

            line.LegendText = series[i].Label;
            line.Color = Palette[i % Palette.Length];
            line.MarkerShape = Markers[i % Markers.Length];
            line.MarkerSize = 7;
            line.LinePattern = Patterns[i % Patterns.Length];
            line.LineWidth = 2;
            if (series[i].RightAxis)
            {
                line.Axes.YAxis = plot.Axes.Right;
            }
        }

        // Days as labels, at most eight of them, evenly spaced.
        var every = Math.Max(1, (days.Count + 7) / 8);
        var dayTicks = Enumerable.Range(0, days.Count).Where(i => i % every == 0).ToList();
        var monthDay = CultureInfo.CurrentCulture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(dayTicks.Select(i => xs[i]).ToArray(),
            dayTicks.Select(i => days[i].ToString(monthDay, CultureInfo.CurrentCulture)).ToArray());
        if (xs.Length > 0)
        {
            plot.Axes.SetLimitsX(new AxisLimits(xs[0] - 0.5, xs[^1] + 0.5, 0, 1));
        }

        ValueTicks(plot, plot.Axes.Left, series.Where(s => !s.RightAxis).SelectMany(s => s.Values));
        plot.Axes.Left.Label.Text = leftUnit;
        if (rightUnit is not null)
        {
            ValueTicks(plot, plot.Axes.Right, series.Where(s => s.RightAxis).SelectMany(s => s.Values));
            plot.Axes.Right.Label.Text = rightUnit;
        }

        return Svg(plot, series.Count > 1);
    }

    /// <summary>Bars side by side per category, one hatch per series.</summary>
    public static string Bars(IReadOnlyList<string> categories, IReadOnlyList<Series> series, string unit)
    {
        var plot = new Plot();
        var width = 0.8 / Math.Max(1, series.Count);
        var bars = new List<Bar>();
        for (var s = 0; s < series.Count; s++)
        {
            for (var c = 0; c < categories.Count; c++)
            {
                bars.Add(new Bar
                {
                    Position = c + (s - (series.Count - 1) / 2.0) * width,
                    Value = series[s].Values[c],
                    Size = width * 0.95,
                    FillColor = Palette[s % Palette.Length],
                    FillHatch = Hatches[s % Hatches.Length](),
                    FillHatchColor = Colors.White,
                    LineColor = Colors.Black,
                    LineWidth = 1,
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = series[s].Label,
                FillColor = Palette[s % Palette.Length],
                FillHatch = Hatches[s % Hatches.Length](),
                FillHatchColor = Colors.White,
                OutlineColor = Colors.Black,
            });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), categories.Select(Short).ToArray());
        plot.Axes.SetLimitsX(new AxisLimits(-0.6, Math.Max(1, categories.Count) - 0.4, 0, 1));
        ValueTicks(plot, plot.Axes.Left, series.SelectMany(s => s.Values));
        plot.Axes.Left.Label.Text = unit;
        return Svg(plot, series.Count > 1);
    }

    /// <summary>About five round steps (1, 2 or 5 × 10ⁿ; whole ones for counts) from zero (or the lowest value) to the highest value.</summary>
    private static void ValueTicks(Plot plot, IYAxis axis, IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var low = Math.Min(0, finite.Count == 0 ? 0 : finite.Min());
        var high = Math.Max(low + 1e-9, finite.Count == 0 ? 1 : finite.Max());
        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 } * magnitude;
        if (finite.All(v => v == Math.Floor(v)))
        {
            step = Math.Max(1, step); // counts (and nothing at all) step by whole units
        }

        var first = Math.Floor(low / step) * step;
        var last = Math.Max(first + step, Math.Ceiling(high / step) * step);
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step)));
        var ticks = new List<double>();
        for (var v = first; v <= last + step / 2 && ticks.Count < 50; v += step)
        {
            ticks.Add(Math.Round(v, decimals));
        }

        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray(),
            ticks.Select(t => t.ToString("N" + decimals, CultureInfo.CurrentCulture)).ToArray());
        plot.Axes.SetLimitsY(new AxisLimits(0, 1, first, last), axis);
    }

    private static string Short(string label) => label.Length <= 14 ? label : label[..13] + "…";

    private static string Svg(Plot plot, bool legend)
    {
        if (legend)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        plot.FigureBackground.Color = Colors.White;
        var svg = plot.GetSvgXml(720, 300);
        // Inline in the page: no XML declaration; the figure scales to its container and is one image to assistive technology.
        svg = XmlDeclaration().Replace(svg, "");
        return SvgOpening().Replace(svg, """<svg aria-hidden="true" focusable="false" viewBox="0 0 720 300" preserveAspectRatio="xMidYMid meet" """, 1);
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\s+(?=xmlns)")]
    private static partial Regex SvgOpening();
}
