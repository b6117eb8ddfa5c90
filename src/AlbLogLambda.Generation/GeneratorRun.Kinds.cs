using W = AlbLogLambda.Generation.GeneratorWorld;

namespace AlbLogLambda.Generation;

/// <summary>The entry kinds: what each one puts in the fields, and the helpers they share.</summary>
internal sealed partial class GeneratorRun
{
    private void Success()
    {
        bool forceWeb = _remaining[(int)GeneratedLineKind.ConnectIntermittent] > 0 && _webServed.Count == 0;
        bool forceApi = !forceWeb && _remaining[(int)GeneratedLineKind.ConnectTlsHandshake] > 0 && _apiServed.Count == 0;
        int route = forceWeb ? 0 : forceApi ? 70 : (int)_rng.Next(100);
        if (route < 65)
        {
            Begin(WebType(), _world.Web);
            byte[] target = NextTarget(_world.Web, ref _webNext);
            Served(_webServed, target);
            Forwarded(target, _rng.Next(0, 2), ServiceMs(), _rng.Percent(90) ? 0 : 1, SuccessStatus());
            if (_rng.Percent(5))
            {
                _line.Actions = W.WafForward;
            }
            if (_rng.Percent(1))
            {
                _line.Classification = W.Acceptable;
                _line.ClassificationReason = W.NonCompliantHeader;
            }
        }
        else if (route < 80)
        {
            Begin(_rng.Percent(50) ? W.Https : W.H2, _world.Api);
            byte[] target = NextTarget(_world.Api, ref _apiNext);
            Served(_apiServed, target);
            Forwarded(target, _rng.Next(0, 2), ServiceMs(), 0, SuccessStatus());
        }
        else if (route < 90)
        {
            Begin(_rng.Percent(80) ? W.Https : W.Http, _world.Lambda);
            _line.Rpt = 0;
            _line.Tpt = _rng.Next(15, 900);
            _line.Rspt = 0;
            _line.ElbStatus = 200;
            _line.TargetStatus = 200;
            _line.Sent = _rng.Next(250, 6000);
            Elapsed();
        }
        else
        {
            Begin(W.Grpcs, _world.Grpc);
            Forwarded(NextTarget(_world.Grpc, ref _grpcNext), 0, _rng.Next(2, 120), 0, 200);
        }
    }

    private void Redirect()
    {
        long variant = _rng.Next(100);
        if (variant < 40)
        {
            // The HTTP listener's default action redirects to HTTPS: no target group, no target.
            Begin(W.Http, _world.Web);
            _line.TargetGroupArn = W.Dash;
            _line.Actions = W.Redirect;
            _line.RedirectsToHttps = true;
            LoadBalancerAnswer(301, _rng.Next(0, 900));
            _line.Sent = _rng.Next(180, 260);
        }
        else
        {
            Begin(WebType(), _world.Web);
            Forwarded(NextTarget(_world.Web, ref _webNext), _rng.Next(0, 2), _rng.Next(1, 40), 0, variant < 70 ? 302 : 304);
            _line.Sent = _rng.Next(150, 420);
        }
    }

    private void ClientError()
    {
        long variant = _rng.Next(100);
        if (variant < 50)
        {
            Begin(WebType(), _world.Web);
            Forwarded(NextTarget(_world.Web, ref _webNext), _rng.Next(0, 2), _rng.Next(1, 30), 0, 404);
        }
        else if (variant < 70)
        {
            Begin(_rng.Percent(50) ? W.Https : W.H2, _world.Api);
            Forwarded(NextTarget(_world.Api, ref _apiNext), 0, _rng.Next(1, 25), 0, variant < 60 ? 401 : 429);
        }
        else if (variant < 90)
        {
            // Blocked by AWS WAF: no target, status 403.
            Begin(WebType(), _world.Web);
            _line.Actions = W.Waf;
            LoadBalancerAnswer(403, _rng.Next(1000, 4000));
        }
        else
        {
            // The client never sent a complete request line.
            Begin(_rng.Percent(50) ? W.Http : W.Https, _world.Web);
            _line.RawRequest = W.MalformedRequest;
            _line.UserAgent = W.Dash;
            _line.TargetGroupArn = W.Dash;
            _line.Rule = -1;
            _line.Actions = W.Dash;
            LoadBalancerAnswer(400, _rng.Next(0, 2000));
            _line.Received = _rng.Next(0, 60);
        }
    }

    private void WebSocket()
    {
        Begin(_rng.Percent(60) ? W.Wss : W.Ws, _world.Sockets);
        Forwarded(NextTarget(_world.Sockets, ref _webNext), 0, _rng.Next(1, 6), 0, 101);
        _line.Received = _rng.Next(500, 200_000);
        _line.Sent = _rng.Next(1000, 2_000_000);
        // For WebSockets the time field is when the connection closed.
        _line.ElapsedMicros = _rng.Next(2_000_000, 600_000_000);
    }

