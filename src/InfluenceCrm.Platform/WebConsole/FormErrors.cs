using FluentValidation;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Platform.WebConsole;

/// <summary>
/// The errors a console form shows next to its fields: a request's validation failures by field (the API's camelCase
/// paths), or a rule's refusal (409, 412…) for the whole form.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public string? Form { get; private set; }

    public bool Any => Form is not null || byField.Count > 0;

    public IReadOnlyList<string> For(string field) => byField.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Runs a request; on a validation failure or a refused rule, keeps the messages and returns false.</summary>
    public async Task<bool> TryAsync(Func<Task> send)
    {
        byField.Clear();
        Form = null;
        try
        {
            await send();
            return true;
        }
        catch (ValidationException e)
        {
            foreach (var failure in e.Errors)
            {
                var field = ProblemDetailsExceptionHandler.ToCamelPath(failure.PropertyName);
                (byField.TryGetValue(field, out var list) ? list : byField[field] = []).Add(failure.ErrorMessage);
            }

            return false;
        }
        catch (ApiException e) when (e.Status is 400 or 409 or 412 or 422 or 428)
        {
            Form = e.Message;
            return false;
        }
    }
}
