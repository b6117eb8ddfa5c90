using W = AlbLogLambda.Generation.GeneratorWorld;

namespace AlbLogLambda.Generation;

/// <summary>
/// One generation pass: draws the kind of every entry from exact per-kind quotas (each step picks a kind
/// with probability remaining/total, so counts are exact and the order is shuffled), fills a
/// <see cref="Line"/>, and formats it into a reused buffer that is handed to the sink in large chunks.
/// </summary>
internal sealed partial class GeneratorRun
{
    private const int BufferBytes = 256 * 1024;

    /// <summary>Upper bound of one formatted line (the longest parts are the user agent and the ARNs).</summary>
    private const int MaxLineBytes = 8 * 1024;

    private readonly GeneratorOptions _options;
    private readonly OutputSink _sink;
    private readonly Prng _rng;
    private readonly GeneratorWorld _world;
    private readonly Utf8LineBuffer _buffer = new(BufferBytes);
    private readonly long[] _remaining;
    private readonly long[] _kindCounts;
    private readonly long[] _occurrences;
    private readonly long[] _statusCounts = new long[1000];
    private readonly long[] _fieldCounts = new long[64];
    private readonly Dictionary<byte[], long> _errorReasons = new(ReferenceEqualityComparer.Instance);
    private readonly List<byte[]> _webServed = [];
    private readonly List<byte[]> _apiServed = [];
    private long _remainingTotal;
    private int _webNext;
    private int _apiNext;
    private int _grpcNext;
    private int _linesInMember;
    private long _uncompressedBytes;
    private long _nonEntryLines;
    private Line _line;

    public GeneratorRun(GeneratorOptions options, OutputSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _sink = sink;
        _rng = new Prng(options.Seed);
        _world = new GeneratorWorld(options, _rng);
        _remaining = options.Mix.ApportionCounts(options.Lines);
        _kindCounts = new long[_remaining.Length];
        _occurrences = new long[_remaining.Length];
        foreach (long count in _remaining)
        {
            _remainingTotal += count;
        }

        // Connection failures that must land on a target which also served a 2xx need 2xx entries to exist.
        int needed = (_remaining[(int)GeneratedLineKind.ConnectIntermittent] > 0 ? 1 : 0)
            + (_remaining[(int)GeneratedLineKind.ConnectTlsHandshake] > 0 ? 1 : 0);
        if (_remaining[(int)GeneratedLineKind.Success2xx] < needed)
        {
            throw new ArgumentException(
                $"Intermittent and TLS connection failures go to targets that also answer 2xx: the mix needs at least {needed} Success2xx entries.",
                nameof(options));
        }
    }

