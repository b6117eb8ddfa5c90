using System.Globalization;
using System.Text;

namespace AlbLogLambda.Generation;

/// <summary>One listener rule: where its requests go and what they look like.</summary>
internal sealed class Route(byte[] targetGroupArn, byte[] host, byte[][] targets, byte[][] paths, byte[][] methods, int rule)
{
    /// <summary>ARN of the rule's target group, or <c>-</c>.</summary>
    public byte[] TargetGroupArn { get; } = targetGroupArn;

    public byte[] Host { get; } = host;

    /// <summary>Registered targets as <c>ip:port</c>; empty for Lambda and for target groups without targets.</summary>
    public byte[][] Targets { get; } = targets;

    public byte[][] Paths { get; } = paths;

    /// <summary>Request methods, repeated to weight them.</summary>
    public byte[][] Methods { get; } = methods;

    /// <summary>matched_rule_priority (0 is the default action).</summary>
    public int Rule { get; } = rule;
}

/// <summary>
/// The simulated deployment behind the load balancer: target groups and their targets, listener rules,
/// a pool of clients and user agents. Built once per run from the options and the seeded generator.
/// </summary>
internal sealed class GeneratorWorld
{
    public GeneratorWorld(GeneratorOptions options, Prng rng)
    {
        Elb = Ascii(options.LoadBalancerId);
        string arn = $"arn:aws:elasticloadbalancing:{options.Region}:{options.AccountId}:targetgroup/";
        Certificate = Ascii($"arn:aws:acm:{options.Region}:{options.AccountId}:certificate/3f6c2a8e-91d4-4b7e-a0c5-5d18e27b94f3");

        var webTargets = new byte[options.TargetCount][];
        for (int k = 0; k < webTargets.Length; k++)
        {
            // 41 is coprime with 240, so the last octets of the first 240 targets are distinct.
            webTargets[k] = Ascii($"10.0.{11 + (k / 240)}.{10 + (k * 41 % 240)}:8080");
        }
        DownTarget = Ascii("10.0.15.87:8080");

        byte[] www = Ascii("www.example.com");
        byte[][] get = [Get];
        Web = new Route(Ascii(arn + "web/73e2d6bc24d8a067"), www, webTargets,
            Paths(rng, 60, "/", "/index.html", "/products/{n}", "/products/{n}/reviews?page={d}", "/static/js/app.{h}.js",
                "/static/css/site.{h}.css", "/images/p/{n}.webp", "/search?q=blue+jacket&sort=relevance", "/cart",
                "/account/orders", "/blog/2026/{d}/release-notes", "/favicon.ico", "/login", "/robots.txt"),
            Methods(Get, 19, Head, 1), rule: 0);
        Api = new Route(Ascii(arn + "api-tls/5b1f0c93d7e2a468"), Ascii("api.example.com"),
            [Ascii("10.0.21.34:443"), Ascii("10.0.21.58:443")],
            Paths(rng, 40, "/api/v1/orders/{n}", "/api/v1/orders?status=open&limit=50", "/api/v1/users/{n}/profile",
                "/api/v2/inventory/SKU-{n}", "/api/v1/payments/{n}/capture"),
            Methods(Get, 7, Post, 2, Put, 1), rule: 10);
        Lambda = new Route(Ascii(arn + "checkout-fn/a94c07d2e1b6f385"), www, [],
            Paths(rng, 20, "/checkout/session", "/checkout/{n}/confirm", "/checkout/quote?currency=EUR"),
            Methods(Post, 2, Get, 1), rule: 20);
        Grpc = new Route(Ascii(arn + "grpc-orders/2d8e61f0b7c3a954"), Ascii("grpc.example.com"),
            [Ascii("10.0.31.19:50051"), Ascii("10.0.31.76:50051"), Ascii("10.0.31.133:50051"), Ascii("10.0.31.201:50051")],
            Paths(rng, 4, "/orders.v1.OrderService/GetOrder", "/orders.v1.OrderService/ListOrders",
                "/orders.v1.OrderService/CreateOrder", "/grpc.health.v1.Health/Check"),
            [Post], rule: 30);
        Sockets = new Route(Web.TargetGroupArn, www, webTargets,
            Paths(rng, 10, "/socket/updates", "/socket/notifications?token={h}"), get, rule: 5);
        Legacy = new Route(Dash, www, [], Paths(rng, 10, "/v1/legacy-export", "/v1/legacy-export/{n}"),
            Methods(Get, 3, Post, 1), rule: 40);
        Reports = new Route(Ascii(arn + "reports/c07f3e9a15d2b846"), www, [],
            Paths(rng, 10, "/reports/daily.csv", "/reports/{n}/export"), get, rule: 50);
        Admin = new Route(Web.TargetGroupArn, www, webTargets, Paths(rng, 10, "/admin/", "/admin/reports/{n}"), get, rule: 60);

        Clients = new byte[512][];
        for (int i = 0; i < Clients.Length; i++)
        {
            Clients[i] = rng.Percent(12) ? Ipv6Client(rng) : Ipv4Client(rng);
        }
    }

