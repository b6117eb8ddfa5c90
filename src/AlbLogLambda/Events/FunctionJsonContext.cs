using System.Text.Json.Serialization;

namespace AlbLogLambda.Events;

/// <summary>The function's only JSON serializer metadata: source generated, so the function stays trim and AOT clean.</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Default,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(LambdaEventEnvelope))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;
