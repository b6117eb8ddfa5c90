using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AlbLogLambda.Tests.Deployment;

/// <summary>
/// A CloudFormation/SAM template read with YamlDotNet into plain values: mappings become
/// <see cref="Dictionary{TKey,TValue}"/>, sequences <see cref="List{T}"/>, scalars strings. The short tags are
/// expanded to their long forms (<c>!Ref X</c> → <c>{ Ref: X }</c>, <c>!GetAtt A.B</c> → <c>{ Fn::GetAtt: [A, B] }</c>,
/// <c>!Sub s</c> → <c>{ Fn::Sub: s }</c>, <c>!Condition C</c> → <c>{ Condition: C }</c>), as CloudFormation reads them.
/// </summary>
internal sealed class CfnTemplate
{
    private CfnTemplate(Dictionary<string, object?> root) => Root = root;

    public Dictionary<string, object?> Root { get; }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlbLogLambda.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static CfnTemplate Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        return new CfnTemplate(Map(Convert(Assert.Single(stream.Documents).RootNode)));
    }

    public Dictionary<string, object?> Resource(string logicalId) => Map(Map(Root["Resources"])[logicalId]);

    public Dictionary<string, object?> Properties(string logicalId) => Map(Resource(logicalId)["Properties"]);

    public Dictionary<string, object?> Parameter(string name) => Map(Map(Root["Parameters"])[name]);

    public IEnumerable<(string Id, Dictionary<string, object?> Resource)> ResourcesOfType(string type) =>
        Map(Root["Resources"]).Select(r => (r.Key, Map(r.Value))).Where(r => Str(r.Item2["Type"]) == type);

    public static Dictionary<string, object?> Map(object? value) =>
        value as Dictionary<string, object?> ?? throw new InvalidOperationException($"expected a mapping, got {Describe(value)}");

    public static List<object?> Seq(object? value) =>
        value as List<object?> ?? throw new InvalidOperationException($"expected a sequence, got {Describe(value)}");

    public static string Str(object? value) =>
        value as string ?? throw new InvalidOperationException($"expected a scalar, got {Describe(value)}");

    public static int Int(object? value) => int.Parse(Str(value), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>A scalar, or each item of a sequence of scalars (IAM allows both for Action and Resource).</summary>
    public static IEnumerable<object?> OneOrMany(object? value) => value is List<object?> list ? list : [value];

    /// <summary><c>{ Ref: name }</c>.</summary>
    public static bool IsRef(object? value, string name) =>
        value is Dictionary<string, object?> map && map.Count == 1 && map.TryGetValue("Ref", out var target) && target as string == name;

    /// <summary><c>{ Fn::GetAtt: [resource, attribute] }</c>.</summary>
    public static bool IsGetAtt(object? value, string resource, string attribute) =>
        value is Dictionary<string, object?> map && map.Count == 1 && map.TryGetValue("Fn::GetAtt", out var args)
        && args is List<object?> { Count: 2 } list && list[0] as string == resource && list[1] as string == attribute;

    /// <summary>
    /// Every string a value can take: the branches of <c>Fn::If</c> both count, a <c>Fn::Sub</c> gives its template
    /// with each variable of its map replaced by each of that variable's values, <c>Ref</c> gives <c>${Name}</c>.
    /// </summary>
    public static IEnumerable<string> Renderings(object? value)
    {
        switch (value)
        {
            case string s:
                yield return s;
                break;
            case Dictionary<string, object?> map when map.Count == 1 && map.TryGetValue("Ref", out var target):
                yield return "${" + Str(target) + "}";
                break;
            case Dictionary<string, object?> map when map.Count == 1 && map.TryGetValue("Fn::GetAtt", out var args):
                yield return "${" + string.Join('.', Seq(args).Select(Str)) + "}";
                break;
            case Dictionary<string, object?> map when map.Count == 1 && map.TryGetValue("Fn::If", out var args):
                var branches = Seq(args);
                foreach (var r in Renderings(branches[1])) yield return r;
                foreach (var r in Renderings(branches[2])) yield return r;
                break;
            case Dictionary<string, object?> map when map.Count == 1 && map.TryGetValue("Fn::Sub", out var sub):
                if (sub is string template)
                {
                    yield return template;
                    break;
                }
                var parts = Seq(sub);
                IEnumerable<string> results = [Str(parts[0])];
                foreach (var (name, variable) in Map(parts[1]))
                {
                    var options = Renderings(variable).ToList();
                    results = results.SelectMany(r => options.Select(o => r.Replace("${" + name + "}", o, StringComparison.Ordinal))).ToList();
                }
                foreach (var r in results) yield return r;
                break;
            default:
                yield return "<" + Describe(value) + ">";
                break;
        }
    }

    private static object? Convert(YamlNode node)
    {
        object? value = node switch
        {
            YamlScalarNode scalar => scalar.Value,
            YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
            YamlMappingNode mapping => mapping.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Convert(c.Value), StringComparer.Ordinal),
            _ => throw new InvalidOperationException($"unexpected YAML node {node.GetType().Name}"),
        };
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific || !node.Tag.IsLocal) return value;

        string tag = node.Tag.Value[1..];
        return tag switch
        {
            "Ref" or "Condition" => new Dictionary<string, object?>(StringComparer.Ordinal) { [tag] = value },
            "GetAtt" when value is string dotted => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Fn::GetAtt"] = dotted.Split('.', 2).Cast<object?>().ToList(),
            },
            _ => new Dictionary<string, object?>(StringComparer.Ordinal) { ["Fn::" + tag] = value },
        };
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        Dictionary<string, object?> map => "{" + string.Join(", ", map.Keys) + "}",
        List<object?> list => $"[{list.Count} items]",
        _ => value.GetType().Name,
    };
}
