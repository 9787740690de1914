using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Creators;

/// <summary>A portal request acts as one creator (<see cref="Caller.PortalCreatorId"/>): another creator's id is a 404, as another workspace's.</summary>
internal static class PortalScope
{
    public static void Check(Caller caller, string creatorId)
    {
        if (caller.PortalCreatorId is { } me && me != creatorId)
        {
            throw new NotFoundException("creator", creatorId);
        }
    }
}
