using System.Reflection;
using System.Runtime.CompilerServices;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>Every SQL statement the application can send: runs the static initialisers that declare them.</summary>
internal static class Catalogue
{
    public static readonly Assembly[] Assemblies =
    [
        typeof(Sql).Assembly,
        typeof(InfluenceCrm.Creators.CreatorsModule).Assembly,
        typeof(InfluenceCrm.Campaigns.CampaignsModule).Assembly,
        typeof(InfluenceCrm.Contracts.ContractsModule).Assembly,
        typeof(InfluenceCrm.UgcRights.UgcRightsModule).Assembly,
        typeof(InfluenceCrm.Performance.PerformanceModule).Assembly,
        typeof(InfluenceCrm.Webhooks.WebhooksModule).Assembly,
        typeof(InfluenceCrm.Media.MediaModule).Assembly,
        typeof(InfluenceCrm.Access.AccessModule).Assembly,
        typeof(Program).Assembly,
    ];

    public static IReadOnlyCollection<Sql> All()
    {
        foreach (var type in Assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsGenericTypeDefinition))
        {
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }

        return Sql.All;
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "InfluenceCrm.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("InfluenceCrm.sln not found above the test binaries.");
    }
}