    public GenerationStats Run()
    {
        int lines = _options.Lines;
        long time = (_options.StartTime.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
        long duration = _options.Duration.Ticks / 10;
        long step = lines == 0 ? 0 : duration / lines;
        long stepRemainder = lines == 0 ? 0 : duration % lines;
        long carry = 0;
        int cutAfter = _options.IncludeOddities ? lines / 3 : -1;
        int wideAt = _options.IncludeOddities ? lines / 2 : -1;
        int shortAt = _options.IncludeOddities ? 2 * lines / 3 : -1;

        for (int i = 0; i < lines; i++)
        {
            EnsureRoom();
            var kind = Draw();
            Build(kind);
            long jitter = _rng.Next(step);
            int fields = i == wideAt ? 36 : i == shortAt ? 29 : 33;
            WriteEntry(time + jitter, fields);
            Count(kind, fields);
            EndLine();

            if (i == cutAfter)
            {
                // A record cut off inside its timestamp, as a partial write leaves it: not an entry.
                EnsureRoom();
                int start = _buffer.Length;
                _buffer.Append(_line.Type);
                _buffer.Append((byte)' ');
                _buffer.AppendTimestamp(time + jitter);
                _buffer.Truncate(start + _line.Type.Length + 1 + 14);
                _buffer.Append((byte)'\n');
                _nonEntryLines++;
                EndLine();
            }

            time += step;
            carry += stepRemainder;
            if (carry >= lines)
            {
                carry -= lines;
                time++;
            }
        }
        Flush();
        _sink.EndMember();
        return BuildStats();
    }

    private GeneratedLineKind Draw()
    {
        long eligible = _remainingTotal;
        bool webReady = _webServed.Count > 0;
        bool apiReady = _apiServed.Count > 0;
        if (!webReady)
        {
            eligible -= _remaining[(int)GeneratedLineKind.ConnectIntermittent];
        }
        if (!apiReady)
        {
            eligible -= _remaining[(int)GeneratedLineKind.ConnectTlsHandshake];
        }
        long pick = _rng.Next(eligible);
        for (int k = 0; k < _remaining.Length; k++)
        {
            if ((k == (int)GeneratedLineKind.ConnectIntermittent && !webReady)
                || (k == (int)GeneratedLineKind.ConnectTlsHandshake && !apiReady))
            {
                continue;
            }
            if (pick < _remaining[k])
            {
                _remaining[k]--;
                _remainingTotal--;
                return (GeneratedLineKind)k;
            }
            pick -= _remaining[k];
        }
        throw new InvalidOperationException("No line kind left to draw.");
    }

    private void Build(GeneratedLineKind kind)
    {
        long occurrence = _occurrences[(int)kind]++;
        switch (kind)
        {
            case GeneratedLineKind.Success2xx: Success(); break;
            case GeneratedLineKind.Redirect3xx: Redirect(); break;
            case GeneratedLineKind.Client4xx: ClientError(); break;
            case GeneratedLineKind.WebSocket101: WebSocket(); break;
            case GeneratedLineKind.Neighbor500: Status500(occurrence); break;
            case GeneratedLineKind.Neighbor503: Status503(); break;
            case GeneratedLineKind.Neighbor504: Status504(occurrence); break;
            case GeneratedLineKind.Neighbor460: Status460(); break;
            case GeneratedLineKind.TargetDown: ConnectFailed(_world.Web, _world.DownTarget, 1, 6); break;
            case GeneratedLineKind.ConnectIntermittent: ConnectFailed(_world.Web, Pick(_webServed), 1, 6); break;
            case GeneratedLineKind.ConnectTlsHandshake: ConnectFailed(_world.Api, Pick(_apiServed), 3, 41); break;
            case GeneratedLineKind.KeepAliveRace: TargetClosed(_rng.Next(0, 10)); break;
            case GeneratedLineKind.LongRequestCut: TargetClosed(_rng.Next(30_000, 300_001)); break;
            case GeneratedLineKind.ClosedMidRequest: TargetClosed(_rng.Next(50, 29_001)); break;
            case GeneratedLineKind.LambdaResponseTooLarge: LambdaFailed(W.LambdaResponseTooLarge, _rng.Next(150, 4000)); break;
            case GeneratedLineKind.LambdaUnhandled:
                // Alternate an exception (short) and a function timeout (30 s function timeout).
                LambdaFailed(W.LambdaUnhandled, occurrence % 2 == 0 ? _rng.Next(20, 2500) : _rng.Next(30_000, 30_041));
                break;
            case GeneratedLineKind.LambdaThrottled: LambdaFailed(W.LambdaThrottling, _rng.Next(0, 4)); break;
            case GeneratedLineKind.LambdaInvalidResponse: LambdaFailed(W.LambdaInvalidResponse, _rng.Next(5, 600)); break;
            case GeneratedLineKind.LambdaError:
                LambdaFailed(W.OtherLambdaErrors[(int)(occurrence % W.OtherLambdaErrors.Length)], _rng.Next(0, 31));
                break;
            case GeneratedLineKind.FixedResponse502: FixedResponse(); break;
            case GeneratedLineKind.LoadBalancerOther502: LoadBalancerOther(occurrence); break;
            case GeneratedLineKind.TargetReturned502: TargetReturned502(); break;
            case GeneratedLineKind.TargetResponseInvalid: TargetResponseInvalid(occurrence); break;
            case GeneratedLineKind.LambdaInternalError:
                LambdaFailed(W.InternalLambdaErrors[(int)(occurrence % W.InternalLambdaErrors.Length)], _rng.Next(0, 31));
                break;
            case GeneratedLineKind.TargetCrash: TargetCrashed(); break;
            case GeneratedLineKind.ConnectTlsHandshakeTimeout: ConnectFailed(_world.Api, Pick(_world.Api.Targets), 9_600, 10_050); break;
            default: throw new InvalidOperationException($"Unhandled kind {kind}.");
        }
    }

    private void EnsureRoom()
    {
        if (_buffer.Free < MaxLineBytes)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _sink.Write(_buffer.Written);
        _uncompressedBytes += _buffer.Length;
        _buffer.Clear();
    }

    /// <summary>Ends a physical line: closes the gzip member when it holds <see cref="GeneratorOptions.LinesPerMember"/> lines.</summary>
    private void EndLine()
    {
        if (++_linesInMember == _options.LinesPerMember)
        {
            Flush();
            _sink.EndMember();
            _linesInMember = 0;
        }
    }

    private void Count(GeneratedLineKind kind, int fields)
    {
        _kindCounts[(int)kind]++;
        _statusCounts[_line.ElbStatus]++;
        _fieldCounts[fields]++;
        if (_line.ErrorReason != W.Dash)
        {
            _errorReasons[_line.ErrorReason] = _errorReasons.GetValueOrDefault(_line.ErrorReason) + 1;
        }
    }

    private GenerationStats BuildStats()
    {
        var byKind = new Dictionary<GeneratedLineKind, long>();
        for (int k = 0; k < _kindCounts.Length; k++)
        {
            if (_kindCounts[k] > 0)
            {
                byKind[(GeneratedLineKind)k] = _kindCounts[k];
            }
        }
        var byStatus = new SortedDictionary<int, long>();
        for (int s = 0; s < _statusCounts.Length; s++)
        {
            if (_statusCounts[s] > 0)
            {
                byStatus[s] = _statusCounts[s];
            }
        }
        var byFields = new SortedDictionary<int, long>();
        for (int f = 0; f < _fieldCounts.Length; f++)
        {
            if (_fieldCounts[f] > 0)
            {
                byFields[f] = _fieldCounts[f];
            }
        }
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in _errorReasons)
        {
            byReason[System.Text.Encoding.ASCII.GetString(reason)] = count;
        }
        return new GenerationStats(
            _options.Lines, _nonEntryLines, _uncompressedBytes, [.. _sink.MemberLengths],
            byKind, byStatus, byFields, byReason);
    }

    /// <summary>The values of the entry being built; byte arrays are shared, never copied.</summary>
    private struct Line
    {
        public byte[] Type;
        public bool Tls;
        public bool Tls13;
        public bool NoSni;
        public bool SessionReused;
        public byte[] Client;
        public int ClientPort;
        public byte[]? Target;

        /// <summary>Whether target:port_list and target_status_code_list repeat the target (not for Lambda).</summary>
        public bool ListTarget;
        public int Rpt;
        public int Tpt;
        public int Rspt;
        public int ElbStatus;
        public int TargetStatus;
        public long Received;
        public long Sent;
        public long ElapsedMicros;
        public byte[]? RawRequest;
        public byte[] Method;
        public byte[] Host;
        public byte[] Path;
        public byte[] UserAgent;
        public byte[] TargetGroupArn;
        public int Rule;
        public byte[] Actions;
        public bool RedirectsToHttps;
        public byte[] ErrorReason;
        public byte[] Classification;
        public byte[] ClassificationReason;
    }
}