    private void Status500(long occurrence)
    {
        if (occurrence % 2 == 0)
        {
            Begin(WebType(), _world.Web);
            Forwarded(NextTarget(_world.Web, ref _webNext), _rng.Next(0, 2), ServiceMs(), 0, 500);
        }
        else
        {
            // The identity provider's endpoint did not answer in time.
            Begin(_rng.Percent(50) ? W.Https : W.H2, _world.Admin);
            _line.Actions = W.Authenticate;
            _line.ErrorReason = W.AuthTimeouts[(int)(occurrence / 2 % W.AuthTimeouts.Length)];
            LoadBalancerAnswer(500, _rng.Next(5_000_000, 10_000_000));
        }
    }

    private void Status503()
    {
        Begin(WebType(), _world.Reports);
        LoadBalancerAnswer(503, _rng.Next(0, 1000));
    }

    private void Status504(long occurrence)
    {
        Begin(WebType(), _world.Web);
        TargetFailed(NextTarget(_world.Web, ref _webNext), 504);
        // Connect timeout (10 s) or idle timeout (60 s).
        _line.ElapsedMicros = occurrence % 2 == 0 ? _rng.Next(10_000_000, 10_004_000) : _rng.Next(60_000_000, 60_010_000);
    }

    private void Status460()
    {
        Begin(WebType(), _world.Web);
        TargetFailed(NextTarget(_world.Web, ref _webNext), 460);
        _line.Sent = 0;
        _line.ElapsedMicros = _rng.Next(300_000, 30_000_000);
    }

    private void ConnectFailed(Route route, byte[] target, int minMs, int maxMs)
    {
        Begin(route == _world.Api ? (_rng.Percent(50) ? W.Https : W.H2) : WebType(), route);
        TargetFailed(target, 502);
        _line.ElapsedMicros = _rng.Next(minMs * 1000, maxMs * 1000);
    }

    private void TargetClosed(int targetMs)
    {
        Begin(WebType(), _world.Web);
        Forwarded(Pick(_world.Web.Targets), _rng.Next(0, 2), targetMs, -1, 502);
        _line.TargetStatus = -1;
        _line.Sent = LoadBalancerPageBytes(502);
    }

    private void LambdaFailed(byte[] errorReason, int targetMs)
    {
        Begin(_rng.Percent(80) ? W.Https : W.Http, _world.Lambda);
        _line.Rpt = 0;
        _line.Tpt = targetMs;
        _line.Rspt = 0;
        _line.ElbStatus = 502;
        _line.ErrorReason = errorReason;
        _line.Sent = LoadBalancerPageBytes(502);
        Elapsed();
    }

    private void FixedResponse()
    {
        Begin(WebType(), _world.Legacy);
        _line.Actions = W.FixedResponse;
        LoadBalancerAnswer(502, _rng.Next(0, 900));
        _line.Sent = _rng.Next(180, 260);
    }

    private void LoadBalancerOther(long occurrence)
    {
        if (occurrence % 2 == 0)
        {
            Begin(_rng.Percent(50) ? W.Https : W.H2, _world.Admin);
            _line.Actions = W.Authenticate;
            _line.ErrorReason = W.AuthUnhandledException;
            LoadBalancerAnswer(502, _rng.Next(1000, 50_000));
        }
        else
        {
            // A weighted target group cookie the load balancer cannot read.
            Begin(WebType(), _world.Web);
            _line.ErrorReason = W.TargetGroupCookieInvalid;
            LoadBalancerAnswer(502, _rng.Next(0, 900));
        }
    }

    private void TargetCrashed()
    {
        // Always the first gRPC target: it drops connections mid-request while the group's others serve.
        Begin(W.Grpcs, _world.Grpc);
        Forwarded(_world.Grpc.Targets[0], 0, _rng.Next(50, 8000), -1, 502);
        _line.TargetStatus = -1;
        _line.Sent = LoadBalancerPageBytes(502);
    }

    private void TargetResponseInvalid(long occurrence)
    {
        // The target answered and the load balancer rejected the response: with the target's status (200), or with
        // all three times measured and no status.
        Begin(WebType(), _world.Web);
        bool withStatus = occurrence % 2 == 0;
        Forwarded(Pick(_world.Web.Targets), _rng.Next(0, 2), ServiceMs(), withStatus ? -1 : _rng.Next(0, 2), 502);
        _line.TargetStatus = withStatus ? 200 : -1;
        _line.Sent = LoadBalancerPageBytes(502);
    }

    private void TargetReturned502()
    {
        bool api = _rng.Percent(30);
        Begin(api ? W.Https : WebType(), api ? _world.Api : _world.Web);
        int targetMs = _rng.Percent(80) ? _rng.Next(1, 80) : _rng.Next(80, 5000);
        Forwarded(Pick(api ? _world.Api.Targets : _world.Web.Targets), _rng.Next(0, 2), targetMs, 0, 502);
        _line.Sent = _rng.Next(300, 600);
    }


