namespace InfluenceCrm.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
