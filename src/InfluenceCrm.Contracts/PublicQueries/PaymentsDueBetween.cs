using InfluenceCrm.Contracts.Features;
using InfluenceCrm.Platform.BrandDay;
using MediatR;

namespace InfluenceCrm.Contracts.PublicQueries;

/// <summary>The payments the brand's day lists (Platform's <see cref="PaymentsDueBetween"/>): ListPayments' due milestones in the range.</summary>
internal sealed class PaymentsDueBetweenHandler(IMediator mediator) : IRequestHandler<PaymentsDueBetween, IReadOnlyList<PaymentDue>>
{
    public async Task<IReadOnlyList<PaymentDue>> Handle(PaymentsDueBetween request, CancellationToken cancellationToken)
    {
        var due = new ListPayments.Request { State = "due", From = request.From, To = request.To, Limit = request.Limit };
        return (await mediator.Send(due, cancellationToken)).Items.Select(p => new PaymentDue(p.DueOn, p.ContractTitle, p.Label, p.Amount)).ToList();
    }
}
