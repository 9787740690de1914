using System.Globalization;
using InfluenceCrm.Performance.Pages;

namespace InfluenceCrm.Tests.Performance.Reports;

/// <summary>The report's charts place their own ticks: round steps, whole ones for counts, labels in the reader's culture.</summary>
public sealed class ReportChartsTests
{
    private static HashSet<string> Texts(string svg) =>
        System.Text.RegularExpressions.Regex.Matches(svg, @"<text[^>]*>\s*([^<]*?)\s*</text>").Select(m => m.Groups[1].Value).ToHashSet();

    [Fact]
    public void Value_ticks_are_round_steps_in_the_readers_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            var texts = Texts(ReportCharts.Bars(["A", "B"], [new("Revenu", [1000, 4200])], "EUR"));
            var thousands = CultureInfo.CurrentCulture.NumberFormat.NumberGroupSeparator;
            foreach (var tick in new[] { "0", $"1{thousands}000", $"2{thousands}000", $"3{thousands}000", $"4{thousands}000", $"5{thousands}000" })
            {
                Assert.Contains(tick, texts);
            }

            Assert.DoesNotContain($"6{thousands}000", texts);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Counts_step_by_whole_units_and_days_are_labelled_at_most_eight_times()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            var days = Enumerable.Range(0, 61).Select(i => new DateOnly(2026, 10, 28).AddDays(i)).ToList();
            var texts = Texts(ReportCharts.Lines(days, [new("Sales", days.Select(d => d.Day == 28 ? 1.0 : 0).ToList())], "Sales"));
            Assert.Contains("0", texts);
            Assert.Contains("1", texts);
            Assert.DoesNotContain("0.2", texts);
            Assert.DoesNotContain("0.5", texts);
            Assert.Contains("Oct 28", texts);
            Assert.InRange(texts.Count(t => System.Text.RegularExpressions.Regex.IsMatch(t, "^(Oct|Nov|Dec) [0-9]+$")), 5, 8);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
