using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using Rapport.Adapters.Grpc.Tests.Support;

namespace Rapport.Adapters.Grpc.Tests.Server;

public sealed class ReflectionServiceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Answers_each_request_on_one_stream()
    {
        var responses = await AskAsync("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            new ServerReflectionRequest { ListServices = "" },
            new ServerReflectionRequest { FileContainingSymbol = "rapport.test.v1.TestService.Echo" },
            new ServerReflectionRequest { FileContainingSymbol = "rapport.test.v1.EchoResponse" },
            new ServerReflectionRequest { FileByFilename = "rapport/v1/contacts.proto" },
            new ServerReflectionRequest { FileContainingSymbol = "no.such.Thing" },
            new ServerReflectionRequest { FileByFilename = "missing.proto" });

        string[] expected = [.. Hosting.PartnerApi.ServiceNames(), "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "rapport.test.v1.TestService"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), responses[0].ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal));
        var files = Names(responses[1]);
        Assert.Equal(["test.proto", "google/protobuf/timestamp.proto"], files);
        Assert.Equal(files, Names(responses[2]));
        Assert.Equal("rapport/v1/contacts.proto", Names(responses[3])[0]);
        Assert.Equal((int)StatusCode.NotFound, responses[4].ErrorResponse.ErrorCode);
        Assert.Equal((int)StatusCode.NotFound, responses[5].ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task Served_descriptors_rebuild_the_service()
    {
        var response = (await AskAsync("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
            new ServerReflectionRequest { FileContainingSymbol = "rapport.test.v1.TestService" }))[0];

        var rebuilt = FileDescriptor.BuildFromByteStrings(response.FileDescriptorResponse.FileDescriptorProto.Reverse());
        var service = rebuilt.Single(f => f.Name == "test.proto").Services.Single();
        Assert.Equal("rapport.test.v1.TestService", service.FullName);
        Assert.Contains(service.Methods, m => m.Name == "BidiEcho" && m.IsClientStreaming && m.IsServerStreaming);
    }

    private async Task<List<ServerReflectionResponse>> AskAsync(string path, params ServerReflectionRequest[] requests)
    {
        var response = await fixture.Client.SendAsync(path, GrpcFrames.Frames(requests));
        Assert.Equal(StatusCode.OK, response.Status);
        return response.Messages.Select(m => ServerReflectionResponse.Parser.ParseFrom(m)).ToList();
    }

    private static List<string> Names(ServerReflectionResponse response) =>
        response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();
}
