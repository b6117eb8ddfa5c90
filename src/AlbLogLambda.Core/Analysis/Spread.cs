namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// How many distinct targets a cause touched (<paramref name="Targets"/>) out of the distinct targets that served
/// requests for the same target groups in the window (<paramref name="Of"/>): "3 of 24 targets".
/// </summary>
public sealed record Spread(long Targets, long Of);
