using MediatR;
using NetArchTest.Rules;

namespace InfluenceCrm.Tests.Platform;

/// <summary>The module rules of ARCHITECTURE.md, kept true by the build.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly PlatformAssembly = typeof(InfluenceCrm.Platform.Data.Sql).Assembly;
    private static readonly System.Reflection.Assembly CreatorsAssembly = typeof(InfluenceCrm.Creators.CreatorsModule).Assembly;

    [Fact]
    public void Platform_depends_on_no_module_and_not_on_the_host()
    {
        var result = Types.InAssembly(PlatformAssembly).ShouldNot()
            .HaveDependencyOnAny("InfluenceCrm.Creators", "InfluenceCrm.Api").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Modules_do_not_depend_on_the_host()
    {
        var result = Types.InAssembly(CreatorsAssembly).ShouldNot().HaveDependencyOn("InfluenceCrm.Api").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Handlers_and_validators_are_internal_and_sealed()
    {
        foreach (var assembly in new[] { CreatorsAssembly, typeof(Program).Assembly })
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
        var features = CreatorsAssembly.GetTypes().Where(t => t.Namespace == "InfluenceCrm.Creators.Features" && !t.IsNested).ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.True(f.IsAbstract && f.IsSealed, $"{f.Name} is not a static class"));
        Assert.All(features, f => Assert.True(f.GetNestedTypes().Any(n => n.Name == "Request"), $"{f.Name} has no Request"));
    }
}
