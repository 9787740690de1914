using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// The portal's payments: the milestones of the signed creator's contracts with this workspace (signed and later, as
/// <see cref="ListPayments"/> counts them), unpaid first in due-date order (overdue ones flagged), then those paid, latest
/// first. Only a portal request acting as a creator may ask (<see cref="Caller.PortalCreatorId"/>); it sees that creator's only.
/// </summary>
public static class ListMyPayments
{
    public sealed record Request : IRequest<Response>;

    public sealed record Response(IReadOnlyList<ListPayments.PaymentView> Due, IReadOnlyList<ListPayments.PaymentView> Overdue,
        IReadOnlyList<ListPayments.PaymentView> Paid);

    internal sealed class Handler(Caller caller, IMediator mediator, ContractStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var creatorId = caller.PortalCreatorId ?? throw new ForbiddenException("Only a creator signed in to the portal has payments of their own.");
            var today = store.Today;
            var overdue = await AllAsync(new ListPayments.Request { State = "overdue", CreatorId = creatorId }, cancellationToken);
            var due = await AllAsync(new ListPayments.Request { State = "due", From = today, To = today.AddYears(20), CreatorId = creatorId },
                cancellationToken);
            var paid = await AllAsync(new ListPayments.Request { State = "paid", From = new DateOnly(2000, 1, 1), To = today, CreatorId = creatorId },
                cancellationToken);
            return new Response(due, overdue, paid.OrderByDescending(p => p.PaidAt).ToList());
        }

        private async Task<IReadOnlyList<ListPayments.PaymentView>> AllAsync(ListPayments.Request request, CancellationToken ct)
        {
            var all = new List<ListPayments.PaymentView>();
            string? cursor = null;
            do
            {
                var page = await mediator.Send(request with { Limit = Cursor.MaxLimit, Cursor = cursor }, ct);
                all.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null && all.Count < 1000);
            return all;
        }
    }
}
