using System.Globalization;

namespace AlbLogLambda.Cli;

/// <summary>"1 object", "2 objects", "1,000 objects": a count with its noun in the right number.</summary>
internal static class Plural
{
    public static string Of(long count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
}
