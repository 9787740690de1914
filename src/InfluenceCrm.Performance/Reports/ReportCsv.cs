using System.Globalization;
using InfluenceCrm.Performance.Links;
using static InfluenceCrm.Performance.Features.Reports.GetCampaignReport;

namespace InfluenceCrm.Performance.Reports;

/// <summary>A campaign report as a CSV file, and the name a browser saves it under.</summary>
public static class ReportCsv
{
    /// <summary>
    /// The report as a spreadsheet reads it, written by CsvHelper: CRLF line ends, quoting where a cell needs it, cells
    /// that start with =, +, -, @, tab or CR neutralised (OWASP CSV injection: a creator's name is user input), names next
    /// to ids, and money columns that say their currency and unit.
    /// </summary>
    public static string ToCsv(Report report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvHelper.CsvWriter.Create(text, new CsvHelper.CsvWriterOptions { NewLine = "\r\n", Injection = CsvHelper.CsvInjection.Escape }, true))
        {
            var money = $"{report.Currency}, minor units";
            foreach (var header in new[]
            {
                report.GroupBy, "name", "clicks", "human_clicks", "unique_visitors", "impressions", "reach", "views", "engagements", "engagement_rate_pct",
                    "ctr_pct",
                "conversions", $"revenue ({money})", $"cost ({money})", $"cpc ({money})", $"cpa ({money})", "roas", $"cpm ({money})", $"emv ({money})",
            })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var row in report.Rows.Append(report.Totals with { Name = "total" }))
            {
                foreach (var cell in new object?[]
                {
                    row.Key, row.Name, row.Clicks, row.HumanClicks, row.UniqueVisitors, row.Impressions, row.Reach, row.Views, row.Engagements,
                        row.EngagementRate, row.Ctr,
                    row.Conversions, row.Revenue, row.Cost, row.Cpc, row.Cpa, row.Roas, row.Cpm, row.Emv,
                })
                {
                    csv.WriteField(cell switch { null => "", IFormattable f => f.ToString(null, CultureInfo.InvariantCulture), _ => cell.ToString() });
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>The file name a browser saves the CSV under.</summary>
    public static string FileName(Report report) =>
        $"report-{LinkRules.CampaignSlug(report.CampaignName)}-{report.GroupBy}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv";
}
