namespace AlbLogLambda.Core.Analysis;

public sealed record MalformedSample(string Source, long Line, string Reason, string Text);
