using System.Net;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.Evidence;

[Trait("Category", "Integration")]
public sealed class MotoServerTests
{
    [Fact]
    public async Task StartAsync_AnswersOnItsPort_DisposeStopsIt()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var server = await MotoServer.StartAsync();
        var endpoint = server.Endpoint;
        try
        {
            using var answer = await http.GetAsync(new Uri(endpoint, "moto-api/"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("127.0.0.1", endpoint.Host);
        }
        finally
        {
            await server.DisposeAsync();
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(endpoint, "moto-api/")));
    }
}
