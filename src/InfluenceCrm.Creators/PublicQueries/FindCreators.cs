using InfluenceCrm.Creators.Features;
using MediatR;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>Creators by part of their name, for other modules' pickers (the console's roster form): the search's rules, names only.</summary>
public static class FindCreators
{
    public sealed record Request(string? Q, int Limit) : IRequest<IReadOnlyList<FoundCreator>>;

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Request, IReadOnlyList<FoundCreator>>
    {
        public async Task<IReadOnlyList<FoundCreator>> Handle(Request request, CancellationToken cancellationToken) =>
            (await mediator.Send(new SearchCreators.Request { Q = request.Q, Limit = request.Limit }, cancellationToken)).Items
                .Select(c => new FoundCreator(c.Id, c.DisplayName, c.DoNotContact)).ToList();
    }
}

public sealed record FoundCreator(string Id, string DisplayName, bool DoNotContact);
