using System.Text.Json;
using System.Xml.Linq;
using static AlbLogLambda.Tests.Deployment.CfnTemplate;

namespace AlbLogLambda.Tests.Deployment;

/// <summary>
/// The Lambda package holds the function and the engine, nothing of the tooling around them: the synthetic-log
/// generator (AlbLogLambda.Generation) is for the CLI, the tests and the benchmarks only.
/// </summary>
public sealed class FunctionPackageTests
{
    private const string Generator = "AlbLogLambda.Generation";

    private static string FunctionProject => Path.Combine(RepositoryRoot, "src", "AlbLogLambda", "AlbLogLambda.csproj");

    [Fact]
    public void FunctionProject_ReferencesTheEngineButNotTheGenerator()
    {
        var projects = ProjectClosure(FunctionProject);

        Assert.Contains("AlbLogLambda.Core", projects);
        Assert.DoesNotContain(Generator, projects);
    }

    [Fact]
    public void FunctionRestore_ResolvesNoGeneratorLibrary()
    {
        // What publish packages: every library of the function's restore graph, projects and packages alike.
        string assets = Path.Combine(Path.GetDirectoryName(FunctionProject)!, "obj", "project.assets.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(assets));

        var libraries = document.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("AlbLogLambda.Core", libraries);
        Assert.DoesNotContain(libraries, l => l.StartsWith(Generator, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void FunctionAssemblies_DoNotReferenceTheGenerator()
    {
        var function = typeof(FunctionSettings).Assembly;
        var core = typeof(Core.Analysis.AnalysisSession).Assembly;

        var referenced = function.GetReferencedAssemblies().Concat(core.GetReferencedAssemblies()).Select(a => a.Name).ToList();

        Assert.Contains(core.GetName().Name, referenced);
        Assert.DoesNotContain(Generator, referenced);
    }

    /// <summary>The names of <paramref name="project"/> and every project it references, directly or not.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out string? path))
        {
            if (!seen.Add(Path.GetFileNameWithoutExtension(path)))
            {
                continue;
            }
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                string include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include)));
            }
        }
        return seen;
    }
}
