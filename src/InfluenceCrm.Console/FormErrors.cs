using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Console;

/// <summary>
/// The errors a console form shows next to its fields: a request's validation failures by field (the API's camelCase
/// paths), or a rule's refusal (409, 412…) for the whole form.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public string? Form { get; private set; }

    public bool Any => Form is not null || byField.Count > 0;

    /// <summary>An amount typed in euros as money in cents; out of range is a validation failure on that field, never an overflow.</summary>
    public static Money? Euros(decimal? euros, string field) => euros switch
    {
        null => null,
        >= 0 and < 100_000_000_000m => new Money((long)Math.Round(euros.Value * 100), "EUR"),
        _ => throw new ValidationException([new FluentValidation.Results.ValidationFailure(field, "Give an amount between 0 and 100,000,000,000 euros.")]),
    };

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
