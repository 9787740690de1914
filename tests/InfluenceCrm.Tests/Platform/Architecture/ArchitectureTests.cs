using MediatR;
using NetArchTest.Rules;

namespace InfluenceCrm.Tests.Platform.Architecture;

/// <summary>The module rules of ARCHITECTURE.md, kept true by the build.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly PlatformAssembly = typeof(InfluenceCrm.Platform.Data.Sql).Assembly;
    private static readonly System.Reflection.Assembly CreatorsAssembly = typeof(InfluenceCrm.Creators.CreatorsModule).Assembly;
    private static readonly System.Reflection.Assembly CampaignsAssembly = typeof(InfluenceCrm.Campaigns.CampaignsModule).Assembly;
    private static readonly System.Reflection.Assembly ContractsAssembly = typeof(InfluenceCrm.Contracts.ContractsModule).Assembly;
    private static readonly System.Reflection.Assembly UgcAssembly = typeof(InfluenceCrm.UgcRights.UgcRightsModule).Assembly;
    private static readonly System.Reflection.Assembly PerformanceAssembly = typeof(InfluenceCrm.Performance.PerformanceModule).Assembly;
    private static readonly System.Reflection.Assembly WebhooksAssembly = typeof(InfluenceCrm.Webhooks.WebhooksModule).Assembly;
    private static readonly System.Reflection.Assembly MediaAssembly = typeof(InfluenceCrm.Media.MediaModule).Assembly;
    private static readonly System.Reflection.Assembly AccessAssembly = typeof(InfluenceCrm.Access.AccessModule).Assembly;
    private static readonly System.Reflection.Assembly[] Modules =
        [CreatorsAssembly, CampaignsAssembly, ContractsAssembly, UgcAssembly, PerformanceAssembly, WebhooksAssembly, MediaAssembly, AccessAssembly];

    [Fact]
    public void Platform_depends_on_no_module_and_not_on_the_host()
    {
        // Every module by name, the console library and the host: Platform is what they all build on.
        var result = Types.InAssembly(PlatformAssembly).ShouldNot()
            .HaveDependencyOnAny([.. Modules.Select(m => m.GetName().Name!), "InfluenceCrm.Console", "InfluenceCrm.Api"]).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>The console library renders every module's pages: the host gives it their assemblies, so it references none (no cycle).</summary>
    [Fact]
    public void The_console_library_depends_on_no_module_and_not_on_the_host()
    {
        var result = Types.InAssembly(typeof(InfluenceCrm.Console.ConsolePages).Assembly).ShouldNot()
            .HaveDependencyOnAny([.. Modules.Select(m => m.GetName().Name!), "InfluenceCrm.Api"]).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>Three doors, one handler: a console page sends the feature's MediatR request; it never reads tables itself.</summary>
    [Fact]
    public void Console_pages_send_requests_and_never_touch_the_database()
    {
        foreach (var assembly in Modules.Append(typeof(Program).Assembly))
        {
            var result = Types.InAssembly(assembly).That().ResideInNamespaceEndingWith(".Pages")
                .ShouldNot().HaveDependencyOnAny("InfluenceCrm.Platform.Data", "Dapper", "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient", "System.Data.Common")
                .GetResult();
            Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    [Fact]
    public void Modules_do_not_depend_on_the_host()
    {
        foreach (var module in Modules)
        {
            var result = Types.InAssembly(module).ShouldNot().HaveDependencyOn("InfluenceCrm.Api").GetResult();
            Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    [Fact]
    public void A_module_uses_another_module_only_through_its_public_queries()
    {
        // Every type a module's IL references in another module's assembly must live in that module's PublicQueries namespace.
        var moduleNames = Modules.Select(m => m.GetName().Name!).ToHashSet();
        var failures = new List<string>();
        foreach (var module in Modules)
        {
            using var stream = File.OpenRead(module.Location);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            foreach (var handle in metadata.TypeReferences)
            {
                var type = metadata.GetTypeReference(handle);
                var scope = type.ResolutionScope;
                if (scope.Kind != System.Reflection.Metadata.HandleKind.AssemblyReference)
                {
                    continue;
                }

                var target = metadata.GetString(metadata.GetAssemblyReference((System.Reflection.Metadata.AssemblyReferenceHandle)scope).Name);
                var ns = metadata.GetString(type.Namespace);
                if (moduleNames.Contains(target) && target != module.GetName().Name && ns != $"{target}.PublicQueries")
                {
                    failures.Add($"{module.GetName().Name} uses {ns}.{metadata.GetString(type.Name)}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Handlers_and_validators_are_internal_and_sealed()
    {
        Assert.DoesNotContain(typeof(Program).Assembly.GetTypes(),
            t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)));
        foreach (var assembly in Modules)
        {
            var handlers = assembly.GetTypes().Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))).ToList();
            Assert.NotEmpty(handlers);
            Assert.All(handlers, h => Assert.True(h.IsNotPublic || h.IsNestedAssembly, $"{h.FullName} is public"));
            Assert.All(handlers, h => Assert.True(h.IsSealed, $"{h.FullName} is not sealed"));
        }
    }

    [Fact]
    public void Every_feature_lives_in_a_features_folder_as_one_static_class()
    {
        // Features/ or an area's folder under it (Features/Links/CreateLink.cs: namespace ….Features.Links).
        var features = Modules.SelectMany(m => m.GetTypes())
            .Where(t => t.Namespace is { } ns && (ns.EndsWith(".Features", StringComparison.Ordinal) || ns.Contains(".Features.", StringComparison.Ordinal)) && !t.IsNested)
            .ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.True(f.IsAbstract && f.IsSealed, $"{f.Name} is not a static class"));
        Assert.All(features, f => Assert.True(f.GetNestedTypes().Any(n => n.Name == "Request"), $"{f.Name} has no Request"));
        // Every request goes through MediatR, but the redirect: the documented hot-path exception.
        var outside = features.Where(f => f.GetNestedTypes().Single(n => n.Name == "Request").GetInterfaces().All(i => !i.Name.StartsWith("IRequest", StringComparison.Ordinal)))
            .Select(f => f.Name).ToList();
        Assert.Equal(["FollowLink"], outside);
    }
}
