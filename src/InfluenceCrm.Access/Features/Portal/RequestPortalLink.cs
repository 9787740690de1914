using FluentValidation;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// At /portal, a creator asks for a sign-in link by address. One answer whatever the address: a link is mailed only when the
/// address is that of a creator some workspace invited (and it has asked fewer than five times in 15 minutes).
/// </summary>
public static class RequestPortalLink
{
    /// <param name="Language">The mail's language: fr or en (the page's).</param>
    public sealed record Request(string? Email, string Language) : IRequest<Unit>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(People.EmailWidth).EmailAddress();
            RuleFor(r => r.Language).Must(l => l is "fr" or "en").WithMessage("language must be fr or en.");
        }
    }

    internal sealed class Handler(PortalLinks portal) : IRequestHandler<Request, Unit>
    {
        public async Task<Unit> Handle(Request request, CancellationToken cancellationToken)
        {
            await portal.RequestAsync(request.Email!, request.Language, cancellationToken);
            return Unit.Value;
        }
    }
}
