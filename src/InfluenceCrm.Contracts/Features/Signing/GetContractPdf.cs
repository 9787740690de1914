using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// One version of a contract as a PDF (application/pdf), in the contract's language, with its SHA-256 in <c>Repr-Digest</c>
/// (RFC 9530) and <c>X-Content-SHA256</c>: the hash a signature names. The same version gives the same bytes. A creator in the
/// portal reads only their own contracts, and none still in draft.
/// </summary>
public static class GetContractPdf
{
    public sealed record Request(string Id, int Version) : IRequest<Response>;

    public sealed record Response(byte[] Bytes, string Sha256, string FileName);

    internal sealed class Handler(Db db, Caller caller, SignatureEvidence evidence) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var pdf = await ContractSignatures.RenderAsync(c, caller.WorkspaceId, request.Id, request.Version, null, cancellationToken);
            if (evidence.PortalCreatorId is { } creator && (creator != pdf.CreatorId || pdf.Status == "draft"))
            {
                throw new NotFoundException("contract", request.Id);
            }

            return new Response(pdf.Bytes, pdf.Sha256, pdf.FileName);
        }
    }

    /// <summary>The PDF as an HTTP answer (the API's, the console's and the portal's routes).</summary>
    public static IResult File(HttpContext http, Response pdf)
    {
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(pdf.Sha256))}:";
        http.Response.Headers["X-Content-SHA256"] = pdf.Sha256;
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(pdf.Bytes, "application/pdf", pdf.FileName);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/versions/{version}/pdf", async (string id, int version, IMediator mediator, HttpContext http, CancellationToken ct) =>
                File(http, await mediator.Send(new Request(id, version), ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(GetContractPdf))
            .WithSummary("One version of a contract as a PDF (its SHA-256 in Repr-Digest and X-Content-SHA256)")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
}
