using InfluenceCrm.Media.Features;
using MediatR;

namespace InfluenceCrm.Media.PublicQueries;

/// <summary>
/// Sent by another module's page that takes files from a person (the creator's portal: a draft's photos and videos): the file is
/// stored exactly as <c>POST /api/v1/media</c> stores it (<see cref="UploadMedia"/>: kinds by their bytes, the size limit, a
/// thumbnail, the location removed), in the caller's workspace. 413 and 415 as there.
/// </summary>
public static class StoreMediaFile
{
    public sealed record Request(Stream Content) : IRequest<MediaFile>;

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Request, MediaFile>
    {
        public Task<MediaFile> Handle(Request request, CancellationToken cancellationToken) =>
            mediator.Send(new UploadMedia.Request(request.Content), cancellationToken);
    }
}
