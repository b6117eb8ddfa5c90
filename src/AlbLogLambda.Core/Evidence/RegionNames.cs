namespace AlbLogLambda.Core.Evidence;

/// <summary>
/// Whether a text can be an AWS region name (<c>eu-west-1</c>, <c>us-gov-west-1</c>, <c>cn-north-1</c>) before an
/// endpoint host is built from it: a region read from a log line, a file name or an option must not steer signed
/// requests, with the caller's key id and session token, to another host.
/// </summary>
public static class RegionNames
{
    /// <summary>Lower-case letters in hyphen-separated parts, the last part a number: at most 32 characters.</summary>
    public static bool IsWellFormed(string? region)
    {
        if (string.IsNullOrEmpty(region) || region.Length > 32) return false;
        var parts = region.Split('-');
        if (parts.Length < 3) return false;
        for (int i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            bool last = i == parts.Length - 1;
            if (part.Length == 0) return false;
            foreach (char c in part)
            {
                if (last ? !char.IsAsciiDigit(c) : !char.IsAsciiLetterLower(c)) return false;
            }
        }
        return true;
    }
}
