using System.Xml.Linq;

namespace AlbLogLambda.Aws;

/// <summary>Reading query-API answers by local element names (the services' XML namespaces differ and change).</summary>
internal static class QueryXml
{
    /// <summary>The child elements of <paramref name="parent"/> named <paramref name="name"/>.</summary>
    public static IEnumerable<XElement> Children(this XContainer parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The first child named <paramref name="name"/>, or null.</summary>
    public static XElement? Child(this XContainer parent, string name) => parent.Children(name).FirstOrDefault();

    /// <summary>The first descendant named <paramref name="name"/>, or null.</summary>
    public static XElement? Find(this XContainer parent, string name) =>
        parent.Descendants().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The trimmed text of the first child named <paramref name="name"/>; null when absent or empty.</summary>
    public static string? ChildText(this XContainer parent, string name) =>
        parent.Child(name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The <c>member</c> elements of the list <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static IEnumerable<XElement> Members(this XContainer parent, string name) =>
        parent.Child(name)?.Children("member") ?? [];
}
