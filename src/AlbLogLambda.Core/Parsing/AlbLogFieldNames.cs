namespace AlbLogLambda.Core.Parsing;

/// <summary>The names AWS gives the fields, for messages that point at one.</summary>
public static class AlbLogFieldNames
{
    private static readonly string[] s_names =
    [
        "type",
        "time",
        "elb",
        "client:port",
        "target:port",
        "request_processing_time",
        "target_processing_time",
        "response_processing_time",
        "elb_status_code",
        "target_status_code",
        "received_bytes",
        "sent_bytes",
        "request",
        "user_agent",
        "ssl_cipher",
        "ssl_protocol",
        "target_group_arn",
        "trace_id",
        "domain_name",
        "chosen_cert_arn",
        "matched_rule_priority",
        "request_creation_time",
        "actions_executed",
        "redirect_url",
        "error_reason",
        "target:port_list",
        "target_status_code_list",
        "classification",
        "classification_reason",
        "conn_trace_id",
        "transformed_host",
        "transformed_uri",
        "request_transform_status",
    ];

    /// <summary>The AWS name of the field, such as <c>received_bytes</c>.</summary>
    public static string AwsName(this AlbLogField field) => s_names[(int)field];

    /// <summary>"field 11 (received_bytes)": the one-based position a person counts, and the name.</summary>
    public static string Describe(this AlbLogField field) =>
        "field " + ((int)field + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + s_names[(int)field] + ")";
}
