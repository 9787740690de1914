using System.Reflection;

namespace InfluenceCrm.Api.WebConsole;

/// <summary>The modules whose Pages folders hold console pages.</summary>
internal static class ConsolePages
{
    public static readonly Assembly[] ModuleAssemblies =
    [
        typeof(Creators.CreatorsModule).Assembly, typeof(Campaigns.CampaignsModule).Assembly, typeof(Performance.PerformanceModule).Assembly,
        typeof(UgcRights.UgcRightsModule).Assembly, typeof(Contracts.ContractsModule).Assembly, typeof(Access.AccessModule).Assembly,
    ];
}
