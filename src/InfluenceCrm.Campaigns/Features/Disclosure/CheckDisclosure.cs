using FluentValidation;
using InfluenceCrm.Campaigns.Disclosure;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>Checks a post's disclosure against a market's rules: pass, warn, fail or block, with every rule applied and its source.</summary>
public static class CheckDisclosure
{
    public static readonly string[] Compensations = ["paid", "gifted", "affiliate", "none"];

    public static readonly string[] ProductCategories =
    [
        "cosmetics", "fashion", "food", "beverages", "alcohol", "gambling", "finance", "health", "travel", "tech", "other",
        "cosmetic_surgery", "medical_treatment_substitute", "nicotine", "unlisted_animal", "risky_financial_product", "unregistered_crypto", "sports_betting_tips",
    ];

    /// <summary>Post formats as the check names them (short and reel are both vertical videos).</summary>
    public static readonly string[] Formats = ["post", "carousel", "story", "reel", "short", "video", "live", "article", "podcast_mention"];

    public sealed record StoryFrame(string? Text);

    public static readonly string[] Timings = ["whole_video", "start", "repeated", "end"];

    /// <param name="Language">The post's language (ISO 639-1); detected from the text when absent.</param>
    /// <param name="DisclosureTiming">For a video or live: whole_video, start, repeated (during a live) or end.</param>
    /// <param name="BrandControl">For a gift: did the brand have any control over the content?</param>
    /// <param name="AimedAtYoungPeople">Is the content aimed at young people?</param>
    public sealed record Request(
        string? Market, string? Platform, string? Format, string? Caption, string? OnScreenText, string? SpokenText, IReadOnlyList<StoryFrame>? StoryFrames,
        bool? PaidPartnershipLabel, string? Compensation, bool? RetouchedBody, bool? AiGeneratedPerson, string? ProductCategory, string? Language = null,
        string? DisclosureTiming = null, bool? BrandControl = null, bool? AimedAtYoungPeople = null) : IRequest<Response>;

    public sealed record Response(string Market, string Verdict, IReadOnlyList<DisclosureFinding> Findings, string RulesVersion);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Market).Must(m => m is not null && (DisclosureRules.Markets.Contains(m) || m == "UK"))
                .WithMessage($"market must be one with rules: {string.Join(", ", DisclosureRules.Markets)} (UK = GB).");
            RuleFor(r => r.Platform).Must(p => p is not null && Vocabulary.Platforms.Contains(p)).WithMessage($"platform is one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.");
            RuleFor(r => r.Format).Must(f => f is not null && Formats.Contains(f)).WithMessage($"format is one of: {string.Join(", ", Formats)}.");
            RuleFor(r => r.Compensation).Must(c => c is not null && Compensations.Contains(c)).WithMessage($"compensation is one of: {string.Join(", ", Compensations)}.");
            RuleFor(r => r.ProductCategory).Must(c => ProductCategories.Contains(c!)).When(r => r.ProductCategory is not null)
                .WithMessage($"productCategory is one of: {string.Join(", ", ProductCategories)}.");
            RuleFor(r => r.Caption).MaximumLength(10_000);
            RuleFor(r => r.Language).Must(l => Vocabulary.Languages.Contains(l!)).When(r => r.Language is not null).WithMessage("language is an ISO 639-1 code, e.g. fr.");
            RuleFor(r => r.DisclosureTiming).Must(t => Timings.Contains(t!)).When(r => r.DisclosureTiming is not null)
                .WithMessage($"disclosureTiming is one of: {string.Join(", ", Timings)}.");
            RuleFor(r => r.StoryFrames).Must(f => f is null || f.Count <= 100).WithMessage("At most 100 story frames.");
        }
    }

    internal sealed class Handler(TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request r, CancellationToken cancellationToken)
        {
            var rules = DisclosureRules.InForce(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            var market = r.Market == "UK" ? "GB" : r.Market!;
            var verdict = DisclosureEngine.Evaluate(new DisclosureInput(market, r.Platform!, r.Format!, r.Caption, r.OnScreenText, r.SpokenText,
                r.StoryFrames?.Select(f => f?.Text).ToList(), r.PaidPartnershipLabel ?? false, r.Compensation!, r.RetouchedBody ?? false, r.AiGeneratedPerson ?? false,
                r.ProductCategory, r.Language, r.DisclosureTiming, r.BrandControl, r.AimedAtYoungPeople), rules);
            return Task.FromResult(new Response(market, verdict.Verdict, verdict.Findings, verdict.RulesVersion));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/disclosure-checks", async (Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(CheckDisclosure))
            .WithSummary("Check a post's ad disclosure against a market's rules (pass / warn / fail / block, with findings and sources)")
            .Produces<Response>();
}
