namespace AlbLogLambda.TestSupport;

/// <summary>One fault <see cref="FaultProxy"/> can inject (see <see cref="FaultProxy.Inject"/>).</summary>
/// <param name="Kind">What happens to the request.</param>
public sealed record ProxyFault(ProxyFaultKind Kind)
{
    /// <summary>Close the connection once the request is read.</summary>
    public static ProxyFault Drop { get; } = new(ProxyFaultKind.Drop);

    /// <summary>Accept the request, never answer.</summary>
    public static ProxyFault Stall { get; } = new(ProxyFaultKind.Stall);

    /// <summary>503 SlowDown (S3) or 400 Throttling (query APIs).</summary>
    public static ProxyFault Throttle { get; } = new(ProxyFaultKind.Throttle);

    /// <summary>The HTTP status of <see cref="ProxyFaultKind.ServerError"/>: 500 (InternalError) or 503 (ServiceUnavailable).</summary>
    public int Status { get; init; } = 500;

    /// <summary>For <see cref="ProxyFaultKind.DropMidBody"/>: the body bytes relayed before the connection is closed.</summary>
    public long AfterBytes { get; init; }

    /// <summary>An AWS-style 500 InternalError or 503 ServiceUnavailable.</summary>
    public static ProxyFault ServerError(int status = 500)
    {
        if (status is not (500 or 503))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "500 or 503");
        }

        return new ProxyFault(ProxyFaultKind.ServerError) { Status = status };
    }

    /// <summary>The upstream's answer cut after <paramref name="afterBytes"/> bytes of its body.</summary>
    public static ProxyFault DropMidBody(long afterBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        return new ProxyFault(ProxyFaultKind.DropMidBody) { AfterBytes = afterBytes };
    }

    /// <summary>The fault a theory names in its data: drop, stall, 500, 503 or throttle.</summary>
    public static ProxyFault Named(string name) => name switch
    {
        "drop" => Drop,
        "stall" => Stall,
        "500" => ServerError(500),
        "503" => ServerError(503),
        "throttle" => Throttle,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "drop, stall, 500, 503 or throttle"),
    };
}
