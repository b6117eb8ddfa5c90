namespace AlbLogLambda;

/// <summary>A <see cref="AlbLogLambda.FunctionHandler"/> with the clients it was built with; disposing it releases them.</summary>
public sealed class HostedFunction : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    internal HostedFunction(FunctionHandler function, IReadOnlyList<IDisposable> owned)
    {
        Handler = function;
        _owned = owned;
    }

    public FunctionHandler Handler { get; }

    public void Dispose()
    {
        foreach (var resource in _owned) resource.Dispose();
    }
}
