using System.CommandLine;
using System.Globalization;

namespace AlbLogLambda.Cli;

/// <summary>Value rules for options, checked while parsing, so that a bad value is a usage error (exit 1).</summary>
internal static class OptionRules
{
    /// <summary>The value must be at least <paramref name="minimum"/>. A value that is no number is the parser's own error.</summary>
    public static void AtLeast(Option<int> option, int minimum)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0
                || !int.TryParse(result.Tokens[^1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                return;
            }
            if (value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
    }
}
