using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Tests.Evidence;

public sealed class HypothesisEvidenceTests
{
    private static EvidencePart<double> Count(double value) => EvidencePart<double>.Available(value);

    [Fact]
    public void TlsHandshake_HttpsGroupWithTlsErrors_HighConfidence() =>
        Assert.Equal(TlsHandshakeFinding.HighConfidence, HypothesisEvidence.TlsHandshake("HTTPS", Count(3)));

    [Fact]
    public void TlsHandshake_HttpGroup_RuledOutWhateverTheCount()
    {
        Assert.Equal(TlsHandshakeFinding.RuledOut, HypothesisEvidence.TlsHandshake("HTTP", Count(0)));
        Assert.Equal(TlsHandshakeFinding.RuledOut, HypothesisEvidence.TlsHandshake("HTTP", Count(5)));
    }

    [Fact]
    public void TlsHandshake_HttpsWithoutTlsErrorsOrUnknownProtocol_Undecided()
    {
        Assert.Equal(TlsHandshakeFinding.Undecided, HypothesisEvidence.TlsHandshake("HTTPS", Count(0)));
        Assert.Equal(TlsHandshakeFinding.Undecided, HypothesisEvidence.TlsHandshake("HTTPS", EvidencePart<double>.Unavailable(UnavailableReason.Timeout, "t")));
        Assert.Equal(TlsHandshakeFinding.Undecided, HypothesisEvidence.TlsHandshake(null, Count(5)));
    }

    [Fact]
    public void KeepAliveRemedy_QuotesTheIdleTimeout() =>
        Assert.Equal("idle timeout 75 s: set the target's keep-alive above 75 s", HypothesisEvidence.KeepAliveRemedy(75));

    [Theory]
    [InlineData(300.0, 300, LongRequestFinding.OutlastedDeregistrationDelay)]
    [InlineData(301.5, 300, LongRequestFinding.OutlastedDeregistrationDelay)]
    [InlineData(45.0, 300, LongRequestFinding.WithinDeregistrationDelay)]
    public void LongRequestCut_AgainstTheDeregistrationDelay(double seconds, int delay, LongRequestFinding expected) =>
        Assert.Equal(expected, HypothesisEvidence.LongRequestCut(seconds, delay));
}
