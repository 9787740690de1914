using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Creators;

/// <summary>
/// The invoicing details and erasure requests in a creator's personal-data export (GDPR art. 15/20), under
/// <c>invoicing</c>: the details whole (the IBAN in clear — it is the person's own), and every request with its dates.
/// </summary>
internal sealed class InvoicingPersonalData : INotificationHandler<CreatorDataRequested>
{
    public sealed record Section(InvoicingDetailsView? InvoicingDetails, IReadOnlyList<ErasureRequestView> ErasureRequests);

    public async Task Handle(CreatorDataRequested e, CancellationToken cancellationToken)
    {
        var details = await InvoicingDetails.LoadAsync(e.Connection, e.WorkspaceId, e.CreatorId, e.Transaction, cancellationToken);
        var requests = await e.Connection.QueryAsync<ErasureRequests.Row>(ErasureRequests.OfCreator, new { e.WorkspaceId, e.CreatorId }, e.Transaction,
            cancellationToken);
        e.Export.Add("invoicing", new Section(details.Version == 0 ? null : details, requests.Select(r => r.ToView()).ToList()));
    }
}

/// <summary>
/// The invoicing details go with the creator's erasure (payments already made are the Contracts module's records, kept
/// with their references); the erasure requests are closed and their messages cleared, their dates kept as the proof
/// that each was answered.
/// </summary>
internal sealed class InvoicingErasure(TimeProvider clock) : INotificationHandler<CreatorErased>
{
    public async Task Handle(CreatorErased e, CancellationToken cancellationToken)
    {
        var ids = new { e.WorkspaceId, e.CreatorId, Now = clock.GetUtcNow() };
        await e.Connection.ExecuteAsync(InvoicingDetails.Delete, ids, e.Transaction, cancellationToken);
        var closed = await e.Connection.ExecuteAsync(ErasureRequests.Close, ids, e.Transaction, cancellationToken);
        e.Report.Remove("invoicing details: legal name, postal address, VAT number, SIRET, IBAN");
        if (closed > 0)
        {
            e.Report.Keep($"erasure requests: {closed} request(s), closed, with their dates and without their message — the proof that each was answered");
        }
    }
}
