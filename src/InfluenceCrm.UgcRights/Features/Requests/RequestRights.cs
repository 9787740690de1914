using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// Asks an asset's author for rights: by a comment or DM asking for a reply with an approval hashtag, or by a release-form
/// link (required on TikTok and YouTube, whose comments cannot carry consent). No answer within the window: expired.
/// A form request answers its one-time link here, once; only its hash is stored.
/// </summary>
public static class RequestRights
{
    public sealed record Request(string? AssetId, string? Method, string? ApprovalHashtag, GrantTerms? ProposedTerms, int? WindowDays, string? Language)
        : IRequest<Response>;

    public sealed record Response(RightsRequestView Request, string? ReleaseFormUrl);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.AssetId).NotEmpty();
            RuleFor(r => r.Method).Must(m => m is not null && UgcRules.Methods.Contains(m)).WithMessage($"method is one of: {string.Join(", ", UgcRules.Methods)}.");
            RuleFor(r => r.ApprovalHashtag).NotEmpty().Matches(@"^#[\p{L}\p{N}_]{2,50}$").When(r => r.Method is "comment" or "dm")
                .WithMessage("A comment or DM request needs an approval hashtag, e.g. #YesAcme.");
            RuleFor(r => r.ProposedTerms).NotNull().SetValidator(new GrantTermsValidator()!);
            RuleFor(r => r.WindowDays).InclusiveBetween(1, 60);
            RuleFor(r => r.Language).Must(l => l is "fr" or "en").When(r => r.Language is not null).WithMessage("language is fr or en.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit, PublicUrls urls) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, r.AssetId!, tx, cancellationToken);
                if (r.Method != "release_form" && UgcRules.FormOnlyPlatforms.Contains(asset.Platform))
                {
                    throw new ConflictException($"On {asset.Platform} a comment or DM cannot carry consent: use method release_form.");
                }

                string? token = null;
                if (r.Method == "release_form")
                {
                    token = Base64UrlToken();
                }

                var id = Ids.New("rr");
                await c.ExecuteAsync(UgcStore.InsertRequest, new
                {
                    Id = id,
                    caller.WorkspaceId,
                    AssetId = asset.Id,
                    r.Method,
                    r.ApprovalHashtag,
                    ProposedTerms = JsonSerializer.Serialize(r.ProposedTerms, JsonSerializerOptions.Web),
                    Language = r.Language ?? "en",
                    ExpiresAt = store.Now.AddDays(r.WindowDays ?? 7),
                    TokenHash = token is null ? null : TokenHash(token),
                    store.Now,
                }, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "ugc.rights_requested", "asset", asset.Id, new { requestId = id, method = r.Method }, cancellationToken);
                var request = await store.LoadRequestAsync(c, caller.WorkspaceId, id, tx, cancellationToken);
                return new Response(request.ToView(store.Now), token is null ? null : urls.For($"/consent/{token}"));
            }, cancellationToken);

        private static string Base64UrlToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    }

    public static string TokenHash(string token) => Digest.Sha256Hex(token);

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/rights-requests", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/ugc/rights-requests/{response.Request.Id}", response);
            })
            .RequireAuthorization(Policies.UgcWork)
            .WithName(nameof(RequestRights))
            .WithSummary("Ask an author for rights (comment or DM with an approval hashtag, or a release-form link)")
            .Produces<Response>(StatusCodes.Status201Created);
}
