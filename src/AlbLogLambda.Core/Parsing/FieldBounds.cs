using System.Runtime.InteropServices;

namespace AlbLogLambda.Core.Parsing;

/// <summary>Where one field lies in its line, without its quotes.</summary>
/// <param name="Start">Offset of the field's first byte.</param>
/// <param name="Length">Its length in bytes.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct FieldBounds(int Start, int Length);
