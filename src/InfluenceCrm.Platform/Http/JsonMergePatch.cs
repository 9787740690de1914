using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// RFC 7396 JSON merge patch over a record: absent = unchanged, null = cleared, an object merges into an object,
/// anything else replaces. Unknown or read-only properties and values of the wrong type are 400s naming the field.
/// </summary>
public static class JsonMergePatch
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <param name="readOnly">Properties that exist on the resource but change elsewhere, with the hint to give.</param>
    public static T Apply<T>(T current, JsonElement patch, IReadOnlyDictionary<string, string> readOnly)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationFailure("body", "The body must be a JSON object (merge patch).")]);
        }

        var errors = patch.EnumerateObject().Where(p => readOnly.ContainsKey(p.Name))
            .Select(p => new ValidationFailure(p.Name, readOnly[p.Name])).ToList();
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var target = JsonSerializer.SerializeToNode(current, Options)!;
        try
        {
            var merged = Merge(target, JsonNode.Parse(patch.GetRawText())!);
            return merged.Deserialize<T>(Options)!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json accepts "\ud800" as JSON and only refuses it when making a string of it.
            throw new ValidationException([new ValidationFailure("body", "The body holds text that is not valid Unicode (a lone surrogate).")]);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            var message = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "This is not a property of this resource."
                : "This value has the wrong type.";
            throw new ValidationException([new ValidationFailure(field.Length == 0 ? "body" : field, message)]);
        }
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var existing = result[name];
                result.Remove(name);
                result[name] = Merge(existing, value);
            }
        }

        return result;
    }
}
