namespace InfluenceCrm.Performance.Imports;

/// <summary>A post's engagement figures as an export states them, summed over the post's rows.</summary>
internal sealed record PostFigures(long? Views, long? Reach, long? Impressions, long? Likes, long? Comments, long? Shares, long? Saves)
{
    /// <summary>Rows of one post (a daily breakdown) add up; reach does not (the same people), so the largest is kept.</summary>
    public PostFigures Plus(PostFigures o) =>
        new(Add(Views, o.Views), Max(Reach, o.Reach), Add(Impressions, o.Impressions), Add(Likes, o.Likes), Add(Comments, o.Comments),
        Add(Shares, o.Shares), Add(Saves, o.Saves));

    private static long? Add(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static long? Max(long? a, long? b) => a is null && b is null ? null : Math.Max(a ?? 0, b ?? 0);
}

internal sealed record SiteFigures(long Sessions, long? EngagedSessions, long? KeyEvents, long? Revenue)
{
    public SiteFigures Plus(SiteFigures o) =>
        new(Sessions + o.Sessions, Sum(EngagedSessions, o.EngagedSessions), Sum(KeyEvents, o.KeyEvents), Sum(Revenue, o.Revenue));

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