    public static byte[] Dash { get; } = Ascii("-");

    public static byte[] Get { get; } = Ascii("GET");

    public static byte[] Head { get; } = Ascii("HEAD");

    public static byte[] Post { get; } = Ascii("POST");

    public static byte[] Put { get; } = Ascii("PUT");

    public byte[] Elb { get; }

    public byte[] Certificate { get; }

    /// <summary>The dedicated target that refuses every connection (target-down).</summary>
    public byte[] DownTarget { get; }

    public Route Web { get; }

    /// <summary>HTTPS target group: its targets listen on 443.</summary>
    public Route Api { get; }

    public Route Lambda { get; }

    public Route Grpc { get; }

    public Route Sockets { get; }

    /// <summary>A rule with a fixed-response action.</summary>
    public Route Legacy { get; }

    /// <summary>A target group with no registered targets (503).</summary>
    public Route Reports { get; }

    /// <summary>A rule with an authenticate action.</summary>
    public Route Admin { get; }

    /// <summary>Client addresses without port; IPv6 unbracketed, as ALB writes them.</summary>
    public byte[][] Clients { get; }

    /// <summary>Browser user agents, including ALB's <c>\x22</c> and <c>\xHH</c> escapes.</summary>
    public static byte[][] BrowserAgents { get; } = AsciiAll(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        @"\x22Mozilla/5.0 (compatible; SiteAuditBot/3.1; +https://audit.example.net/bot)\x22",
        @"ShopApp/5.4.1 (iPhone; iOS 18.1; \xEC\x97\x98\xEB\xA6\xAC\xEC\x8A\xA4\xEC\x9D\x98 iPhone)",
        "curl/8.5.0",
        "-");

    /// <summary>Programmatic API clients.</summary>
    public static byte[][] ApiAgents { get; } = AsciiAll(
        "okhttp/4.12.0", "okhttp/4.12.0", "python-requests/2.32.3", "Go-http-client/2.0", "Go-http-client/1.1",
        "axios/1.7.7", "Apache-HttpClient/5.3.1 (Java/21.0.5)", "aws-sdk-js/3.699.0",
        @"ShopApp/5.4.1 (iPhone; iOS 18.1; \xEC\x97\x98\xEB\xA6\xAC\xEC\x8A\xA4\xEC\x9D\x98 iPhone)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");

    public static byte[][] GrpcAgents { get; } = AsciiAll("grpc-go/1.68.0", "grpc-java-netty/1.68.1", "grpc-node-js/1.12.2");

    public static byte[] Forward { get; } = Ascii("forward");

    public static byte[] WafForward { get; } = Ascii("waf,forward");

    public static byte[] Waf { get; } = Ascii("waf");

    public static byte[] Redirect { get; } = Ascii("redirect");

    public static byte[] FixedResponse { get; } = Ascii("fixed-response");

    public static byte[] Authenticate { get; } = Ascii("authenticate");

    public static byte[] MalformedRequest { get; } = Ascii("- - -");

    public static byte[] Acceptable { get; } = Ascii("Acceptable");

    public static byte[] NonCompliantHeader { get; } = Ascii("NonCompliantHeader");

    public static byte[] LambdaResponseTooLarge { get; } = Ascii("LambdaResponseTooLarge");

    public static byte[] LambdaUnhandled { get; } = Ascii("LambdaUnhandled");

    public static byte[] LambdaThrottling { get; } = Ascii("LambdaThrottling");

    public static byte[] LambdaInvalidResponse { get; } = Ascii("LambdaInvalidResponse");

