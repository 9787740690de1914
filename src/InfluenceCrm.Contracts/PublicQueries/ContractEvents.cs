using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Contracts.PublicQueries;

/// <summary>
/// The webhook events this module publishes (contracts and their payments); the host aggregates every module's into the
/// catalogue. Wire names never change: receivers switch on them.
/// </summary>
public static class ContractEvents
{
    public const string ContractSent = "contract.sent";
    public const string ContractSigned = "contract.signed";
    public const string ContractTerminated = "contract.terminated";
    public const string PaymentDue = "payment.due";
    public const string PaymentPaid = "payment.paid";

    public static readonly IReadOnlyList<WebhookEventTypes.EventType> All =
    [
        new(ContractSent, "A contract was sent for signature (data: the contract)."),
        new(ContractSigned, "A contract was signed (data: the contract)."),
        new(ContractTerminated, "A contract was terminated (data: the contract)."),
        new(PaymentDue, "A milestone payment fell due (data: the payment)."),
        new(PaymentPaid, "A milestone payment was recorded as paid (data: the payment)."),
    ];
}
