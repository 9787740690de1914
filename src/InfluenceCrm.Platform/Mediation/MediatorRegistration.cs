using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Platform.Mediation;

/// <summary>
/// MediatR 5.1.0 predates its DI package (not served here), so handlers are registered by an assembly scan of our own:
/// every closed IRequestHandler&lt;,&gt; and INotificationHandler&lt;&gt; (a module reacting to another's published
/// notification) and every FluentValidation validator found in the module assemblies.
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddMediatorFrom(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TracingBehavior<,>)); // outermost: the span covers validation too
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) || i.GetGenericTypeDefinition() == typeof(INotificationHandler<>))))
            {
                services.AddTransient(contract, type);
            }
        }

        services.AddValidatorsFromAssemblies(assemblies, ServiceLifetime.Transient, includeInternalTypes: true);
        return services;
    }
}