    /// <summary>Other Lambda error reasons, used in turn for lambda-error.</summary>
    public static byte[][] OtherLambdaErrors { get; } = AsciiAll(
        "LambdaKMSAccessDeniedException", "LambdaENILimitReachedException", "LambdaAccessDenied",
        "LambdaResourceNotFound", "LambdaBadRequest", "LambdaSubnetIPAddressLimitReachedException");

    /// <summary>The AWS-side Lambda failures that answer 502, used in turn.</summary>
    public static byte[][] InternalLambdaErrors { get; } = AsciiAll("LambdaConnectionError", "LambdaServiceException", "LambdaUnhandledException");

    /// <summary>A weighted-target-group cookie the load balancer cannot read.</summary>
    public static byte[] TargetGroupCookieInvalid { get; } = Ascii("AWSALBTGCookieInvalid");

    /// <summary>Authentication failures that answer 500, used in turn.</summary>
    public static byte[][] AuthTimeouts { get; } = AsciiAll("AuthTokenEpRequestTimeout", "AuthUserinfoEpRequestTimeout");

    public static byte[] AuthUnhandledException { get; } = Ascii("AuthUnhandledException");

    public static byte[] Http { get; } = Ascii("http");

    public static byte[] Https { get; } = Ascii("https");

    public static byte[] H2 { get; } = Ascii("h2");

    public static byte[] Grpcs { get; } = Ascii("grpcs");

    public static byte[] Ws { get; } = Ascii("ws");

    public static byte[] Wss { get; } = Ascii("wss");

    private static byte[] Ascii(string value) => Encoding.ASCII.GetBytes(value);

    private static byte[][] AsciiAll(params string[] values) => [.. values.Select(Ascii)];

    private static byte[][] Methods(byte[] first, int firstWeight, byte[] second, int secondWeight, byte[]? third = null, int thirdWeight = 0)
    {
        var list = new List<byte[]>();
        list.AddRange(Enumerable.Repeat(first, firstWeight));
        list.AddRange(Enumerable.Repeat(second, secondWeight));
        if (third is not null)
        {
            list.AddRange(Enumerable.Repeat(third, thirdWeight));
        }
        return [.. list];
    }

    /// <summary>
    /// A pool of concrete paths from templates: <c>{n}</c> becomes an id, <c>{d}</c> a small number and
    /// <c>{h}</c> 8 hex digits. Each template appears at least once.
    /// </summary>
    private static byte[][] Paths(Prng rng, int count, params string[] templates)
    {
        var paths = new byte[Math.Max(count, templates.Length)][];
        for (int i = 0; i < paths.Length; i++)
        {
            string template = i < templates.Length ? templates[i] : templates[rng.Index(templates.Length)];
            var text = new StringBuilder(template.Length + 16);
            for (int c = 0; c < template.Length; c++)
            {
                if (template[c] == '{' && c + 2 < template.Length && template[c + 2] == '}')
                {
                    switch (template[c + 1])
                    {
                        case 'n': text.Append(rng.Next(1000, 999_999).ToString(CultureInfo.InvariantCulture)); break;
                        case 'd': text.Append(rng.Next(1, 13).ToString(CultureInfo.InvariantCulture)); break;
                        default: text.Append(rng.NextUInt64().ToString("x8", CultureInfo.InvariantCulture)[..8]); break;
                    }
                    c += 2;
                }
                else
                {
                    text.Append(template[c]);
                }
            }
            paths[i] = Ascii(text.ToString());
        }
        return paths;
    }

    private static byte[] Ipv4Client(Prng rng)
    {
        // Documentation ranges only (RFC 5737): realistic shape, nobody's real address.
        string net = rng.Index(3) switch { 0 => "192.0.2", 1 => "198.51.100", _ => "203.0.113" };
        return Ascii($"{net}.{rng.Next(1, 255)}");
    }

    private static byte[] Ipv6Client(Prng rng)
    {
        // Documentation prefix 2001:db8::/32 (RFC 3849), written the way ALB does: full groups, no brackets.
        var text = new StringBuilder("2001:db8");
        for (int group = 0; group < 6; group++)
        {
            text.Append(':').Append(((int)rng.Next(group == 1 ? 16 : 65536)).ToString("x", CultureInfo.InvariantCulture));
        }
        return Ascii(text.ToString());
    }
}
