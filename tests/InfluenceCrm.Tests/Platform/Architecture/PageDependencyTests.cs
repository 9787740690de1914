using System.Reflection;
using Mono.Cecil;

namespace InfluenceCrm.Tests.Platform.Architecture;

/// <summary>
/// Three doors, one handler: a console page (a .razor file, compiled as a component class in its module's Pages namespace,
/// with the helpers beside it) may use an allow-list, read from the IL of every page type and of the lambdas and state
/// machines the compiler makes of it: IMediator and the module's own feature requests and responses (and the types they
/// carry), other modules' PublicQueries, localizers, the console's components, navigation, HttpContext and antiforgery,
/// and the BCL (and the module's own static rules, QRCoder for a link's code). Not Platform.Data, Dapper, a store, another
/// module's Features, nor a service of the module's own (a value a page needs comes in a feature's response, or from a request).
/// </summary>
public sealed class PageDependencyTests
{
    private static readonly Assembly[] Modules =
    [
        typeof(InfluenceCrm.Creators.CreatorsModule).Assembly, typeof(InfluenceCrm.Campaigns.CampaignsModule).Assembly,
        typeof(InfluenceCrm.Contracts.ContractsModule).Assembly, typeof(InfluenceCrm.UgcRights.UgcRightsModule).Assembly,
        typeof(InfluenceCrm.Performance.PerformanceModule).Assembly, typeof(InfluenceCrm.Webhooks.WebhooksModule).Assembly,
        typeof(InfluenceCrm.Media.MediaModule).Assembly, typeof(InfluenceCrm.Access.AccessModule).Assembly,
    ];

    /// <summary>Namespaces (and type-name prefixes) any page may use.</summary>
    private static readonly string[] Allowed =
    [
        "System", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Antiforgery",
        "Microsoft.AspNetCore.Authorization", "Microsoft.Extensions.Localization", "Microsoft.Extensions.Primitives", "MediatR",
        "InfluenceCrm.Console", "InfluenceCrm.Platform.WebConsole", "InfluenceCrm.Platform.Security.Policies", "InfluenceCrm.Platform.Security.Roles",
        "InfluenceCrm.Platform.Money", "InfluenceCrm.Platform.Vocabulary", "InfluenceCrm.Platform.Http.Page`1", "InfluenceCrm.Platform.BrandDay",
        "InfluenceCrm.Platform.Http.ValidationException", "InfluenceCrm.Platform.Http.NotFoundException", "InfluenceCrm.Platform.Http.ConflictException",
        "InfluenceCrm.Platform.Http.ForbiddenException", "InfluenceCrm.Platform.Http.BadRequestException", "InfluenceCrm.Platform.Http.ApiException",
        "InfluenceCrm.Platform.Http.BodySizeLimitAttribute", "FluentValidation.ValidationException", "FluentValidation.Results.ValidationFailure",
        "Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions", "QRCoder", "__Blazor", "<",
    ];

    /// <summary>Never, whatever the list above lets through.</summary>
    private static readonly string[] Banned = ["System.Data", "Dapper", "Microsoft.Data", "InfluenceCrm.Platform.Data"];

