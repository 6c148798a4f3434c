using Rapport.Application.Audit;
using Rapport.Application.Common;

namespace Rapport.Application.Sharing.Sent;

/// <summary>
/// Customer side: "what this business has seen" — for each business, the fields and interactions this node's sync sent
/// it, read from the <see cref="SentAudit"/> entries of the whole audit log (never values: they are not audited).
/// </summary>
public sealed class ShowSentToBusinesses(IUnitOfWorkFactory unitOfWork)
{
    private const int PageSize = 10_000;

    public async Task<IReadOnlyDictionary<string, SentToBusiness>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var sent = new Dictionary<string, Tally>(StringComparer.Ordinal);
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        long? before = null;
        while (true)
        {
            var page = await work.Audit.QueryAsync(
                new AuditQuery(null, null, PageSize) { ActionPrefix = SentAudit.Action, BeforeSequence = before }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (SentAudit.BusinessOf(entry.Event) is not { } business)
                {
                    continue;
                }

                if (!sent.TryGetValue(business, out var tally))
                {
                    sent[business] = tally = new Tally(entry.Event.At);
                }

                tally.Add(entry.Event.At, SentAudit.Read(entry.Event.Detail));
            }

            if (page.Count < PageSize)
            {
                break;
            }

            before = page[0].Sequence;
        }

        return sent.ToDictionary(s => s.Key, s => new SentToBusiness(s.Key, s.Value.Fields, s.Value.Interactions, s.Value.First, s.Value.Last), StringComparer.Ordinal);
    }

    private sealed class Tally(DateTimeOffset at)
    {
        public SortedSet<string> Fields { get; } = new(StringComparer.Ordinal);

        public int Interactions { get; private set; }

        public DateTimeOffset First { get; private set; } = at;

        public DateTimeOffset Last { get; private set; } = at;

        public void Add(DateTimeOffset at, (IReadOnlyList<string> Fields, int Interactions) sent)
        {
            Fields.UnionWith(sent.Fields);
            Interactions += sent.Interactions;
            First = at < First ? at : First;
            Last = at > Last ? at : Last;
        }
    }
}
