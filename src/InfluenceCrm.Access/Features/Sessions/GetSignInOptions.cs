using MediatR;
using Microsoft.Extensions.Configuration;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// The ways the sign-in page offers besides the password: single sign-on, under the provider's display name, when
/// Authentication:Oidc:Authority is set (see <see cref="AccessAuthentication"/>).
/// </summary>
public static class GetSignInOptions
{
    public sealed record Request : IRequest<Response>;

    /// <param name="SingleSignOn">The provider's name to show ("SSO" when none is configured), or null when single sign-on is off.</param>
    public sealed record Response(string? SingleSignOn);

    internal sealed class Handler(IConfiguration configuration) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request request, CancellationToken cancellationToken) =>
            Task.FromResult(new Response(string.IsNullOrWhiteSpace(configuration["Authentication:Oidc:Authority"])
                ? null
                : configuration["Authentication:Oidc:DisplayName"] ?? "SSO"));
    }
}
