namespace AlbLogLambda.Core.Batch;

/// <summary>What a batch did with one object.</summary>
public enum BatchObjectStatus
{
    /// <summary>Read to the end; its entries are in its load balancer's summary.</summary>
    Ok,

    /// <summary>Cannot be read and never will be (missing, corrupt, not a log): reported, not retried.</summary>
    Failed,

    /// <summary>Not an ALB access log (connection log, test file, another prefix): nothing to do.</summary>
    Skipped,

    /// <summary>Not read this time (a fault an operator or time fixes, or the deadline): its unit is retried.</summary>
    Retry,
}
