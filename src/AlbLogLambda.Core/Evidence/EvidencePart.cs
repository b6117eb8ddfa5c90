using System.Diagnostics.CodeAnalysis;

namespace AlbLogLambda.Core.Evidence;

/// <summary>One piece of evidence: either its value, or why it is missing.</summary>
/// <typeparam name="T">What the piece holds.</typeparam>
public sealed class EvidencePart<T>
{
    private EvidencePart(T? value, Unavailable? missing)
    {
        Value = value;
        Missing = missing;
    }

    /// <summary>The value; default when <see cref="Missing"/> is set.</summary>
    public T? Value { get; }

    /// <summary>Why the value is missing; null when it is available.</summary>
    public Unavailable? Missing { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Missing))]
    public bool IsAvailable => Missing is null;

#pragma warning disable CA1000 // A factory on the generic type reads best at the call site: EvidencePart<int>.Available(60).
    public static EvidencePart<T> Available(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, null);
    }

    public static EvidencePart<T> Unavailable(Unavailable missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return new(default, missing);
    }

    public static EvidencePart<T> Unavailable(UnavailableReason reason, string detail) => Unavailable(new Unavailable(reason, detail));
#pragma warning restore CA1000

    public override string ToString() => IsAvailable ? $"{Value}" : $"unavailable ({Missing.ReasonId}: {Missing.Detail})";
}
