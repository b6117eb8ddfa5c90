using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Reports;
using AlbLogLambda.S3;
using AlbLogLambda.TestSupport;
using static AlbLogLambda.Tests.Handler.FunctionTestKit;

namespace AlbLogLambda.Tests.S3;

[Trait("Category", "Integration")]
public sealed class S3ReportStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task StoreAsync_UploadsTheHtmlReport_AndTheLinkDownloadsTheSameBytes()
    {
        using var session = new AnalysisSession();
        session.Analyze("x.log", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Line("502 502"))));
        var summary = new LoadBalancerSummary("app/my-alb/50dc6c495c0c9188", session.BuildReport(), [new LogObjectRef(Bucket, Key(), "e")], 0);
        var options = new S3LogObjectSourceOptions { Endpoint = s3.Server.ServiceUrl, Region = "us-east-1" };
        using var store = S3ReportStore.Create(S3rverFixture.Bucket, "reports/", TimeSpan.FromDays(7), options, TimeProvider.System, S3rverServer.Credentials);

        var link = await store.StoreAsync(summary, CancellationToken.None);

        Assert.Contains($"/reports/my-alb/{summary.Identity}.html", link.AbsolutePath, StringComparison.Ordinal);
        // Against a regional AWS endpoint the SDK signs with SigV4 (X-Amz-Expires); against a custom endpoint such as
        // this local one it uses the older query form (Expires = an epoch time). Either way: seven days from now.
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        if (query["X-Amz-Expires"] is { } seconds)
        {
            Assert.Equal("604800", seconds);
        }
        else
        {
            var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["Expires"]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(5));
            Assert.NotNull(query["Signature"]);
        }
        using var http = new HttpClient();
        var downloaded = await http.GetStringAsync(link);
        Assert.Equal(AlbLogLambda.Core.Rendering.HtmlReportRenderer.Render(summary.Report, new() { Heading = summary.LoadBalancer }), downloaded);
        Assert.StartsWith("<!DOCTYPE html>", downloaded, StringComparison.Ordinal);
    }
}
