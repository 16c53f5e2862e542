using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

public class SecurityTests
{
    private const string Token = "s3cret-token";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task GrpcCallsWithoutTheRightBearerTokenAreUnauthenticated(string? presented)
    {
        await using var server = await TestServer.StartAsync(o => o.BearerToken = Token);
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var channel = QecGrpcChannels.Create(server.Server.GrpcAddress);
        var bad = new Protocol.Decoder.DecoderClient(QecGrpcChannels.WithToken(channel, presented));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await bad.ListDecodersAsync(new ListDecodersRequest()));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        using var call = bad.Decode();
        var e2 = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unauthenticated, e2.StatusCode);
        // Health checks stay open to probes without a token.
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        await bystanders.AssertAliveAsync(); // they carry the right token
        Assert.NotEmpty((await server.Grpc().ListDecodersAsync(new ListDecodersRequest())).Decoders);
    }

    [Theory]
    [InlineData(null, "this server needs a bearer token in HELLO")]
    [InlineData("wrong", "the bearer token does not match")]
    public async Task RawHelloWithoutTheRightTokenIsUnauthenticated(string? presented, string message)
    {
        await using var server = await TestServer.StartAsync(o => o.BearerToken = Token);
        await using var bystanders = await Bystanders.OpenAsync(server);
        var e = Assert.Throws<RawServerException>(() => RawDecoderClient.ConnectTcp(server.Server.RawEndPoint!, presented));
        Assert.Equal(StatusCode.Unauthenticated, e.Code);
        Assert.Equal(message, e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task TlsCertificateOptionServesGrpcOverHttps()
    {
        using var cert = SelfSigned();
        await using var server = await TestServer.StartAsync(o => o.Certificate = cert);
        Assert.Equal("https", server.Server.GrpcAddress!.Scheme);
        using var channel = QecGrpcChannels.Create(server.Server.GrpcAddress, certificateCheck: (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == cert.GetCertHashString());
        var client = new Protocol.Decoder.DecoderClient(channel);
        var reply = await client.ListDecodersAsync(new ListDecodersRequest());
        Assert.Contains(reply.Decoders, d => d.Name == "parity");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=qecd-test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
