namespace AlbLogLambda.Core.Reading;

/// <summary>How the bytes of a log object were stored.</summary>
public enum LogEncoding
{
    Plain,
    Gzip,
}
