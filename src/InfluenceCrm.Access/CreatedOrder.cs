using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Access;

/// <summary>
/// One page of a workspace's list in the order its rows were made (members, API keys, invitations): the cursor decoded,
/// the statement read with the keyset's values (after, afterId, take: the list's parameters are the caller's to name), the
/// rows made views and the next cursor made from the last one's time and id.
/// </summary>
internal static class CreatedOrder
{
    public static async Task<Page<TView>> PageAsync<TRow, TView>(Db db, Sql list, string sortName, int? limit, string? cursor,
        Func<DateTimeOffset?, string?, int, object> parameters, Func<TRow, TView> view, Func<TView, (DateTimeOffset At, string Id)> key,
        CancellationToken ct)
    {
        var take = limit ?? Cursor.DefaultLimit;
        var after = Cursor.Decode(cursor, sortName);
        DateTimeOffset? afterTime = after is null ? null : Cursor.TimeOf(after);
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<TRow>(list, parameters(afterTime, after?.Id, take + 1), ct: ct)).Select(view).ToList();
        return Cursor.ToPage(rows, take, sortName, v =>
        {
            var (at, id) = key(v);
            return (Cursor.ValueText(at), id);
        });
    }
}
