namespace AlbLogLambda.Core.Evidence;

/// <summary>What AWS's own figures say about a cause the logs suggest.</summary>
public enum ConfirmationVerdict
{
    /// <summary>The metric the cause predicts has data points in the window.</summary>
    Confirmed,

    /// <summary>The predicted metric is zero while another one, which points to a different cause, is not.</summary>
    Contradicted,

    /// <summary>The predicted metric is zero and no other metric points elsewhere: CloudWatch saw nothing either way.</summary>
    Unconfirmed,

    /// <summary>The predicted metric could not be had (no permission, an API error, the time budget), or none applies.</summary>
    Unavailable,
}
