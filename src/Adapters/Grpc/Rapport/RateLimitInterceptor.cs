using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rapport.Adapters.Grpc.Interception;
using Rapport.Application.Common;
using Rapport.Application.Partners;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>One token bucket per partner; an empty bucket answers RESOURCE_EXHAUSTED with google.rpc.RetryInfo.</summary>
/// <remarks>A singleton: the buckets outlive calls.</remarks>
public sealed class RateLimitInterceptor(IClock clock) : CallInterceptor
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    protected override async Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Partner() is not { } partner)
        {
            return await next().ConfigureAwait(false);
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
            throw ErrorMapping.ToRpc(limited, [new Google.Rpc.RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }], ("limit", partner.Rate.ToString()));
        }

        return await next().ConfigureAwait(false);
    }
}
