using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

public static class CreateApiKey
{
    public sealed record Request(string? Role, string? Name) : IRequest<Response>;

    /// <param name="Key">The secret, shown in this response only.</param>
    public sealed record Response(ApiKeyView ApiKey, string Key);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Role).Must(r => Roles.All.Contains(r!)).WithMessage($"role must be one of: {string.Join(", ", Roles.All)}.");
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        }
    }

    internal sealed class Handler(Db db, Caller caller, AccessStore store, AuditLog audit) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var created = await store.CreateKeyAsync(caller.WorkspaceId, request.Role!, request.Name!, cancellationToken);
            await db.InTransactionAsync((c, tx) => audit.RecordAsync(c, tx, "api_key.created", "api_key", created.Key.Id,
                new { role = created.Key.Role }, cancellationToken), cancellationToken);
            var k = created.Key;
            return new Response(new ApiKeyView(k.Id, k.Name, k.Role, k.Prefix, k.CreatedAt, k.RevokedAt), created.Plaintext);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/api-keys/{response.ApiKey.Id}", response);
            })
            .RequireAuthorization(Policies.Admin)
            // Not idempotent on purpose: a replay would need the plaintext key stored with the response.
            .WithName(nameof(CreateApiKey))
            .WithSummary("Create an API key for this workspace (admin); the secret is shown once")
            .Produces<Response>(StatusCodes.Status201Created);
}
