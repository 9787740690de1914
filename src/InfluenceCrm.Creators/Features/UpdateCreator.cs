using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>PATCH with JSON merge patch semantics (RFC 7396): absent = unchanged, null = cleared, a value = replaced.</summary>
public static class UpdateCreator
{
    public sealed record Request(string Id, JsonElement Patch, long? ExpectedVersion) : IRequest<CreatorView>;

    private static readonly IReadOnlyDictionary<string, string> NotPatchable = new Dictionary<string, string>
    {
        ["stage"] = "Change the stage with POST /api/v1/creators/{id}/stage.",
        ["socialAccounts"] = "Change accounts with /api/v1/creators/{id}/social-accounts.",
        ["id"] = "The id cannot change.",
    };

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() =>
            RuleFor(r => r.Patch.ValueKind).Equal(JsonValueKind.Object).OverridePropertyName("body")
                .WithMessage("The body must be a JSON object (merge patch).");
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, IValidator<CreatorFields> fieldsValidator)
        : IRequestHandler<Request, CreatorView>
    {
        public Task<CreatorView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var current = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, current.Version);
                if (current.ErasedAt is not null)
                {
                    throw new ConflictException("This creator's personal data was erased; the record cannot be edited.");
                }

                var fields = Apply(current.ToFields(), request.Patch);
                await fieldsValidator.ValidateAndThrowAsync(fields, cancellationToken);
                await store.UpdateFieldsAsync(c, tx, caller.WorkspaceId, current, fields, cancellationToken);
                return await store.LoadRequiredAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
            }, cancellationToken);

        private static CreatorFields Apply(CreatorFields fields, JsonElement patch)
        {
            var errors = new List<ValidationFailure>();
            foreach (var property in patch.EnumerateObject())
            {
                var value = property.Value;
                try
                {
                    fields = property.Name switch
                    {
                        "displayName" => fields with { DisplayName = Read<string>(value) },
                        "email" => fields with { Email = Read<string>(value) },
                        "country" => fields with { Country = Read<string>(value) },
                        "languages" => fields with { Languages = Read<List<string>>(value) ?? [] },
                        "tags" => fields with { Tags = Read<List<string>>(value) ?? [] },
                        "doNotContact" => fields with { DoNotContact = Read<bool?>(value) ?? false },
                        "isMinor" => fields with { IsMinor = Read<bool?>(value) ?? false },
                        "birthDate" => fields with { BirthDate = Read<DateOnly?>(value) },
                        "legalRepresentatives" => fields with { LegalRepresentatives = Read<List<LegalRepresentativeInput>>(value) ?? [] },
                        "lawfulBasis" => fields with { LawfulBasis = Read<string>(value) },
                        "notes" => fields with { Notes = Read<string>(value) },
                        _ when NotPatchable.TryGetValue(property.Name, out var hint) => throw new InvalidOperationException(hint),
                        _ => throw new InvalidOperationException("This is not a property of a creator."),
                    };
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    errors.Add(new ValidationFailure(property.Name,
                        e is JsonException ? $"{property.Name} has the wrong type." : e.Message));
                }
            }

            return errors.Count > 0 ? throw new ValidationException(errors) : fields;
        }

        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        };

        private static T? Read<T>(JsonElement value) => value.Deserialize<T>(Json);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{id}", async (string id, JsonElement patch, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                return http.WithETag(await mediator.Send(new Request(id, patch, expected), ct));
            })
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(UpdateCreator))
            .WithSummary("Update a creator (JSON merge patch; If-Match required)")
            .Produces<CreatorView>();
}