    /// <summary>Starts a line for <paramref name="route"/>: client, request, agent, TLS details, defaults.</summary>
    private void Begin(byte[] type, Route route)
    {
        bool tls = type == W.Https || type == W.H2 || type == W.Grpcs || type == W.Wss;
        _line = new Line
        {
            Type = type,
            Tls = tls,
            Client = _world.Clients[_rng.Index(_world.Clients.Length)],
            ClientPort = _rng.Next(1024, 65536),
            Target = null,
            Rpt = -1,
            Tpt = -1,
            Rspt = -1,
            TargetStatus = -1,
            Received = _rng.Next(120, 900),
            Method = route.Methods[_rng.Index(route.Methods.Length)],
            Host = route.Host,
            Path = route.Paths[_rng.Index(route.Paths.Length)],
            UserAgent = AgentFor(route),
            TargetGroupArn = route.TargetGroupArn,
            Rule = route.Rule,
            Actions = W.Forward,
            ErrorReason = W.Dash,
            Classification = W.Dash,
            ClassificationReason = W.Dash,
            NoSni = tls && _rng.Percent(4),
            SessionReused = tls && _rng.Percent(12),
            Tls13 = tls && _rng.Percent(35),
        };
        if (HasBody)
        {
            _line.Received += _rng.Next(200, 4000);
        }
    }

    /// <summary>The request reached <paramref name="target"/>; times in milliseconds (-1 for absent).</summary>
    private void Forwarded(byte[] target, int rpt, int tpt, int rspt, int status)
    {
        _line.Target = target;
        _line.ListTarget = true;
        _line.Rpt = rpt;
        _line.Tpt = tpt;
        _line.Rspt = rspt;
        _line.ElbStatus = status;
        _line.TargetStatus = status;
        _line.Sent = status is 204 or 304 || _line.Method == W.Head ? _rng.Next(150, 320)
            : _line.Type == W.Grpcs ? _rng.Next(60, 4000)
            : _rng.Next(400, 60_000);
        Elapsed();
    }

    /// <summary>The load balancer picked <paramref name="target"/> but got no response: <c>-1 -1 -1 status -</c>.</summary>
    private void TargetFailed(byte[] target, int status)
    {
        _line.Target = target;
        _line.ListTarget = true;
        _line.ElbStatus = status;
        _line.Sent = LoadBalancerPageBytes(status);
    }

    /// <summary>The load balancer answered by itself (no target): <c>- -1 -1 -1 status -</c>.</summary>
    private void LoadBalancerAnswer(int status, long elapsedMicros)
    {
        _line.ElbStatus = status;
        _line.Sent = LoadBalancerPageBytes(status);
        _line.ElapsedMicros = elapsedMicros;
    }

    private void Elapsed() =>
        _line.ElapsedMicros = ((long)Math.Max(_line.Rpt, 0) + Math.Max(_line.Tpt, 0) + Math.Max(_line.Rspt, 0)) * 1000
            + _rng.Next(0, 900);

    private static int LoadBalancerPageBytes(int status) => status switch
    {
        400 => 272,
        403 => 288,
        460 => 0,
        500 => 286,
        502 => 277,
        503 => 291,
        504 => 295,
        _ => 262,
    };

    private bool HasBody => _line.Method == W.Post || _line.Method == W.Put;

    private byte[] WebType()
    {
        long r = _rng.Next(100);
        return r < 58 ? W.Https : r < 88 ? W.H2 : W.Http;
    }

    private int ServiceMs()
    {
        long r = _rng.Next(100);
        return r < 70 ? _rng.Next(1, 40) : r < 95 ? _rng.Next(40, 400) : _rng.Next(400, 3000);
    }

    private int SuccessStatus()
    {
        if (HasBody)
        {
            return _rng.Percent(60) ? 201 : 200;
        }
        if (_line.Method == W.Head)
        {
            return 200;
        }
        long r = _rng.Next(100);
        return r < 90 ? 200 : r < 95 ? 204 : 206;
    }

    private byte[] AgentFor(Route route)
    {
        byte[][] pool = route == _world.Grpc ? W.GrpcAgents : route == _world.Api ? W.ApiAgents : W.BrowserAgents;
        return pool[_rng.Index(pool.Length)];
    }

    private static byte[] NextTarget(Route route, ref int next)
    {
        // Round robin, the target group default.
        byte[] target = route.Targets[next % route.Targets.Length];
        next = (next + 1) % route.Targets.Length;
        return target;
    }

    private byte[] Pick(byte[][] items) => items[_rng.Index(items.Length)];

    private byte[] Pick(List<byte[]> items) => items[_rng.Index(items.Count)];

    private static void Served(List<byte[]> served, byte[] target)
    {
        if (!served.Contains(target))
        {
            served.Add(target);
        }
    }
}
