using System.CommandLine;

namespace AlbLogLambda.Cli;

/// <summary>
/// <c>--color auto|always|never</c>: auto colours only a terminal, and not when NO_COLOR is set to anything
/// (no-color.org) or TERM is <c>dumb</c>; always and never decide alone (an explicit flag wins over NO_COLOR).
/// </summary>
internal static class ColorOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--color")
        {
            Description = "Colour the text report: auto (a terminal, unless NO_COLOR is set), always or never.",
            HelpName = "auto|always|never",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "always", "never");
        return option;
    }

    public static bool Resolve(string? mode, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return mode switch
        {
            "always" => true,
            "never" => false,
            _ => console.OutIsTerminal
                && string.IsNullOrEmpty(console.Environment("NO_COLOR"))
                && !string.Equals(console.Environment("TERM"), "dumb", StringComparison.Ordinal),
        };
    }
}
