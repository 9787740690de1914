using InfluenceCrm.Contracts.Features;
using InfluenceCrm.Platform.Webhooks;
using MediatR;

namespace InfluenceCrm.Contracts.PublicQueries;

/// <summary>
/// The payments the payment.due webhook announces: milestones overdue, and those due today, of the caller's workspace,
/// each keyed by its milestone (announced once) with the payment as GET /api/v1/contracts/payments shows it.
/// </summary>
public static class ListDuePayments
{
    public sealed record Request : IRequest<IReadOnlyList<ScheduledEvent>>;

    internal sealed class Handler(IMediator mediator, ContractStore store) : IRequestHandler<Request, IReadOnlyList<ScheduledEvent>>
    {
        public async Task<IReadOnlyList<ScheduledEvent>> Handle(Request request, CancellationToken cancellationToken)
        {
            var today = store.Today;
            var due = new List<ScheduledEvent>();
            foreach (var state in new ListPayments.Request[] { new() { State = "overdue" }, new() { State = "due", From = today, To = today } })
            {
                due.AddRange(await ScheduledEvent.FromAllPagesAsync(async cursor =>
                {
                    var page = await mediator.Send(state with { Limit = 200, Cursor = cursor }, cancellationToken);
                    return (page.Items, page.NextCursor);
                }, p => p.MilestoneId));
            }

            return due;
        }
    }
}
