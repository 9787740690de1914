using System.Diagnostics.Metrics;

namespace InfluenceCrm.Platform;

/// <summary>influencecrm.imports.rows: rows of every import (creators CSV, engagement snapshots…), by import and outcome.</summary>
public sealed class ImportMetrics
{
    public const string MeterName = "InfluenceCrm.Imports";
    private readonly Counter<long> rows;

    public ImportMetrics(IMeterFactory meters) =>
        rows = meters.Create(MeterName).CreateCounter<long>("influencecrm.imports.rows", description: "Rows read by imports, by import and outcome");

    /// <param name="outcome">created, updated, unchanged, stored, already_known or rejected.</param>
    public void Rows(string import, string outcome, long count)
    {
        if (count > 0)
        {
            rows.Add(count, new KeyValuePair<string, object?>("import", import), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
