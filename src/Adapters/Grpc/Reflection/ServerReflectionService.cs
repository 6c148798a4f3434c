using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Rapport.Adapters.Grpc.Reflection;

/// <summary>
/// The standard server reflection services (<c>grpc.reflection.v1</c> and <c>v1alpha</c>), describing the hosted
/// services and themselves. The two versions share one wire format, so v1alpha is answered by the v1 logic.
/// </summary>
public static class ServerReflectionService
{
    public static IReadOnlyList<GrpcServiceDefinition> Create(IEnumerable<GrpcServiceDefinition> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var v1 = ReflectionReflection.Descriptor.Services.Single(s => s.Name == "ServerReflection");
        var v1Alpha = V1Alpha.ReflectionReflection.Descriptor.Services.Single(s => s.Name == "ServerReflection");
        var index = new DescriptorIndex(services.Select(s => s.Service).Append(v1).Append(v1Alpha));
        return
        [
            GrpcServiceBuilder.ForService(v1)
                .DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", async (requests, responses, context) =>
                {
                    while (await requests.MoveNextAsync(context.CancellationToken).ConfigureAwait(false))
                    {
                        await responses.WriteAsync(Answer(index, requests.Current), context.CancellationToken).ConfigureAwait(false);
                    }
                })
                .Build(),
            GrpcServiceBuilder.ForService(v1Alpha)
                .DuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>("ServerReflectionInfo", async (requests, responses, context) =>
                {
                    while (await requests.MoveNextAsync(context.CancellationToken).ConfigureAwait(false))
                    {
                        var request = ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
                        var answer = V1Alpha.ServerReflectionResponse.Parser.ParseFrom(Answer(index, request).ToByteString());
                        await responses.WriteAsync(answer, context.CancellationToken).ConfigureAwait(false);
                    }
                })
                .Build(),
        ];
    }

    internal static ServerReflectionResponse Answer(DescriptorIndex index, ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(index.ServiceNames.Select(name => new ServiceResponse { Name = name }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFiles(response, index.FindFile(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFiles(response, index.FindSymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.FindSymbol(request.AllExtensionNumbersOfType) is null)
                {
                    SetError(response, StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                }
                else
                {
                    // Our files are proto3, which cannot declare extensions: the list is truthfully empty.
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }

                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                SetError(response, StatusCode.NotFound,
                    $"Extension not found: {request.FileContainingExtension.ContainingType}({request.FileContainingExtension.ExtensionNumber})");
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "Empty reflection request");
                break;
        }

        return response;
    }

    private static void SetFiles(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        response.FileDescriptorResponse = new FileDescriptorResponse();
        response.FileDescriptorResponse.FileDescriptorProto.AddRange(DescriptorIndex.WithDependencies(file).Select(f => f.SerializedData));
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
