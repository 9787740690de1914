using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InfluenceCrm.Api;

/// <summary>
/// Which properties of a request body a client must send. The schema generator marks every parameter of a positional
/// record required, nullable or not, so a generated client could not add a social account without url, engagementRate
/// and metricsAsOf. In the types a body holds (nested ones too), a property is required when a validator requires it
/// without a condition (NotNull, NotEmpty), or when its C# type cannot be null and it has no default; the rest may be
/// left out. Types that are only answered keep every property required: the API writes them all, nulls included.
/// </summary>
internal static class OpenApiRequired
{
    /// <summary>Per host: each type a request body can hold, with the members its validators require.</summary>
    private static readonly ConditionalWeakTable<IServiceProvider, Dictionary<Type, HashSet<string>>> RequestTypes = new();

    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties
            || !RequestTypes.GetValue(context.ApplicationServices, Collect).TryGetValue(info.Type, out var validated))
        {
            return;
        }

        var required = info.Properties.Where(p => properties.ContainsKey(p.Name) && (p.IsRequired
                || p.AssociatedParameter is { HasDefaultValue: false, IsNullable: false }
                || (p.AttributeProvider is MemberInfo m && validated.Contains(m.Name))))
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        schema.Required = required.Count > 0 ? required : null;
    }

    private static Dictionary<Type, HashSet<string>> Collect(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var found = new Dictionary<Type, HashSet<string>>();
        var bodies = services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == BindingSource.Body && p.Type is not null).Select(p => p.Type);
        foreach (var body in bodies)
        {
            Reach(body, found, scope.ServiceProvider);
        }

        return found;
    }

    private static void Reach(Type type, Dictionary<Type, HashSet<string>> found, IServiceProvider services)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        Type[] inner = type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        foreach (var element in inner)
        {
            Reach(element, found, services);
        }

        if (type.IsArray || type.IsEnum || type.Assembly.GetName().Name?.StartsWith("InfluenceCrm.", StringComparison.Ordinal) != true
            || !found.TryAdd(type, ValidatorRequired(type, services)))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Reach(property.PropertyType, found, services);
        }
    }

    /// <summary>
    /// The members that validators require unconditionally: those of the type, of the records it extends (a request that
    /// extends a fields record includes that record's validator), and, for a feature's Body, those of its Request.
    /// </summary>
    private static HashSet<string> ValidatorRequired(Type type, IServiceProvider services)
    {
        var validated = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            validated.Add(t);
        }

        if (type.DeclaringType?.GetNestedType("Request") is { } request && request != type)
        {
            validated.Add(request);
        }

        return validated.SelectMany(t => services.GetServices(typeof(IValidator<>).MakeGenericType(t)).OfType<IEnumerable<IValidationRule>>())
            .SelectMany(rules => rules)
            .Where(r => r.PropertyName is not null && !r.HasCondition && !r.HasAsyncCondition && r.RuleSets is not { Length: > 0 }
                && !r.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>))
                && r.Components.Any(c => c.Validator is INotNullValidator or INotEmptyValidator && !c.HasCondition && !c.HasAsyncCondition))
            .Select(r => r.PropertyName).ToHashSet(StringComparer.Ordinal);
    }
}
