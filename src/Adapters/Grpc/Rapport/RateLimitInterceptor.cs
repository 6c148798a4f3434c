using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Application.Common;
using Rapport.Application.Partners;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>One token bucket per partner; an empty bucket answers RESOURCE_EXHAUSTED with google.rpc.RetryInfo.</summary>
public sealed class RateLimitInterceptor(IClock clock) : IGrpcInterceptor
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public async ValueTask<GrpcStatus> InterceptAsync(GrpcCallContext context, GrpcContinuation next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Partner() is not { } partner)
        {
            return await next(context).ConfigureAwait(false);
        }

        var now = clock.UtcNow;
        var bucket = _buckets.AddOrUpdate(
            partner.Name,
            static (_, args) => new TokenBucket(args.partner.Rate, args.now),
            static (_, existing, args) => existing.Rate == args.partner.Rate ? existing : new TokenBucket(args.partner.Rate, args.now),
            (partner, now));
        if (!bucket.TryTake(now, out var retryAfter))
        {
            var limited = new Error(PartnerErrors.RateLimited, $"partner '{partner.Name}' exceeded {partner.Rate}");
            return ErrorMapping.ToStatus(limited, [new Google.Rpc.RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }], ("limit", partner.Rate.ToString()));
        }

        return await next(context).ConfigureAwait(false);
    }
}
