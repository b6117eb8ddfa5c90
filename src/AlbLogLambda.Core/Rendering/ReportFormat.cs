using System.Globalization;

namespace AlbLogLambda.Core.Rendering;

/// <summary>Small formatting rules shared by the renderers.</summary>
public static class ReportFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>ISO 8601 UTC with microseconds, as ALB writes times, as used in every output.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>The minute a timeline bucket starts, ISO 8601 UTC without seconds: <c>2026-11-24T10:03Z</c>.</summary>
    public static string Minute(DateTimeOffset minute) =>
        minute.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string Plural(long count, string singular, string plural) => count == 1 ? singular : plural;
}
