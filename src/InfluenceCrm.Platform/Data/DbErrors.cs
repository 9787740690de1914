using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Platform.Data;

public static class DbErrors
{
    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the write (SQLite 2067/1555, SQL Server 2627/2601).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException e => e.Number is 2627 or 2601,
        _ => false,
    };
}
