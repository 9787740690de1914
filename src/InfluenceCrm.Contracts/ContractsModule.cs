using InfluenceCrm.Platform;
using InfluenceCrm.Contracts.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Contracts;

public static class ContractsModule
{
    /// <summary>The closed vocabularies of this module, for the OpenAPI document's enums.</summary>
    public static IEnumerable<DocumentedValues> Vocabularies() =>
    [
        new(typeof(ContractView), "status", ContractRules.Statuses), new(typeof(ChangeContractStatus.Body), "status", ContractRules.Statuses),
        new(typeof(ListContracts.Request), "status", ContractRules.Statuses), new(typeof(UsageRights), "channels", ContractRules.Channels),
    ];

    public static IServiceCollection AddContracts(this IServiceCollection services) =>
        services.AddScoped<ContractStore>().AddScoped<ContractChecks>().AddScoped<WrittenContractThreshold>().AddScoped<SignatureEvidence>();

    public static IEndpointRouteBuilder MapContracts(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/v1/contracts").WithTags("Contracts");
        CreateContract.Map(contracts);
        ListContracts.Map(contracts);
        GetWrittenContractRequirement.Map(contracts);
        ListPayments.Map(contracts);
        GetPaymentTotals.Map(contracts);
        GetContract.Map(contracts);
        UpdateContract.Map(contracts);
        ChangeContractStatus.Map(contracts);
        SignContract.Map(contracts);
        AmendContract.Map(contracts);
        ListContractVersions.Map(contracts);
        GetContractPdf.Map(contracts);
        CountersignContract.Map(contracts);
        GetContractCompliance.Map(contracts);
        PreviewContractCompliance.Map(contracts);
        RecordMilestonePayment.Map(contracts);
        Pages.ContractPdfDownload.Map(app);
        Pages.CompliancePreview.Map(app);
        Pages.Portal.PortalContractPdf.Map(app);
        return app;
    }
}