    [Fact]
    public void A_page_uses_only_requests_localizers_components_and_navigation()
    {
        var failures = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in Modules)
        {
            var name = assembly.GetName().Name!;
            var shapes = FeatureShapes(assembly);
            using var module = ModuleDefinition.ReadModule(assembly.Location);
            // The components (a .razor file's class) and what the compiler makes of them; the .cs helpers beside them are not pages.
            foreach (var type in module.Types.Where(t => t.Namespace.StartsWith(name + ".Pages", StringComparison.Ordinal) && IsComponent(t))
                .SelectMany(Nested))
            {
                foreach (var used in Dependencies(type).Select(Outermost).Where(t => t is not null).Select(t => t!.FullName).Distinct())
                {
                    if (!Allows(used, name, shapes))
                    {
                        failures.Add($"{Outermost(type)!.FullName} uses {used}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A base type in this module's assembly; one of the framework's (System.Object…) ends the walk.</summary>
    private static TypeDefinition? TryResolve(TypeReference type)
    {
        try
        {
            return type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    private static bool IsComponent(TypeDefinition type)
    {
        for (var t = type.BaseType; t is not null; t = TryResolve(t)?.BaseType)
        {
            if (t.FullName == "Microsoft.AspNetCore.Components.ComponentBase")
            {
                return true;
            }
        }

        return false;
    }

    private static bool Allows(string used, string module, HashSet<string> shapes)
    {
        if (Banned.Any(b => used.StartsWith(b + ".", StringComparison.Ordinal) || used == b))
        {
            return false;
        }

        if (Allowed.Any(a => used == a || used.StartsWith(a + ".", StringComparison.Ordinal) || used.StartsWith(a + "`", StringComparison.Ordinal)
            || a == "<" && used.StartsWith('<')))
        {
            return true;
        }

        // The module's own rules classes are static vocabularies and transition tables (no I/O): a page offers only the allowed moves.
        if (used.StartsWith(module + ".Features.", StringComparison.Ordinal) || used.StartsWith(module + ".Pages.", StringComparison.Ordinal)
            || shapes.Contains(used) || used.StartsWith(module + ".", StringComparison.Ordinal) && used.EndsWith("Rules", StringComparison.Ordinal))
        {
            return true;
        }

        // Another module (or this one) through its public queries only.
        return used.StartsWith("InfluenceCrm.", StringComparison.Ordinal) && used.Split('.') is { Length: > 3 } parts && parts[2] == "PublicQueries";
    }

    /// <summary>The module's own types a feature's request or response carries (CampaignView, CalendarEntry…), transitively.</summary>
    private static HashSet<string> FeatureShapes(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(assembly.GetTypes().Where(t => t.IsNested && t.DeclaringType!.Namespace is { } ns
            && ns.StartsWith(name + ".Features", StringComparison.Ordinal) && t.Name is "Request" or "Response" or "Body"));
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            var carried = type.GetProperties().Select(p => p.PropertyType)
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
                .Concat(type.GetInterfaces().Concat(type.BaseType is { } b ? [b] : []));
            foreach (var t in carried.SelectMany(Unwrap).Where(t => t.Assembly == assembly))
            {
                queue.Enqueue(t);
            }
        }

        return seen.Select(t => Outer(t).FullName!).ToHashSet(StringComparer.Ordinal);
    }

    private static Type Outer(Type t) => t.DeclaringType is { } d ? Outer(d) : t;

    private static IEnumerable<Type> Unwrap(Type t) =>
        t.HasElementType ? Unwrap(t.GetElementType()!)
        : t.IsGenericType ? new[] { t.GetGenericTypeDefinition() }.Concat(t.GetGenericArguments().SelectMany(Unwrap))
        : t.IsGenericParameter ? [] : [t];

    private static IEnumerable<TypeDefinition> Nested(TypeDefinition t) => new[] { t }.Concat(t.NestedTypes.SelectMany(Nested));

    private static TypeReference? Outermost(TypeReference t)
    {
        while (t is TypeSpecification spec)
        {
            t = spec.ElementType;
        }

        if (t is GenericParameter)
        {
            return null;
        }

        while (t.DeclaringType is { } d)
        {
            t = d;
        }

        return t;
    }

    private static IEnumerable<TypeReference> Dependencies(TypeDefinition type)
    {
        IEnumerable<TypeReference> Expand(TypeReference t) => t switch
        {
            GenericInstanceType g => new TypeReference[] { g }.Concat(g.GenericArguments.SelectMany(Expand)),
            TypeSpecification s => Expand(s.ElementType),
            _ => [t],
        };

        var found = new List<TypeReference>();
        if (type.BaseType is { } b)
        {
            found.Add(b);
        }

        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        found.AddRange(type.CustomAttributes.Select(a => a.AttributeType));
        found.AddRange(type.Fields.Select(f => f.FieldType));
        found.AddRange(type.Properties.Select(p => p.PropertyType));
        found.AddRange(type.Properties.SelectMany(p => p.CustomAttributes).Select(a => a.AttributeType));
        foreach (var method in type.Methods)
        {
            found.Add(method.ReturnType);
            found.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }

            found.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        found.Add(t);
                        break;
                    case MethodReference m:
                        found.Add(m.DeclaringType);
                        found.Add(m.ReturnType);
                        if (m is GenericInstanceMethod gm)
                        {
                            found.AddRange(gm.GenericArguments);
                        }

                        break;
                    case FieldReference f:
                        found.Add(f.DeclaringType);
                        found.Add(f.FieldType);
                        break;
                }
            }
        }

        return found.SelectMany(Expand);
    }
}
